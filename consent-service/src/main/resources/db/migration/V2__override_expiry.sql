-- Override expiry (ADR 0021): an override past its valid_until becomes EXPIRED, once, by the expiry job (which also
-- raises pathways.consent.override.expired). Decisions never waited for this: they compare valid_until with the clock.
alter table safeguarding_override drop constraint safeguarding_override_state_check;
alter table safeguarding_override add constraint safeguarding_override_state_check
    check (state in ('REQUESTED', 'APPROVED', 'EXPIRED'));
alter table safeguarding_override add column expired_at timestamptz;
create index safeguarding_override_due on safeguarding_override (valid_until) where state in ('REQUESTED', 'APPROVED');
