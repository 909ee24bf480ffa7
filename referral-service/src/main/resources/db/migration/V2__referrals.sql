-- referral-service, referrals: the referral itself, every move of its lifecycle, signposts outside the partnership and
-- needs no service could meet. Ids, codes, states and dates only, except the two free texts that travel with a
-- referral (note for the receiver, safe-contact instructions): those are AES-GCM under the subject's own data key, so
-- erasing her key (crypto-shredding) makes them unreadable with the rest of her record.

create table referral (
    id                       uuid         primary key,
    pathway_id               uuid         not null,     -- the chain of referrals for one person (first referral's id)
    partnership_id           uuid         not null,     -- the partnership whose data sharing agreement covers it
    agreement_id             uuid         not null,     -- the data sharing agreement that was current at send
    subject_id               uuid         not null references subject (id),
    from_organisation_id     uuid         not null,
    from_user_id             varchar(100) not null,
    to_organisation_id       uuid         not null,
    to_service_id            uuid         not null,
    -- the receiving service's single point of contact, as the directory resolved it at send (ADR 0011)
    spoc_source              varchar(20),               -- SERVICE or ORGANISATION (fallback)
    spoc_user_id             varchar(100),
    spoc_username            varchar(100),
    spoc_mailbox             varchar(320),
    -- the directory's response target at send (timers count working days on the division's bank holidays)
    response_working_days    integer,
    remind_before_days       integer,
    expire_after_days        integer,
    bank_holiday_division    varchar(40),
    needs                    varchar(1000) not null,    -- NeedCode codes, comma-separated, sorted
    urgency                  varchar(20)  not null,     -- ROUTINE, SOON, URGENT
    state                    varchar(20)  not null,     -- ReferralState code
    version                  bigint       not null,     -- optimistic version (ETag / If-Match); events carry it
    sections                 varchar(300) not null,     -- DataCategory codes to share, comma-separated, sorted
    person_knows             boolean      not null,
    override_id              uuid,                      -- the safeguarding override when she does not know
    replaces_referral_id     uuid references referral (id), -- re-routing a DECLINED or EXPIRED referral
    parent_referral_id       uuid references referral (id), -- a child of a Connector's multi-need referral
    note_ciphertext          bytea,                     -- note for the receiver, encrypted under her key
    safe_contact_ciphertext  bytea,                     -- safe-contact instructions, encrypted under her key
    review_date              date,                      -- ON_HOLD review date
    created_at               timestamptz  not null,
    sent_at                  timestamptz,
    updated_at               timestamptz  not null,
    check (person_knows or override_id is not null)
);
create index referral_subject on referral (subject_id);
create index referral_to_org_state on referral (to_organisation_id, state);
create index referral_from_org_state on referral (from_organisation_id, state);
create index referral_pathway on referral (pathway_id);

-- Every move: who, when, from, to, reason code, per-need outcomes, review date. Append-only by use.
create table referral_history (
    referral_id              uuid         not null references referral (id),
    version                  bigint       not null,     -- the referral's version after this move
    occurred_at              timestamptz  not null,
    actor_user_id            varchar(100),              -- null for the system (timers)
    actor_organisation_id    uuid,
    actor                    varchar(10)  not null,     -- REFERRER, RECEIVER, SYSTEM
    from_state               varchar(20),               -- null when created
    to_state                 varchar(20)  not null,
    reason_code              varchar(30),               -- ReasonCode
    review_date              date,
    outcomes                 varchar(1000),             -- need:OUTCOME pairs, comma-separated, sorted
    onward_needs             varchar(1000),             -- NeedCode codes, comma-separated
    primary key (referral_id, version)
);

-- A signpost to an organisation outside the partnership: recorded, nothing shared. The external organisation is
-- named by the caller's own short label (an organisation's name, never a person's), bounded and kept out of events.
create table signpost (
    id                       uuid         primary key,
    subject_id               uuid         not null references subject (id),
    organisation_id          uuid         not null,     -- the signposting organisation
    user_id                  varchar(100) not null,
    need_code                varchar(60)  not null,
    external_organisation    varchar(200) not null,
    replaces_referral_id     uuid references referral (id),
    created_at               timestamptz  not null
);
create index signpost_org on signpost (organisation_id, created_at);

-- A need no service in the partnership could meet: the partnership's evidence of unmet need (counted by need code and
-- period in reports). No free text.
create table no_service_found (
    id                       uuid         primary key,
    subject_id               uuid         not null references subject (id),
    organisation_id          uuid         not null,
    user_id                  varchar(100) not null,
    need_code                varchar(60)  not null,
    replaces_referral_id     uuid references referral (id),
    created_at               timestamptz  not null
);
create index no_service_found_need on no_service_found (need_code, created_at);
