-- Issue 6: erasure, the keyed identity hash, engagements and stored report snapshots. Ids, codes and counts only.

-- Set when her data was erased (crypto-shredded). The row stays as a skeleton (ids, dates) for the stored counts.
alter table subject add column erased_at timestamptz;

-- Erasure takes two calls: her organisation requests it, a privacy officer of that organisation approves it.
create table erasure_request (
    id                      uuid         primary key,
    subject_id              uuid         not null references subject (id),
    organisation_id         uuid         not null,          -- her owning organisation
    reason_code             varchar(30)  not null,          -- ErasureReason code
    state                   varchar(20)  not null,          -- PENDING, COMPLETED, REJECTED
    requested_by            varchar(100) not null,
    requested_at            timestamptz  not null,
    decided_by              varchar(100),
    decided_at              timestamptz
);
create index erasure_request_org_state on erasure_request (organisation_id, state);
-- At most one open request per subject.
create unique index erasure_request_one_pending on erasure_request (subject_id) where state = 'PENDING';

-- HMAC-SHA256 of her normalised name + date of birth (see docs/reports.md), only for counting unduplicated people.
-- Deliberately no index on hash: it is never used to look anybody up. Deleted when she is erased.
create table identity_hash (
    subject_id   uuid        primary key references subject (id),
    hash         char(64)    not null,
    updated_at   timestamptz not null
);

-- When an organisation started working with her (registered her, or took up a referral for her): one row per
-- organisation and subject, the first time only. "New engagements per organisation per period" counts these.
create table engagement (
    organisation_id  uuid         not null,
    subject_id       uuid         not null references subject (id),
    started_at       timestamptz  not null,
    source           varchar(20)  not null,                 -- REGISTERED, REFERRAL_ACCEPTED
    primary key (organisation_id, subject_id)
);
create index engagement_started on engagement (started_at);

-- Reports for closed periods, stored once and never recomputed, so that erasure never changes a published figure.
create table report_snapshot (
    partnership_id  uuid         not null,
    period_id       varchar(40)  not null,
    generated_at    timestamptz  not null,
    body            jsonb        not null,                  -- the published (already suppressed) report
    primary key (partnership_id, period_id)
);

-- What each retention run did (counts and ids only).
create table retention_run (
    id             uuid         primary key,
    started_at     timestamptz  not null,
    finished_at    timestamptz  not null,
    data_class     varchar(40)  not null,
    action         varchar(20)  not null,                   -- ERASED, ANONYMISED
    affected       integer      not null,
    cutoff         timestamptz  not null
);
