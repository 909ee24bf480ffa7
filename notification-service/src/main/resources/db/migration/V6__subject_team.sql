-- The team around the person as notification-service knows it (issue 16 item 4, ADR 0069): from
-- pathways.subject.team-changed, which carries the whole current team and its version; applied only when the version
-- is newer, so a redelivered or overtaken event changes nothing. Erasure keeps a tombstone without members. Ids and
-- role codes only: the team is told when her referrals move.
create table subject_team (
    subject_id       uuid        primary key,
    organisation_id  uuid        not null,
    version          bigint      not null,
    changed_at       timestamptz not null,
    erased           boolean     not null default false
);
create table subject_team_member (
    subject_id       uuid         not null references subject_team (subject_id) on delete cascade,
    user_id          uuid         not null,
    organisation_id  uuid         not null,
    role             varchar(40)  not null,
    primary key (subject_id, user_id)
);
