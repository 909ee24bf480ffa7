-- referral-service, response timers (ADR 0036): stored with the referral, each firing exactly once across restarts and
-- instances. A timer belongs to the referral version that scheduled it; any later move cancels the open ones. Ids, kinds
-- and times only.
create table referral_timer (
    id                 uuid         primary key,
    referral_id        uuid         not null references referral (id),
    kind               varchar(20)  not null,     -- REMIND, ESCALATE, EXPIRE, ON_HOLD_REVIEW, NO_FIRST_CONTACT
    referral_version   bigint       not null,     -- the referral's version when it was scheduled
    due_at             timestamptz  not null,
    scheduled_at       timestamptz  not null,
    fired_at           timestamptz,               -- set in the same transaction as the timer's effect and event
    cancelled_at       timestamptz,               -- the referral moved on first
    check (kind in ('REMIND', 'ESCALATE', 'EXPIRE', 'ON_HOLD_REVIEW', 'NO_FIRST_CONTACT')),
    check (fired_at is null or cancelled_at is null)
);
-- The pollers' work list: open timers by due time.
create index referral_timer_open_due on referral_timer (due_at) where fired_at is null and cancelled_at is null;
create index referral_timer_referral on referral_timer (referral_id, referral_version);
-- At most one open timer of a kind per referral: scheduling twice cannot double an event.
create unique index referral_timer_one_open on referral_timer (referral_id, kind) where fired_at is null and cancelled_at is null;

-- Work queues: the worker a received referral is assigned to (claimed by her, or assigned by a coordinator).
create table referral_assignment (
    referral_id        uuid         primary key references referral (id),
    organisation_id    uuid         not null,     -- the receiving organisation the worker belongs to
    user_id            varchar(100) not null,
    assigned_by        varchar(100) not null,
    assigned_at        timestamptz  not null
);
create index referral_assignment_user on referral_assignment (organisation_id, user_id);
