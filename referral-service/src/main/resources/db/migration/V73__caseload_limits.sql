-- Issue 16 item 2 / ADR 0056: the caseload a worker of an organisation should hold (e.g. Changing Futures: 7-12), set by
-- the organisation's admin; "my caseload" shows her size against it. Numbers only.
create table caseload_limit (
    organisation_id  uuid          primary key,
    minimum          integer       check (minimum between 0 and 500),
    maximum          integer       not null check (maximum between 1 and 500),
    updated_by       varchar(100)  not null,
    updated_at       timestamptz   not null,
    check (minimum is null or minimum <= maximum)
);
-- "My caseload" looks her subjects up by lead worker within her organisation.
create index subject_lead_worker on subject (organisation_id, lead_worker_id);
