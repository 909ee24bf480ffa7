-- The open feed's /organizations list filters and pages in SQL (ADR 0012): a (name, id) index for the ordered walk,
-- and a trigram index on the searched text (every word of `search` must appear in name or description).
create index organisation_name_id on organisation (name, id);
create index organisation_search_text on organisation using gin ((lower(name || ' ' || description)) gin_trgm_ops);
