-- The trace context (W3C traceparent and tracestate) of the transaction that wrote each outbox event, so the relay can
-- publish it as Kafka headers and the consumers continue the same trace (ADR 0077). Null for events written outside
-- a trace (scheduled jobs) and for rows written before this migration: those are published without trace headers.
-- Ids only: a traceparent is a version, a trace id, a span id and flags; tracestate carries vendor keys, never her data.
alter table outbox_event add column trace_parent varchar(55);
alter table outbox_event add column trace_state varchar(512);
