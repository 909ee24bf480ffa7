-- Issue 16 item 5 / ADR 0055: a referrer escalates a referral herself, or asks for a decline to be reviewed; the
-- receiving organisation answers. Codes and ids only (no free text), kept with the referral's history.
create table referral_challenge (
    id                        uuid          primary key,
    referral_id               uuid          not null references referral (id),
    kind                      varchar(20)   not null check (kind in ('ESCALATION', 'DECLINE_REVIEW')),
    reason_code               varchar(40)   not null,   -- ChallengeReason
    referral_version          bigint        not null,   -- the referral's version when raised
    referral_state            varchar(20)   not null,   -- and its state
    raised_at                 timestamptz   not null,
    raised_by                 varchar(100)  not null,
    raised_organisation_id    uuid          not null,
    answered_at               timestamptz,
    answered_by               varchar(100),
    answered_organisation_id  uuid,
    outcome                   varchar(30),              -- ChallengeOutcome
    check ((answered_at is null) = (outcome is null))
);
-- One open escalation per referral at a time; one decline review per referral ever.
create unique index referral_challenge_open_escalation on referral_challenge (referral_id) where kind = 'ESCALATION' and answered_at is null;
create unique index referral_challenge_one_review on referral_challenge (referral_id) where kind = 'DECLINE_REVIEW';
create index referral_challenge_referral on referral_challenge (referral_id, raised_at);
