-- Issue 16 item 7 / ADR 0054: "held informally" - the receiving organisation supports her while her referral waits on
-- its waiting list (ON_HOLD). A recorded, countable fact: one row per period of support, ended when she is taken off the
-- list (any move out of ON_HOLD) or when the organisation records that it stopped. Ids and times only.
create table referral_informal_support (
    id               uuid          primary key,
    referral_id      uuid          not null references referral (id),
    organisation_id  uuid          not null,   -- the receiving organisation that supports her
    started_at       timestamptz   not null,
    started_by       varchar(100)  not null,
    ended_at         timestamptz,
    ended_by         varchar(100),
    check (ended_at is null or ended_at >= started_at)
);
-- At most one open period per referral.
create unique index referral_informal_support_open on referral_informal_support (referral_id) where ended_at is null;
create index referral_informal_support_started on referral_informal_support (organisation_id, started_at);
