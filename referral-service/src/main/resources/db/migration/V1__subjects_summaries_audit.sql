-- referral-service, first slice: subjects, encrypted case-summary sections, the access audit.
-- No names, dates of birth or free text outside summary_section.ciphertext (and that is encrypted).

-- A person known to the partnership, under an opaque random id, owned by the organisation that registered her.
create table subject (
    id                  uuid         primary key,
    organisation_id     uuid         not null,          -- the owning organisation (directory id)
    lead_worker_id      varchar(100) not null,          -- Keycloak user id of her lead worker (handover changes it)
    restricted          boolean      not null default false,
    version             bigint       not null default 0, -- optimistic version of this row (handover, restriction)
    registered_by       varchar(100) not null,
    registered_at       timestamptz  not null,
    updated_at          timestamptz  not null
);
create index subject_organisation on subject (organisation_id);

-- Her own data key (AES-256), wrapped by the key-encryption key. A row of its own so that erasure deletes exactly this
-- row and every section of hers becomes unrecoverable (crypto-shredding), whatever copies of the ciphertext remain.
create table subject_key (
    subject_id   uuid         primary key references subject (id),
    kek_id       varchar(50)  not null,                 -- which key-encryption key wrapped it (rotation)
    wrapped_key  bytea        not null,                 -- format byte || GCM nonce || encrypted key || tag
    created_at   timestamptz  not null
);

-- Every version of every section is kept. Content is AES-GCM under her data key with (subject, category, version) as
-- associated data, so a ciphertext moved to another row, section or person fails to decrypt.
create table summary_section (
    subject_id              uuid         not null references subject (id),
    category                varchar(20)  not null,      -- org.pathways.contracts.vocab.DataCategory code
    version                 integer      not null check (version >= 1),
    ciphertext              bytea        not null,      -- format byte || GCM nonce || ciphertext || tag
    author_id               varchar(100) not null,
    author_organisation_id  uuid         not null,
    created_at              timestamptz  not null,
    primary key (subject_id, category, version)
);

-- The access audit: every read and change of her data. Ids and codes only. Append-only (trigger below) and
-- hash-chained: hash = SHA-256(previous hash || canonical content), seq gapless from 1, appended under the chain head's
-- row lock so the chain is linear.
create table access_audit (
    seq                    bigint       primary key,
    id                     uuid         not null unique,
    occurred_at            timestamptz  not null,
    actor_user_id          varchar(100) not null,
    actor_organisation_id  uuid,
    actor_roles            varchar(300) not null,       -- sorted Pathways role codes, comma-separated
    purpose                varchar(40)  not null,       -- org.pathways.contracts.vocab.Purpose code
    subject_id             uuid         not null,
    categories             varchar(300) not null,       -- sorted DataCategory codes, comma-separated ('' for none)
    action                 varchar(40)  not null,       -- AuditAction code
    basis                  varchar(20)  not null,       -- OWNER (later CONSENT, OVERRIDE)
    basis_ref              varchar(100),                -- later: consent id:version or override id
    outcome                varchar(10)  not null,       -- GRANTED (later DENIED for refused reads)
    prev_hash              char(64)     not null,
    hash                   char(64)     not null
);
create index access_audit_subject on access_audit (subject_id, seq);

create table audit_chain_head (
    id         smallint  primary key check (id = 1),
    last_seq   bigint    not null,
    last_hash  char(64)  not null
);
insert into audit_chain_head (id, last_seq, last_hash) values (1, 0, repeat('0', 64));

-- Append-only. The service's database user owns the table, so REVOKE cannot stop it; this trigger refuses every UPDATE,
-- DELETE and TRUNCATE. Someone who disables the trigger is still caught by the hash chain.
create function access_audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'access_audit is append-only: % refused', tg_op using errcode = 'P0001';
end;
$$;
create trigger access_audit_append_only before update or delete on access_audit
    for each row execute function access_audit_refuse_change();
create trigger access_audit_no_truncate before truncate on access_audit
    for each statement execute function access_audit_refuse_change();
