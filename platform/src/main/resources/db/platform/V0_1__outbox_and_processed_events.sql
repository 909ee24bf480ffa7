-- Platform tables every service has (location db/platform, versions 0.x so they sort before the service's own).

-- Transactional outbox: written in the same transaction as the state change, relayed to Kafka, then marked sent.
create table outbox_event (
    seq            bigserial    primary key,          -- relay order (commit order within one aggregate)
    id             uuid         not null unique,      -- the CloudEvent id
    topic          varchar(200) not null,
    message_key    varchar(200) not null,             -- the aggregate id: one aggregate's events stay in order
    event_type     varchar(200) not null,
    payload        text         not null,             -- structured-mode CloudEvent JSON, exactly as published
    created_at     timestamptz  not null default now(),
    sent_at        timestamptz,
    attempts       integer      not null default 0
);
create index outbox_event_unsent on outbox_event (seq) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- Idempotent consumers: an event id is processed at most once per consumer, recorded with its effect.
create table processed_event (
    consumer      varchar(100) not null,
    event_id      varchar(200) not null,
    processed_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);
