-- Subjects consent-service knows (learned from referral.events). Opaque ids only.
create table subject (
    id                  uuid primary key,
    registered_by_org   uuid        not null,
    registered_at       timestamptz not null,
    erased_at           timestamptz
);

-- Which organisations have a referral for a subject, and whether it is still live (not in a terminal state).
-- Fed by referral.events; the version guards against an older event overtaking a newer one.
create table subject_referral (
    referral_id         uuid primary key,
    subject_id          uuid        not null,
    from_org            uuid        not null,
    to_org              uuid        not null,
    to_service          uuid,
    state               text        not null,
    live                boolean     not null,
    event_version       integer     not null,
    updated_at          timestamptz not null
);
create index subject_referral_live on subject_referral (subject_id) where live;

-- One consent record per subject per partnership; its content lives in versions.
create table consent (
    id                  uuid primary key,
    subject_id          uuid        not null,
    partnership_id      uuid        not null,
    current_version     integer     not null,
    created_at          timestamptz not null,
    constraint consent_one_per_partnership unique (subject_id, partnership_id)
);

-- Every version ever recorded is kept. State moves ACTIVE -> SUPERSEDED | WITHDRAWN | EXPIRED, never back.
create table consent_version (
    consent_id          uuid        not null references consent (id),
    version             integer     not null,
    state               text        not null check (state in ('ACTIVE', 'WITHDRAWN', 'EXPIRED', 'SUPERSEDED')),
    change_kind         text        not null check (change_kind in ('GRANTED', 'CHANGED', 'PARTIAL_WITHDRAWAL')),
    obtained_method     text        not null,
    language            text        not null,
    interpreter_used    boolean     not null,
    art6_basis          text        not null,
    art9_condition      text        not null,
    -- Free text: how it was explained to her. Erased with her.
    explanation_note    text,
    valid_from          timestamptz not null,
    valid_until         timestamptz not null,
    recorded_by_user    uuid        not null,
    recorded_by_org     uuid        not null,
    recorded_at         timestamptz not null,
    state_changed_at    timestamptz not null,
    expiring_notified_at timestamptz,
    primary key (consent_id, version)
);
create index consent_version_active_until on consent_version (valid_until) where state = 'ACTIVE';

-- A version's provisions, one row per recipient x purpose x category, so a decision is one indexed lookup.
-- "active" mirrors the version's state (ACTIVE) and is flipped in the same transaction as the state change.
create table consent_provision (
    consent_id          uuid        not null,
    version             integer     not null,
    subject_id          uuid        not null,
    partnership_id      uuid        not null,
    recipient_type      text        not null check (recipient_type in ('ORGANISATION', 'SERVICE', 'PARTNERSHIP')),
    recipient_id        uuid        not null,
    purpose             text        not null,
    category            text        not null,
    valid_from          timestamptz not null,
    valid_until         timestamptz not null,
    active              boolean     not null,
    primary key (consent_id, version, recipient_type, recipient_id, purpose, category),
    foreign key (consent_id, version) references consent_version (consent_id, version)
);
create index consent_provision_decision on consent_provision (subject_id, partnership_id, purpose) where active;

-- Withdrawals, whole or partial: who, when, how.
create table consent_withdrawal (
    id                  uuid primary key,
    consent_id          uuid        not null references consent (id),
    from_version        integer     not null,
    resulting_version   integer,
    scope               text        not null check (scope in ('WHOLE', 'PARTIAL')),
    recipient_type      text,
    recipient_id        uuid,
    category            text,
    method              text        not null,
    withdrawn_by_user   uuid        not null,
    withdrawn_by_org    uuid        not null,
    withdrawn_at        timestamptz not null
);
create index consent_withdrawal_consent on consent_withdrawal (consent_id);

-- Safeguarding overrides: sharing without consent, effective only once a different person approved it.
create table safeguarding_override (
    id                  uuid primary key,
    subject_id          uuid        not null,
    partnership_id      uuid        not null,
    organisation_id     uuid        not null,
    state               text        not null check (state in ('REQUESTED', 'APPROVED')),
    legal_basis         text        not null,
    -- Free text. Erased with her.
    justification       text,
    valid_until         timestamptz not null,
    requested_by_user   uuid        not null,
    requested_at        timestamptz not null,
    approved_by_user    uuid,
    approved_by_org     uuid,
    approved_at         timestamptz,
    version             integer     not null
);
create index safeguarding_override_subject on safeguarding_override (subject_id);

create table override_scope (
    override_id         uuid        not null references safeguarding_override (id),
    subject_id          uuid        not null,
    partnership_id      uuid        not null,
    recipient_type      text        not null check (recipient_type in ('ORGANISATION', 'SERVICE', 'PARTNERSHIP')),
    recipient_id        uuid        not null,
    purpose             text        not null,
    category            text        not null,
    valid_until         timestamptz not null,
    active              boolean     not null,
    primary key (override_id, recipient_type, recipient_id, purpose, category)
);
create index override_scope_decision on override_scope (subject_id, partnership_id, purpose) where active;
