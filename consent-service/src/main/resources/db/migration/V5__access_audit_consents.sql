-- Reads of her consents and receipts, and of the access log itself, join the override reads in access_audit (ADR 0026).
-- The basis now says which relation let the caller read: ORGANISATION (her registering organisation), LIVE_REFERRAL
-- (an organisation with a live referral for her) or PARTNERSHIP_PRIVACY_OFFICER (ADR 0025). Ids and codes only.
alter table access_audit add column consent_id uuid;
alter table access_audit drop constraint access_audit_action_check;
alter table access_audit add constraint access_audit_action_check check (action in
    ('OVERRIDE_READ', 'OVERRIDES_LISTED', 'CONSENT_READ', 'CONSENTS_LISTED', 'RECEIPT_READ', 'ACCESS_LOG_READ'));
alter table access_audit drop constraint access_audit_basis_check;
alter table access_audit add constraint access_audit_basis_check check (basis in
    ('ORGANISATION', 'LIVE_REFERRAL', 'PARTNERSHIP_PRIVACY_OFFICER'));
