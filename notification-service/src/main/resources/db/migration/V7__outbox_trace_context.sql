-- The trace context (W3C traceparent and tracestate) of the transaction that wrote each outbox event, so the relay can
-- publish it as Kafka headers and the consumers continue the same trace (ADR 0077). Null for events written outside
-- a trace (scheduled jobs) and for rows written before this migration: those are published without trace headers.
-- Ids only: a traceparent is a version, a trace id, a span id and flags; tracestate carries vendor keys, never her data.
alter table outbox_event add column trace_parent varchar(55);
alter table outbox_event add column trace_state varchar(512);

-- Deliveries given up on, counted for /q/metrics every few seconds (DeliveryMetrics, ADR 0078): without these the
-- count would scan every e-mail ever sent.
create index email_outbox_failed on email_outbox (id) where status = 'FAILED';
create index webhook_delivery_failed on webhook_delivery (seq) where status = 'FAILED';

-- A webhook delivery continues the trace of the event that caused it (ADR 0077): the worker sends it later, from its
-- own thread, so the event's trace context is kept with the row, as the outbox does.
alter table webhook_delivery add column trace_parent varchar(55);
alter table webhook_delivery add column trace_state varchar(512);
