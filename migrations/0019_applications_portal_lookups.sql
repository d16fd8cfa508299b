-- What the resident portal looks up on every request, and how attachments are stored.
--
-- A draft is found by the SHA-256 of the secret in the resident's link: without an index every form page read the
-- whole application table. Unique, as a token names one draft.
create unique index application_draft_token on application (municipality_code, draft_token_sha256) where draft_token_sha256 is not null;

-- Attachments are encrypted, so compressing them gains little and costs the database CPU on every upload (PostgreSQL
-- would try pglz on each megabyte): stored out of line, uncompressed.
alter table application_attachment alter column content set storage external;
