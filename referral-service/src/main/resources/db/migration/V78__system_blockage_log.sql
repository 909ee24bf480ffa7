-- Issue 16 item 6 / ADR 0071: the partnership's system blockage log. Every decline, non-completion, "no service found",
-- referrer escalation and challenged decline becomes an item: source, reason code, service, need codes, who raised it
-- (an organisation id), and its review (status, owner, outcome). Ids and codes only: no subject, no referral id.
create table blockage (
    id                      uuid          primary key,
    partnership_id          uuid,         -- the referral's partnership; null for "no service found" (resolved by the raiser's memberships)
    source                  varchar(30)   not null check (source in ('DECLINED', 'NOT_COMPLETED', 'NO_SERVICE_FOUND', 'ESCALATED',
                                                                     'DECLINE_CHALLENGED')),
    reason_code             varchar(40),  -- ReasonCode or ChallengeReason; null for "no service found"
    service_id              uuid,         -- the service that declined / did not complete / was escalated; null for "no service found"
    organisation_id         uuid,         -- that service's organisation
    need_codes              varchar(60)[] not null,
    raised_organisation_id  uuid          not null,  -- told of the outcome (the referring organisation, or the recorder)
    raised_at               timestamptz   not null,
    status                  varchar(20)   not null check (status in ('OPEN', 'UNDER_REVIEW', 'RESOLVED', 'CLOSED')),
    owner_user_id           varchar(100), -- the partnership admin reviewing it
    outcome                 varchar(40),
    version                 bigint        not null,
    updated_at              timestamptz   not null,
    updated_by              varchar(100),
    check ((status in ('RESOLVED', 'CLOSED')) = (outcome is not null))
);
create index blockage_partnership on blockage (partnership_id, raised_at);
create index blockage_raised on blockage (raised_organisation_id, raised_at);
