-- Issue 18 / ADR 0061: the directory facts a send needs, held locally and kept current from directory.events.
-- Events carry ids, codes and versions only (never a SPOC's username or mailbox), so the answers themselves come from
-- directory-service's internal API the first time they are needed; an event that changes them drops them here.

-- The newest version seen per directory aggregate (SERVICE, ORGANISATION, PARTNERSHIP): an event at or below it is a
-- repeat or arrived late and changes nothing.
create table directory_aggregate (
    kind        varchar(20)  not null,
    id          uuid         not null,
    version     bigint       not null,
    applied_at  timestamptz  not null default now(),
    primary key (kind, id)
);

-- Bumped by every applied event, in its transaction. A live answer is stored only if no event was applied between the
-- moment it was asked for and the moment it is stored (compared under a share lock): an answer read before a change
-- can never outlive that change's event.
create table directory_epoch (
    id  smallint primary key check (id = 1),
    n   bigint   not null
);
insert into directory_epoch (id, n) values (1, 0);

-- GET /internal/services/{id}/routing, as directory-service answered it.
create table directory_routing (
    service_id       uuid         primary key,
    organisation_id  uuid         not null,
    answer           jsonb        not null,
    stored_at        timestamptz  not null default now()
);
create index directory_routing_organisation on directory_routing (organisation_id);

-- GET /internal/data-sharing for an unordered pair of organisations (a < b), valid on the UTC date it was asked
-- (directory-service counts an agreement current by the UTC date).
create table directory_sharing (
    organisation_a  uuid         not null,
    organisation_b  uuid         not null,
    valid_on        date         not null,
    answer          jsonb        not null,
    stored_at       timestamptz  not null default now(),
    primary key (organisation_a, organisation_b)
);
