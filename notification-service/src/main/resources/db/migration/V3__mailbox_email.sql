-- Organisation mailboxes get e-mail too (ADR 0043): a queued e-mail is for a user (opted in) or for an organisation's
-- mailbox. Either way the address is looked up when the e-mail goes (Keycloak; the directory) and never stored.
alter table email_outbox alter column user_id drop not null;
alter table email_outbox add column organisation_id uuid;
alter table email_outbox add constraint email_outbox_one_recipient check ((user_id is null) <> (organisation_id is null));
