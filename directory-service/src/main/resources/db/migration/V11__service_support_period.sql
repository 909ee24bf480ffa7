-- Issue 17, item 1 (ADR 0073): how long a service supports a woman once support starts, in weeks, and a shorter limit
-- where she is eligible for the Destitute Domestic Violence Concession (SMV: 12 weeks, 6 where DDVC-eligible). Null: no
-- limit. referral-service reads them through the routing answer when a support period starts.
alter table service add column support_weeks integer check (support_weeks between 1 and 104);
alter table service add column support_weeks_ddvc integer check (support_weeks_ddvc between 1 and 104);

-- The SMV services loaded as demo data before this migration (the demo ids of "service:<key>-smv").
update service set support_weeks = 12, support_weeks_ddvc = 6 where source = 'DEMO' and id in (
    '662f084d-8dd8-326c-b2dd-7db5c78496a7', '1f2a6e1a-fa5c-3afe-bd13-5ab03d2da82e', '9869f5d7-4a70-32da-a2a6-a683914699e5',
    '8e7f4f2e-7f5a-37e0-8d64-194292f6de40', '4911859b-dffd-3459-bacb-c4740051d228', '84dfea16-5bd3-32a8-a3b4-65834ca1262d');
-- Haven's outreach (Coventry) supports for 12 weeks, extendable: the demo "service:haven-outreach".
update service set support_weeks = 12 where source = 'DEMO' and id = 'b101b02c-6e8a-356b-b77d-49403a890145';

-- Issue 17, item 7 (ADR 0076): the reporting calendar is a property of each partnership (an ISO period of months from
-- an anchor day). Null: referral-service's default calendar. Demo: Coventry six-monthly from its agreement's start,
-- SMV quarterly (the funder's return).
alter table partnership add column reporting_period varchar(8) check (reporting_period in ('P1M', 'P3M', 'P6M', 'P12M'));
alter table partnership add column reporting_anchor date;
update partnership set reporting_period = 'P6M', reporting_anchor = date '2026-04-01' where id = '3888319a-7b4f-3aef-9e58-df0db167f9d1';
update partnership set reporting_period = 'P3M', reporting_anchor = date '2026-01-01' where id = 'a045c66a-34bd-3b2c-9a76-a62ac1704692';
