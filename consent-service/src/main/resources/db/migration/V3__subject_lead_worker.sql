-- Her lead worker at the registering organisation (ADR 0024): from pathways.subject.registered (version 0) and every
-- pathways.subject.lead-worker-changed (a handover, with the subject's version after it). Named in consent.expiring so
-- the worker who leads her case now is asked to renew. An id only; cleared when she is erased.
alter table subject add column lead_worker_id uuid;
-- The subject version the stored lead worker comes from: an event with a version not above it changes nothing, so a
-- late or repeated handover never overwrites a newer one.
alter table subject add column lead_worker_version bigint;
