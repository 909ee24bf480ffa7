-- Issue 16 / ADR 0053: a service may take only complex cases, a referral carrying at least this many needs (null: no
-- minimum). referral-service's send checks it; the directory shows it with the service's eligibility.
alter table service add column minimum_needs integer check (minimum_needs between 2 and 20);

-- MWNUK's caseworker service takes complex cases only (three or more needs, DOMAIN.md). The demo loader sets it for new
-- demo data; this sets it where the demo data was loaded before (the demo id of "service:mwnuk-casework").
update service set minimum_needs = 3 where id = '564ca4a4-fd68-3a7a-8053-ab0e7b070bff' and source = 'DEMO';
