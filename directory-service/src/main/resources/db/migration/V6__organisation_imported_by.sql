-- Which organisation's import brought an organisation into the directory (ADR 0015): a partnership admin may go on
-- administering, by import, what her own organisation's imports created; nobody else's imports may touch it.
alter table organisation add column imported_by_organisation_id uuid;
