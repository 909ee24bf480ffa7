-- Search performance (ADR 0012). The referral search and the open feed filter on a service's needs, languages,
-- interpreting and areas. Child-table EXISTS probes per candidate row cost ~30 ms over 10,000 services, so each service
-- row also carries them as arrays with GIN indexes. Triggers on the child tables keep the arrays in step, whatever
-- writes them (the API through Hibernate, the HSDS import, the demo loader, the benchmark seed).

create extension if not exists pg_trgm;

alter table service
    add column search_needs        text[] not null default '{}',
    add column search_languages    text[] not null default '{}',
    add column search_interpreting text[] not null default '{}',
    add column search_areas        text[] not null default '{}';   -- lower-case area names

-- Recomputes one array column of the services touched by a statement on a child table.
-- tg_argv: [0] the service column, [1] the child table's value expression.
create function service_search_sync() returns trigger language plpgsql as $$
begin
    execute format('update service s set %I = coalesce((select array_agg(distinct %s) from %I c where c.service_id = s.id), ''{}'')'
                   ' where s.id in (select distinct service_id from changed)', tg_argv[0], tg_argv[1], tg_table_name);
    return null;
end $$;

create trigger service_need_ins after insert on service_need referencing new table as changed
    for each statement execute function service_search_sync('search_needs', 'c.need_code');
create trigger service_need_upd after update on service_need referencing new table as changed
    for each statement execute function service_search_sync('search_needs', 'c.need_code');
create trigger service_need_del after delete on service_need referencing old table as changed
    for each statement execute function service_search_sync('search_needs', 'c.need_code');

create trigger service_language_ins after insert on service_language referencing new table as changed
    for each statement execute function service_search_sync('search_languages', 'c.language');
create trigger service_language_upd after update on service_language referencing new table as changed
    for each statement execute function service_search_sync('search_languages', 'c.language');
create trigger service_language_del after delete on service_language referencing old table as changed
    for each statement execute function service_search_sync('search_languages', 'c.language');

create trigger service_interpreting_ins after insert on service_interpreting referencing new table as changed
    for each statement execute function service_search_sync('search_interpreting', 'c.language');
create trigger service_interpreting_upd after update on service_interpreting referencing new table as changed
    for each statement execute function service_search_sync('search_interpreting', 'c.language');
create trigger service_interpreting_del after delete on service_interpreting referencing old table as changed
    for each statement execute function service_search_sync('search_interpreting', 'c.language');

create trigger service_area_ins after insert on service_area referencing new table as changed
    for each statement execute function service_search_sync('search_areas', 'lower(c.name)');
create trigger service_area_upd after update on service_area referencing new table as changed
    for each statement execute function service_search_sync('search_areas', 'lower(c.name)');
create trigger service_area_del after delete on service_area referencing old table as changed
    for each statement execute function service_search_sync('search_areas', 'lower(c.name)');

update service s set
    search_needs        = coalesce((select array_agg(distinct c.need_code) from service_need c where c.service_id = s.id), '{}'),
    search_languages    = coalesce((select array_agg(distinct c.language) from service_language c where c.service_id = s.id), '{}'),
    search_interpreting = coalesce((select array_agg(distinct c.language) from service_interpreting c where c.service_id = s.id), '{}'),
    search_areas        = coalesce((select array_agg(distinct lower(c.name)) from service_area c where c.service_id = s.id), '{}');

create index service_search_needs on service using gin (search_needs);
create index service_search_languages on service using gin (search_languages);
create index service_search_interpreting on service using gin (search_interpreting);
create index service_search_areas on service using gin (search_areas);
-- Free text is "every word appears somewhere" (like '%word%'): trigram index.
create index service_search_text on service using gin (search_text gin_trgm_ops);
-- The open feed lists active services by name; the search breaks ties by name.
create index service_active_name on service (name, id) where status = 'active';
-- Open-feed day/time filters and postcode distance.
create index location_public_coords on location (id) where not confidential and latitude is not null;
