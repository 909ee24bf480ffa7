-- An e-mail continues the trace of the event that caused it (ADR 0077, issue 19), as a webhook delivery does: the worker
-- sends it later from its own thread, so the event's trace context is kept with the row. Ids only (see V7).
alter table email_outbox add column trace_parent varchar(55);
alter table email_outbox add column trace_state varchar(512);
