-- Her lead worker at the registering organisation, from referral-service's pathways.subject.registered (ADR 0024):
-- named in consent.expiring so the right worker is asked to renew. An id only; null when the event did not carry one.
alter table subject add column lead_worker_id uuid;
