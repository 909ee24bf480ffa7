-- Issue 14, finding 6: a signpost's external organisation is a free text about her (where she was sent, in the
-- worker's words) and is encrypted under her key like the referral's free texts, so erasing her key shreds it. The
-- clear column stays only for rows written before this version; SignpostTexts encrypts those at start-up and clears it.
alter table signpost add column external_organisation_ciphertext bytea;
alter table signpost alter column external_organisation drop not null;
