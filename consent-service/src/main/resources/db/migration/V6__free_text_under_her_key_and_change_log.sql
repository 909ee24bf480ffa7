-- Issue 14, ADR 0028: every free text about her is encrypted under her own data key, so destroying the key on
-- pathways.subject.erased destroys the text (crypto-shredding). One random AES-256 key per subject, stored only wrapped
-- by the key-encryption key from configuration (pathways.crypto.kek), bound to her id.
create table subject_key (
    subject_id   uuid primary key,
    kek_id       text        not null,
    wrapped_key  bytea       not null,
    created_at   timestamptz not null
);

-- The ciphertexts (format byte, nonce, AES-GCM ciphertext and tag). The old plain columns stay only until the start-up
-- migration (FreeTextMigration) has moved every existing row into these; nothing writes them any more.
alter table consent_version add column explanation_note_enc bytea;
alter table safeguarding_override add column justification_enc bytea;
comment on column consent_version.explanation_note is 'Legacy plain text: always null once FreeTextMigration ran (ADR 0028).';
comment on column safeguarding_override.justification is 'Legacy plain text: always null once FreeTextMigration ran (ADR 0028).';

-- Her access log also says who recorded and who withdrew each version of her consent (issue 14, ADR 0027).
alter table access_audit drop constraint access_audit_action_check;
alter table access_audit add constraint access_audit_action_check check (action in
    ('OVERRIDE_READ', 'OVERRIDES_LISTED', 'CONSENT_READ', 'CONSENTS_LISTED', 'RECEIPT_READ', 'ACCESS_LOG_READ',
     'CONSENT_RECORDED', 'CONSENT_WITHDRAWN'));
