-- Stale capacity alerts (ADR 0013): when the job last announced that a service's capacity went unconfirmed. Set in
-- the same transaction as the outbox row of pathways.directory.capacity.stale, so each stale period is announced
-- exactly once; confirming the capacity (capacity_updated_at moves past it) starts a new period.
alter table service add column capacity_stale_alerted_at timestamptz;
create index service_capacity_stale on service (greatest(capacity_updated_at, coalesce(capacity_stale_alerted_at, capacity_updated_at)))
    where status = 'active';
