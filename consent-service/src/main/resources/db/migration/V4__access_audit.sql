-- Reads of safeguarding overrides (their justification is personal data), with the basis that allowed them (ADR 0025):
-- ORGANISATION (the caller's organisation registered her or has a live referral for her) or PARTNERSHIP_PRIVACY_OFFICER
-- (a privacy officer of a LEAD/MEMBER organisation of the override's partnership). Ids and codes only. Append-only:
-- written in the read's own transaction, never updated or deleted.
create table access_audit (
    entry_no              bigserial   primary key,
    at                    timestamptz not null,
    actor_user_id         text        not null,
    actor_organisation_id uuid        not null,
    actor_roles           text        not null,
    action                text        not null check (action in ('OVERRIDE_READ', 'OVERRIDES_LISTED')),
    subject_id            uuid        not null,
    override_id           uuid,
    partnership_id        uuid,
    basis                 text        not null check (basis in ('ORGANISATION', 'PARTNERSHIP_PRIVACY_OFFICER'))
);
create index access_audit_subject on access_audit (subject_id, entry_no);

create function access_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'access_audit is append-only';
end;
$$;
create trigger access_audit_no_update_delete before update or delete on access_audit
    for each row execute function access_audit_append_only();
create trigger access_audit_no_truncate before truncate on access_audit
    for each statement execute function access_audit_append_only();
