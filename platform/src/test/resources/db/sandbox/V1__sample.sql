-- A stand-in for a service's own state, to prove the outbox commits (or rolls back) with it.
create table sample_thing (
    id         uuid primary key,
    created_at timestamptz not null default now()
);
