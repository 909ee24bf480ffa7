-- Issue 16 item 8 / ADR 0072: repeat contacts. A woman who comes back is recorded as a contact on her existing record,
-- or a record registered again is linked to her earlier one - by her own organisation only (no lookup across
-- organisations). Dates and codes only.
create table subject_contact (
    id                 uuid          primary key,
    subject_id         uuid          not null references subject (id),   -- her (earliest) record
    organisation_id    uuid          not null,
    contacted_on       date          not null,
    channel            varchar(30)   not null check (channel in ('HELPLINE', 'DROP_IN', 'OUTREACH', 'SELF_REFERRAL', 'REFERRAL_IN',
                                                                 'REGISTERED_AGAIN', 'OTHER')),
    linked_subject_id  uuid          references subject (id),            -- the record registered again (REGISTERED_AGAIN)
    recorded_by        varchar(100)  not null,
    recorded_at        timestamptz   not null
);
create index subject_contact_subject on subject_contact (subject_id, contacted_on);
create index subject_contact_organisation on subject_contact (organisation_id, contacted_on);
-- A record registered again points at her earlier record (never across organisations: both are one organisation's).
alter table subject add column repeat_of uuid references subject (id);
create unique index subject_contact_linked on subject_contact (linked_subject_id) where linked_subject_id is not null;
