-- Issue 16 item 3 / ADR 0069: the team around the person - named workers of her organisation and (with her consent for
-- CASE_COORDINATION) of partner organisations, each with a role code. Ids and codes only. A removed member keeps her
-- row (removed_at set) so the team's history stays; one live row per user.
create table subject_team (
    subject_id   uuid          primary key references subject (id),
    version      bigint        not null check (version >= 0),
    updated_at   timestamptz   not null
);
create table subject_team_member (
    id                uuid          primary key,
    subject_id        uuid          not null references subject (id),
    user_id           varchar(100)  not null,
    organisation_id   uuid          not null,
    role              varchar(40)   not null,   -- contracts TeamRole
    partnership_id    uuid,                     -- the partnership her consent was asked under (partner members)
    basis             varchar(20)   not null check (basis in ('OWNER', 'CONSENT', 'OVERRIDE')),
    basis_ref         varchar(100),
    added_at          timestamptz   not null,
    added_by          varchar(100)  not null,
    removed_at        timestamptz,
    removed_by        varchar(100),
    check ((removed_at is null) = (removed_by is null))
);
create unique index subject_team_member_live on subject_team_member (subject_id, user_id) where removed_at is null;
-- "My caseload" finds the people whose team a worker is on.
create index subject_team_member_user on subject_team_member (user_id) where removed_at is null;

-- Issue 16 item 3 / ADR 0069: a multi-agency meeting record (MDT, MARAC-style, team around the person). The meeting
-- holds ids, dates and codes; each action's text is encrypted under the data key of the woman it concerns (erased
-- with her). Kept by the organisation that recorded it; only people it registered are discussed.
create table meeting (
    id                          uuid          primary key,
    organisation_id             uuid          not null,
    kind                        varchar(30)   not null,
    held_on                     date          not null,
    attendee_organisation_ids   uuid[]        not null,
    recorded_by                 varchar(100)  not null,
    recorded_at                 timestamptz   not null
);
create table meeting_case (
    meeting_id   uuid          not null references meeting (id),
    subject_id   uuid          not null references subject (id),
    decisions    varchar(40)[] not null,
    primary key (meeting_id, subject_id)
);
create index meeting_case_subject on meeting_case (subject_id);
create table meeting_action (
    id                     uuid          primary key,
    meeting_id             uuid          not null references meeting (id),
    subject_id             uuid          not null references subject (id),
    position               integer       not null,
    owner_organisation_id  uuid          not null,
    owner_user_id          varchar(100),
    due_on                 date          not null,
    text_ciphertext        bytea         not null
);
create index meeting_action_case on meeting_action (meeting_id, subject_id, position);
