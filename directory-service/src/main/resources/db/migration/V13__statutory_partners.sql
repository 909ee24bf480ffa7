-- Issue 16 item 9 / ADR 0091: statutory partners (police domestic abuse units, MARAC coordinators, SARCs) are in the
-- directory so referrals can reach them outside a partnership agreement. They are never partnership members: the
-- directory refuses it (422 statutory-partner), and this trigger keeps it so whatever path writes the row.
alter table organisation add column kind varchar(20) not null default 'VOLUNTARY' check (kind in ('VOLUNTARY', 'STATUTORY'));
alter table organisation add column statutory_role varchar(30)
    check (statutory_role in ('POLICE_DA_UNIT', 'MARAC_COORDINATOR', 'SARC'));
alter table organisation add constraint organisation_statutory_role_iff_statutory
    check ((kind = 'STATUTORY') = (statutory_role is not null));

create function partnership_member_not_statutory() returns trigger language plpgsql as $$
begin
    if exists (select 1 from organisation o where o.id = new.organisation_id and o.kind = 'STATUTORY') then
        raise exception 'statutory partner % cannot be a partnership member', new.organisation_id using errcode = '23514';
    end if;
    return new;
end $$;
create trigger partnership_member_not_statutory before insert or update on partnership_member
    for each row execute function partnership_member_not_statutory();
