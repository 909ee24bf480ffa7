-- Issue 16 item 9 / ADR 0091: referrals to statutory partners (police domestic abuse unit, MARAC coordinator, SARC)
-- outside any data sharing agreement. Such a referral rests on her consent or an approved safeguarding override for
-- the statutory partner, under a partnership; there is no agreement to name.
alter table referral alter column agreement_id drop not null;

-- One row per statutory referral (an ordinary partnership referral has none): its kind and, for MARAC, the DASH risk
-- level, the referral criterion and her safe contact times (free text, encrypted under her key like the referral's
-- other texts; shredded with her key and cleared on erasure). Exported in her subject access export (ADR 0088).
create table statutory_referral (
    referral_id          uuid primary key references referral(id),
    kind                 varchar(10) not null check (kind in ('MARAC', 'POLICE', 'SARC')),
    dash_level           varchar(10) check (dash_level in ('STANDARD', 'MEDIUM', 'HIGH')),
    criterion            varchar(30) check (criterion in ('VISIBLE_HIGH_RISK', 'PROFESSIONAL_JUDGEMENT', 'POTENTIAL_ESCALATION')),
    safe_contact_times   bytea,
    -- A MARAC referral carries its DASH level and criterion; visible high risk is a HIGH DASH level (SafeLives).
    check ((kind = 'MARAC') = (dash_level is not null and criterion is not null)),
    check (criterion is distinct from 'VISIBLE_HIGH_RISK' or dash_level = 'HIGH')
);

-- The directory's routing now says whether a service is a statutory partner's (and its role): routings cached before
-- do not, so they are fetched again on first use (ADR 0061: the read model is a cache of the internal API).
delete from directory_routing;
