-- Issue 17, item 1 (ADR 0073): a support period on a referral once support starts — its limit from the service (with
-- the DDVC rule), extensions asked for with a reason code and decided by the service's coordinator, and its end with a
-- reason code. Codes, days and counts only (no free text about her): kept with the referral's skeleton after erasure.
create table support_period (
    id               uuid         primary key,
    referral_id      uuid         not null unique references referral (id),
    partnership_id   uuid,
    organisation_id  uuid         not null,
    service_id       uuid         not null,
    started_on       date         not null,
    ddvc_eligible    boolean      not null,
    limit_weeks      integer      check (limit_weeks between 1 and 104),
    -- started_on + (limit + approved extensions) weeks; null when the service sets no limit.
    planned_end      date,
    ended_on         date,
    end_reason       varchar(40),
    -- When the end was recorded: reports count by the moment things were recorded, like every other count.
    ended_at         timestamptz,
    -- The planned end whose "ending soon" reminder was sent (an approved extension re-arms it).
    reminded_for     date,
    started_by       varchar(64)  not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    check ((ended_on is null) = (end_reason is null)),
    check (ended_on is null or ended_on >= started_on)
);
create index support_period_open_end on support_period (planned_end) where ended_on is null;
create index support_period_partnership on support_period (partnership_id, started_on);

create table support_extension (
    id            uuid         primary key,
    period_id     uuid         not null references support_period (id),
    weeks         integer      not null check (weeks between 1 and 26),
    reason_code   varchar(40)  not null,
    status        varchar(10)  not null check (status in ('REQUESTED', 'APPROVED', 'REFUSED')),
    requested_by  varchar(64)  not null,
    requested_at  timestamptz  not null,
    decided_by    varchar(64),
    decided_at    timestamptz
);
-- One open request at a time per period.
create unique index support_extension_one_open on support_extension (period_id) where status = 'REQUESTED';
create index support_extension_decided on support_extension (decided_at);

-- The routing answer now carries the service's support limits (directory V11): drop answers held from before so the next
-- use asks directory-service again (the read model refills itself).
delete from directory_routing;
