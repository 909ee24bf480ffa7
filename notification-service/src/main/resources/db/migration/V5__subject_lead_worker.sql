-- Her current lead worker as notification-service knows it (ADR 0049): from pathways.subject.registered (version 0)
-- and pathways.subject.lead-worker-changed (the subject's version after the handover), applied only when the version
-- is newer, so a redelivered or overtaken event changes nothing. Ids, a version and a time only. Erasure keeps the
-- row as a tombstone without the lead worker, so a late handover cannot bring her back.
create table subject_lead_worker (
    subject_id           uuid        primary key,
    organisation_id      uuid        not null,
    lead_worker_user_id  uuid,
    version              bigint      not null,
    changed_at           timestamptz not null,
    erased               boolean     not null default false
);

-- When a referral was sent (its "sent" event's occurredAt): a handover after it moves the referral's answers from
-- the referrer to the new lead worker; one before it leaves them with whoever sent it.
alter table referral_party add column sent_at timestamptz;

-- One e-mail per address per event (ADR 0049): the sender looks up the addresses already sent for the same event.
create index email_outbox_notification on email_outbox (notification_id);
