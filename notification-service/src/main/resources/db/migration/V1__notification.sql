-- notification-service: inboxes, email queue, webhook subscriptions and deliveries, stream tickets.
-- Only ids, states, codes and timestamps: no personal data (e-mail addresses are looked up in Keycloak at send time).

-- What the service remembers about a referral to route its later events (the referrer is the actor of "sent").
create table referral_party (
    referral_id       uuid        primary key,
    referrer_user_id  uuid,
    from_org_id       uuid        not null,
    to_org_id         uuid        not null,
    to_service_id     uuid,
    updated_at        timestamptz not null default now()
);

-- One row per recipient of an event: a user (USER, recipient_id = Keycloak user id) or an organisation mailbox
-- (ORG, recipient_id = organisation id). The unique key makes a redelivered event a no-op per recipient as well.
create table notification (
    id              uuid         primary key,
    recipient_kind  varchar(8)   not null check (recipient_kind in ('USER', 'ORG')),
    recipient_id    uuid         not null,
    kind            varchar(60)  not null,
    event_id        varchar(200) not null,
    event_type      varchar(200) not null,
    aggregate_id    varchar(200) not null,
    referral_id     uuid,
    state           varchar(30),
    reason_code     varchar(40),
    created_at      timestamptz  not null default now(),
    read_at         timestamptz,
    unique (event_id, recipient_kind, recipient_id)
);
create index notification_inbox on notification (recipient_kind, recipient_id, created_at desc);
create index notification_unread on notification (recipient_kind, recipient_id) where read_at is null;

-- E-mail opt-in per user (absent = not opted in).
create table email_preference (
    user_id     uuid        primary key,
    enabled     boolean     not null,
    updated_at  timestamptz not null default now()
);

-- E-mails to send, written with the notification; a worker sends them after commit (SMTP is not transactional).
create table email_outbox (
    id               bigserial   primary key,
    notification_id  uuid        not null references notification (id),
    user_id          uuid        not null,
    status           varchar(10) not null default 'PENDING' check (status in ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    sent_at          timestamptz
);
create index email_outbox_due on email_outbox (next_attempt_at) where status = 'PENDING';

create table webhook_subscription (
    id               uuid          primary key,
    organisation_id  uuid          not null,
    url              varchar(2000) not null,
    secret           varchar(200)  not null,
    event_types      text          not null,   -- comma-separated event types
    active           boolean       not null default true,
    disabled_reason  varchar(60),
    created_at       timestamptz   not null default now(),
    updated_at       timestamptz   not null default now(),
    version          integer       not null default 0
);
create index webhook_subscription_org on webhook_subscription (organisation_id);

-- One delivery per subscription and event, in event order (seq). Order key = the event's aggregate (referral) id:
-- a delivery waits while an earlier one of the same subscription and key is not delivered.
create table webhook_delivery (
    id               uuid          primary key,
    seq              bigserial     not null unique,
    subscription_id  uuid          not null references webhook_subscription (id) on delete cascade,
    event_id         varchar(200)  not null,
    event_type       varchar(200)  not null,
    order_key        varchar(200)  not null,
    payload          text          not null,
    status           varchar(10)   not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer       not null default 0,
    created_at       timestamptz   not null default now(),
    next_attempt_at  timestamptz   not null default now(),
    give_up_at       timestamptz   not null,
    delivered_at     timestamptz,
    last_status      integer,
    last_error       varchar(60),
    unique (subscription_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_order on webhook_delivery (subscription_id, order_key, seq) where status <> 'DELIVERED';

create table webhook_attempt (
    delivery_id   uuid        not null references webhook_delivery (id) on delete cascade,
    attempt       integer     not null,
    at            timestamptz not null default now(),
    status_code   integer,
    error         varchar(60),
    duration_ms   integer,
    primary key (delivery_id, attempt)
);

-- Single-use tickets for the SSE stream (EventSource cannot send a bearer header). Only a hash is stored.
create table stream_ticket (
    ticket_hash      varchar(64) primary key,
    user_id          uuid        not null,
    organisation_id  uuid,
    mailbox          boolean     not null,
    expires_at       timestamptz not null
);
