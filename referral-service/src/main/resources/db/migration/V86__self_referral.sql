-- referral-service, self-referral (issue 15 screen 8, ADR 0089): a woman asks the partnership for help herself.
-- origin on every referral: PARTNER (sent by staff of an organisation) or SELF (her own request, no referrer organisation).
alter table referral add column origin varchar(10) not null default 'PARTNER';

-- The short reference she is given (and the Connector sees in her queue). Names her, so it is in the subject access
-- export and deleted on erasure (ADR 0088). Everything she wrote is in her sections and the referral texts, encrypted.
create table self_referral (
    referral_id   uuid        primary key references referral (id),
    subject_id    uuid        not null references subject (id),
    reference     varchar(12) not null unique,
    created_at    timestamptz not null
);
create index self_referral_subject on self_referral (subject_id);

-- The service-wide limit on self-referrals (ADR 0089): one row shared by every replica, counted under a row lock.
-- Holds counts and a window start only; no address, nothing about anyone.
create table self_referral_rate (
    id            smallint    primary key check (id = 1),
    window_start  timestamptz not null,
    taken         integer     not null
);
insert into self_referral_rate (id, window_start, taken) values (1, now(), 0);
