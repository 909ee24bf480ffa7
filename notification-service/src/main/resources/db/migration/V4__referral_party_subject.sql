-- What notification-service needs to tell the organisations concerned when her consent is withdrawn (ADR 0045): the
-- subject (an opaque id) and the current state of each referral it has seen. Rows from before this migration have
-- neither and are simply not found by subject; their later events fill both in.
alter table referral_party add column subject_id uuid;
alter table referral_party add column state varchar(30);
create index referral_party_subject on referral_party (subject_id) where subject_id is not null;
