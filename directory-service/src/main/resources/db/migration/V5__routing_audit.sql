-- Who receives referrals is a security decision (issue 14, finding 5; ADR 0015): every change of a service's or an
-- organisation's single point of contact is kept here, ids and codes only (never a username or mailbox address),
-- and told to the organisation's admins through pathways.directory.routing.changed.
create table routing_change (
    id                     uuid primary key,
    organisation_id        uuid not null references organisation(id),
    -- no foreign key: the audit outlives a service removed later
    service_id             uuid,
    actor_user_id          uuid,
    source                 varchar(10) not null check (source in ('API', 'IMPORT')),
    user_changed           boolean not null,
    mailbox_changed        boolean not null,
    previous_spoc_user_id  uuid,
    spoc_user_id           uuid,
    changed_at             timestamptz not null,
    check (user_changed or mailbox_changed)
);
create index routing_change_organisation on routing_change(organisation_id, changed_at);
create index routing_change_service on routing_change(service_id, changed_at);
