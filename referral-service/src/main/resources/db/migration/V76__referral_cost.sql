-- Issue 17, item 3 (ADR 0065): cost lines of a service provided on a taken-up referral, recorded by the organisation
-- that provided it. Codes, amounts and days only (no free text): kept with the referral's skeleton after erasure.
create table referral_cost (
    id               uuid         primary key,
    referral_id      uuid         not null references referral (id),
    organisation_id  uuid         not null,
    service_id       uuid         not null,
    category         varchar(32)  not null,
    amount_pence     bigint       not null check (amount_pence >= 0),
    provided_on      date         not null,
    recorded_by      varchar(64)  not null,
    recorded_at      timestamptz  not null
);
create index referral_cost_referral on referral_cost (referral_id);
create index referral_cost_organisation_recorded on referral_cost (organisation_id, recorded_at);
