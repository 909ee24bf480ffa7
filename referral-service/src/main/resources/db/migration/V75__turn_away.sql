-- Issue 17, item 4: someone was turned away by a service. Deliberately no subject id and no free text: it counts a
-- contact the service could not take, without creating any record of her. Codes, the service and the day only.
create table turn_away (
    id               uuid         primary key,
    organisation_id  uuid         not null,
    service_id       uuid         not null,
    need_code        varchar(64)  not null,
    reason_code      varchar(32)  not null,
    turned_away_on   date         not null,
    recorded_by      varchar(64)  not null,
    recorded_at      timestamptz  not null
);
-- Reports count per member organisation and reporting period (by the moment it was recorded, like every other count).
create index turn_away_organisation_recorded on turn_away (organisation_id, recorded_at);
