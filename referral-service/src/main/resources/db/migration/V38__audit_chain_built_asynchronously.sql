-- ADR 0038: the audit hash chain is built after commit by one chainer per database, not inside every audited
-- transaction. A request now only inserts its row (committed with the change it records); the chainer later assigns
-- seq, prev_hash and hash in entry order and moves the chain head. The hash definition is unchanged.

-- The trigger refuses every UPDATE; it is replaced below. Disabled here only to number the existing rows.
alter table access_audit disable trigger access_audit_append_only;

-- Insertion order: the access log and the subject access export list and page by it, so a row shows at once.
-- Existing rows keep their chain position as their entry number, so a client's paging position stays valid.
alter table access_audit add column entry_no bigint;
update access_audit set entry_no = seq;
create sequence access_audit_entry_no_seq owned by access_audit.entry_no;
select setval('access_audit_entry_no_seq', coalesce((select max(seq) from access_audit), 0) + 1, false);
alter table access_audit alter column entry_no set default nextval('access_audit_entry_no_seq');
alter table access_audit alter column entry_no set not null;
alter table access_audit drop constraint access_audit_pkey;
alter table access_audit add primary key (entry_no);

-- Unchained until the chainer reaches the row: all three chain columns are set together, once.
alter table access_audit alter column seq drop not null;
alter table access_audit alter column prev_hash drop not null;
alter table access_audit alter column hash drop not null;
alter table access_audit add constraint access_audit_seq_unique unique (seq);
alter table access_audit add constraint access_audit_chained_whole
    check ((seq is null and prev_hash is null and hash is null) or (seq is not null and prev_hash is not null and hash is not null));

drop index access_audit_subject;
create index access_audit_subject on access_audit (subject_id, entry_no);
-- What the chainer takes next, and what verification and the metrics count as awaiting the chain.
create index access_audit_unchained on access_audit (entry_no) where seq is null;

-- Append-only, with one exception: an unchained row may be chained (seq, prev_hash and hash set from null), nothing
-- else about it may change. A chained row cannot change at all; DELETE and TRUNCATE are refused as before.
create or replace function access_audit_refuse_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.seq is null and old.hash is null and new.seq is not null and new.hash is not null
            and (new.entry_no, new.id, new.occurred_at, new.actor_user_id, new.actor_organisation_id, new.actor_roles,
                 new.purpose, new.subject_id, new.categories, new.action, new.basis, new.basis_ref, new.outcome)
                is not distinct from
                (old.entry_no, old.id, old.occurred_at, old.actor_user_id, old.actor_organisation_id, old.actor_roles,
                 old.purpose, old.subject_id, old.categories, old.action, old.basis, old.basis_ref, old.outcome) then
        return new;
    end if;
    raise exception 'access_audit is append-only: % refused', tg_op using errcode = 'P0001';
end;
$$;

alter table access_audit enable trigger access_audit_append_only;
