-- What the service remembers about a safeguarding override to route its expiry (the expiry event names no people,
-- ADR 0021): who requested it (actor of "requested") and who approved it (approver of "approved"). Ids only.
create table override_party (
    override_id        uuid        primary key,
    organisation_id    uuid        not null,
    requester_user_id  uuid,
    approver_user_id   uuid,
    updated_at         timestamptz not null default now()
);
