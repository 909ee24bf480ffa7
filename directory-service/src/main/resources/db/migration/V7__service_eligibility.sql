-- Issue 17, item 2 (ADR 0063): eligibility facts of a service — who it can support — as codes of the Pathways
-- eligibility taxonomy (contracts EligibilityCode), beside its needs. Searched through an array like the needs (ADR 0012).
create table service_eligibility (
    service_id  uuid         not null references service (id) on delete cascade,
    code        varchar(40)  not null,
    primary key (service_id, code)
);

alter table service add column search_eligibility text[] not null default '{}';

create trigger service_eligibility_ins after insert on service_eligibility referencing new table as changed
    for each statement execute function service_search_sync('search_eligibility', 'c.code');
create trigger service_eligibility_upd after update on service_eligibility referencing new table as changed
    for each statement execute function service_search_sync('search_eligibility', 'c.code');
create trigger service_eligibility_del after delete on service_eligibility referencing old table as changed
    for each statement execute function service_search_sync('search_eligibility', 'c.code');

-- What the facts were before: "accepts NRPF" was a flag, DDVC eligibility only a need tag (the need tags stay).
insert into service_eligibility (service_id, code) select id, 'nrpf' from service where accepts_nrpf;
insert into service_eligibility (service_id, code)
    select service_id, 'ddvc-eligible' from service_need where need_code = 'ddvc' on conflict do nothing;

create index service_search_eligibility on service using gin (search_eligibility);
