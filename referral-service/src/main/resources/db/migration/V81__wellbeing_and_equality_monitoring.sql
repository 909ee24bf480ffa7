-- Issue 17, item 6 (ADR 0074): optional measures taken with her agreement. About her, so the answers are ciphertext
-- under her data key (crypto-shredded with it; the rows are deleted at erasure); only ids, the organisation, the
-- timepoint and days are in clear. Reports decrypt them to aggregate, under disclosure control.
create table wellbeing_measure (
    id               uuid         primary key,
    subject_id       uuid         not null references subject (id),
    organisation_id  uuid         not null,
    -- START: at the start of support; LATER: any later measure (the change is LATER minus START).
    timepoint        varchar(8)   not null check (timepoint in ('START', 'LATER')),
    taken_on         date         not null,
    recorded_by      varchar(64)  not null,
    recorded_at      timestamptz  not null,
    -- {"items":[7 scores 1-5],"rawTotal":7-35,"metric":7.00-35.00} under her key
    ciphertext       bytea        not null
);
create index wellbeing_measure_subject on wellbeing_measure (subject_id, recorded_at);
create index wellbeing_measure_organisation on wellbeing_measure (organisation_id, recorded_at);
create unique index wellbeing_measure_one_start on wellbeing_measure (subject_id) where timepoint = 'START';

create table equality_monitoring (
    id               uuid         primary key,
    subject_id       uuid         not null references subject (id),
    organisation_id  uuid         not null,
    version          integer      not null,
    recorded_by      varchar(64)  not null,
    recorded_at      timestamptz  not null,
    -- {"ageBand","ethnicGroup","disability","children"} (each optional) under her key
    ciphertext       bytea        not null,
    unique (subject_id, version)
);
create index equality_monitoring_organisation on equality_monitoring (organisation_id, recorded_at);
