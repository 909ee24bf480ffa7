-- Adds 10,000 generated services (source_ref 'bench') to the directory database for the search benchmark.
-- Idempotent: removes earlier bench services first. Remove them with: delete from service where source_ref = 'bench';
delete from service where source_ref = 'bench';
insert into service (id, organisation_id, name, description, status, capacity_status, nation, source, source_ref,
                     search_text, accepts_nrpf, minimum_age)
select gen_random_uuid(),
       (select array_agg(id order by id) from organisation)[1 + g % (select count(*) from organisation)::int],
       'Bench service ' || g, 'Generated for the search benchmark', 'active',
       (array['HAS_CAPACITY','NO_CAPACITY','WAITLIST','ASSESSMENT_REQUIRED'])[1 + g % 4],
       'ENGLAND_AND_WALES', 'LOCAL', 'bench', 'bench service ' || g || ' generated for the search benchmark',
       g % 3 = 0, case when g % 5 = 0 then 18 end
from generate_series(1, 10000) g;
with needs as (select array['domestic-abuse','coercive-control','sexual-violence','counselling','mental-health','refuge-safe-accommodation',
        'housing-homelessness','money-debt','welfare-benefits','legal-immigration','nrpf','ddvc','legal-family','employment-skills',
        'english-language','isolation','peer-support-groups','forced-marriage','honour-based-violence','substance-use'] a)
insert into service_need (service_id, need_code)
select s.id, (select a from needs)[1 + (abs(hashtext(s.id::text || k)) % 20)]
from service s cross join generate_series(1, 3) k where s.source_ref = 'bench'
on conflict do nothing;
insert into service_language (service_id, language)
select s.id, (array['en','ur','pa','ar','bn','so','pl','cy'])[1 + (abs(hashtext(s.id::text || k)) % 8)]
from service s cross join generate_series(1, 2) k where s.source_ref = 'bench'
on conflict do nothing;
insert into service_interpreting (service_id, language)
select s.id, (array['ur','pa','ar','bn','so','fa'])[1 + (abs(hashtext(s.id::text || 'i')) % 6)]
from service s where s.source_ref = 'bench' and abs(hashtext(s.id::text)) % 2 = 0
on conflict do nothing;
insert into service_area (service_id, position, name)
select s.id, 0, (array['Coventry','Birmingham','London','Sheffield','Cardiff','Glasgow','West Midlands','United Kingdom'])[1 + (abs(hashtext(s.id::text || 'a')) % 8)]
from service s where s.source_ref = 'bench';
-- The search-array triggers (V2) rewrite each service row once per child table: reclaim the dead rows.
vacuum analyze service;
analyze;
