-- The partnership directory. HSDS 3.0 shapes are produced by the open-feed mapper; these tables hold what the
-- partnership needs to route referrals (SPOC, capacity, response targets, referral rules) beside the HSDS fields.

create table organisation (
    id                   uuid primary key,
    name                 varchar(200) not null,
    description          varchar(4000) not null,
    email                varchar(254),
    website              varchar(500),
    phone                varchar(40),
    nation               varchar(30) not null,           -- whose bank holidays apply by default
    spoc_user_id         uuid,                            -- organisation-level fallback SPOC: a Keycloak user ...
    spoc_username        varchar(100),                    -- ... or its username (demo data; see ADR 0011) ...
    spoc_mailbox         varchar(254),                    -- ... or an organisation mailbox
    capacity_public      boolean not null default false,  -- opt-in: publish capacity in the open feed
    updated_at           timestamptz not null default now(),
    version              bigint not null default 0
);

create table partnership (
    id                      uuid primary key,
    name                    varchar(200) not null,
    description             varchar(4000),
    lead_organisation_id    uuid not null references organisation(id),
    version                 bigint not null default 0
);

create table partnership_member (
    partnership_id   uuid not null references partnership(id),
    organisation_id  uuid not null references organisation(id),
    member_role      varchar(20) not null check (member_role in ('LEAD', 'MEMBER', 'REPORTING')),
    joined_on        date not null,
    primary key (partnership_id, organisation_id)
);
create index partnership_member_org on partnership_member(organisation_id);

create table data_sharing_agreement (
    id               uuid primary key,
    partnership_id   uuid not null references partnership(id),
    title            varchar(300) not null,
    agreement_version varchar(30) not null,
    starts_on        date not null,
    ends_on          date,
    version          bigint not null default 0
);
create index dsa_partnership on data_sharing_agreement(partnership_id);

create table data_sharing_party (
    agreement_id     uuid not null references data_sharing_agreement(id) on delete cascade,
    organisation_id  uuid not null references organisation(id),
    primary key (agreement_id, organisation_id)
);
create index dsa_party_org on data_sharing_party(organisation_id);

create table location (
    id               uuid primary key,
    organisation_id  uuid not null references organisation(id),
    name             varchar(200) not null,
    confidential     boolean not null default false,  -- refuges: the area may be published, the address never
    address_1        varchar(200),
    city             varchar(100),
    postcode         varchar(10),
    area             varchar(100) not null,            -- the published area (e.g. Coventry); gazetteer name
    latitude         double precision,
    longitude        double precision,
    phone            varchar(40),
    version          bigint not null default 0
);
create index location_org on location(organisation_id);

create table service (
    id                        uuid primary key,
    organisation_id           uuid not null references organisation(id),
    name                      varchar(200) not null,
    description               varchar(4000),
    status                    varchar(20) not null,   -- HSDS: active, inactive, defunct, temporarily closed
    url                       varchar(500),
    email                     varchar(254),
    phone                     varchar(40),
    application_process       varchar(2000),
    fees_description          varchar(1000),
    accessibility             varchar(2000),
    eligibility_description   varchar(2000),
    minimum_age               integer,
    maximum_age               integer,
    gender                    varchar(10) not null default 'ANY' check (gender in ('ANY', 'WOMEN')),
    accepts_partner_referrals boolean not null default true,
    accepts_professional_referrals boolean not null default true,
    accepts_self_referrals    boolean not null default false,
    accepts_nrpf              boolean not null default false,
    connector                 boolean not null default false,  -- the Partnership Connector service
    capacity_status           varchar(30) not null default 'HAS_CAPACITY',
    capacity_wait_weeks       integer,
    capacity_available        integer,     -- HSDS 3.1 service_capacity
    capacity_maximum          integer,
    capacity_unit             varchar(50),
    capacity_updated_at       timestamptz not null default now(),
    response_working_days     integer not null default 5,
    remind_before_working_days integer not null default 1,
    expire_after_working_days integer not null default 20,
    nation                    varchar(30) not null,
    spoc_user_id              uuid,
    spoc_username             varchar(100),
    spoc_mailbox              varchar(254),
    source                    varchar(20) not null default 'LOCAL',  -- LOCAL, DEMO, IMPORT (provenance)
    source_ref                varchar(500),
    locally_edited_at         timestamptz,   -- a re-import never overwrites a service edited here
    search_text               text not null default '',
    updated_at                timestamptz not null default now(),
    version                   bigint not null default 0,
    check (minimum_age is null or maximum_age is null or minimum_age <= maximum_age)
);
create index service_org on service(organisation_id);
create index service_updated on service(updated_at);

create table service_need (
    service_id  uuid not null references service(id) on delete cascade,
    need_code   varchar(60) not null,
    primary key (service_id, need_code)
);
create index service_need_code on service_need(need_code);

-- Languages the service is delivered in (ISO 639-1 / 639-3 codes).
create table service_language (
    service_id  uuid not null references service(id) on delete cascade,
    language    varchar(10) not null,
    primary key (service_id, language)
);
create index service_language_code on service_language(language);

-- Languages for which the service arranges an interpreter.
create table service_interpreting (
    service_id  uuid not null references service(id) on delete cascade,
    language    varchar(10) not null,
    primary key (service_id, language)
);
create index service_interpreting_code on service_interpreting(language);

create table service_area (
    service_id  uuid not null references service(id) on delete cascade,
    position    integer not null,
    name        varchar(100) not null,
    primary key (service_id, position)
);
create index service_area_name on service_area(lower(name));

create table service_schedule (
    service_id  uuid not null references service(id) on delete cascade,
    position    integer not null,
    byday       varchar(30) not null,    -- RFC 5545 BYDAY, e.g. MO,TU,WE,TH,FR
    opens_at    time not null,
    closes_at   time not null,
    description varchar(200),
    primary key (service_id, position)
);

create table service_at_location (
    id           uuid primary key,
    service_id   uuid not null references service(id) on delete cascade,
    location_id  uuid not null references location(id),
    unique (service_id, location_id)
);
create index sal_location on service_at_location(location_id);

create table contact (
    id               uuid primary key,
    organisation_id  uuid not null references organisation(id),
    service_id       uuid references service(id) on delete cascade,
    name             varchar(200),
    title            varchar(200),
    email            varchar(254),
    phone            varchar(40),
    public           boolean not null default false,   -- non-public contacts never appear in the open feed
    version          bigint not null default 0
);
create index contact_org on contact(organisation_id);
create index contact_service on contact(service_id);
