-- Override refusal (issue 15 screen 6, ADR 0090): a second person may refuse a pending override instead of letting it
-- lapse. REFUSED is final; its scope rows were never active and stay so. The reason is a fixed code, never free text.
alter table safeguarding_override drop constraint safeguarding_override_state_check;
alter table safeguarding_override add constraint safeguarding_override_state_check
    check (state in ('REQUESTED', 'APPROVED', 'REFUSED', 'EXPIRED'));
alter table safeguarding_override add column refused_by uuid;
alter table safeguarding_override add column refused_by_org uuid;
alter table safeguarding_override add column refused_at timestamptz;
alter table safeguarding_override add column refusal_reason text
    check (refusal_reason in ('NOT_PROPORTIONATE', 'INSUFFICIENT_GROUNDS', 'CONSENT_OBTAINABLE', 'OTHER'));
