-- What the review server (madoguchi serve --role review) may do in the database, and nothing more. Migration 0009 made
-- the extract answer only through review_candidates(); but the server also authenticates its API clients, records
-- when each last called, suspends one on a no_match burst, loads the municipality's index key and writes an audit
-- event per call. Until now those needed the table privileges that 0010's comment granted (SELECT on
-- review_api_client, so every client's row) and SELECT on audit_event (the chain look-ups ran as the caller). Here
-- each becomes either a SECURITY DEFINER function that does one narrow thing, or a privilege that reveals nothing:
--
-- - review_api_client_auth(code, client_id): the one client a bearer token names, with only what authentication and
--   the monitor need (never created_by, created_at or last_used_at, and no other client);
-- - review_api_client_touch(code, client_id, at): sets that client's last_used_at;
-- - review_api_client_suspend(code, client_id, reason): suspends it (the alert's automatic suspension); it cannot
--   resume a client or change anything else, which stays the administrator's command line (a table UPDATE by the
--   application role);
-- - audit_chain_last() and the trigger function audit_event_chain() (migration 0003) now run as their owner, so
--   appending an event needs INSERT on audit_event only: the review login reads no event, its own included;
-- - data_key: SELECT. The wrapped keys are AES-GCM ciphertexts under the master key; the review server holds the
--   master key anyway (it needs the index key it unwraps to compute the blind indexes), and its login can read no
--   table holding a value encrypted under the field keys it could also unwrap. The keyring reads every key of the
--   municipality and creates missing ones; the login cannot create them (no INSERT), so the extract's import (or any
--   earlier use by the application) must have made them, which it always has when there is an extract to answer from;
-- - municipality and schema_migration: SELECT, for the start-up check and banner of `serve` (no migration pending,
--   which municipality) and /api/v1/municipality. Neither holds personal data.
--
-- Production grants (roles are not created here: PGlite and the tests have none). The review role's login gets
-- exactly these; src/modules/review/review-login.test.ts applies them to a real login and runs the server as it. They
-- replace migration 0010's grant on review_api_client. Write the deployment's schema for public, and grant CONNECT on
-- the database too where it has been revoked from PUBLIC:
--
--   grant usage on schema public to madoguchi_review;
--   revoke all on review_api_client, review_extract, review_reading, review_batch_mapping from public, madoguchi_review;
--   grant execute on function review_candidates(text, text, text, text, integer), review_api_client_auth(text, text),
--     review_api_client_touch(text, text, timestamptz), review_api_client_suspend(text, text, text) to madoguchi_review;
--   grant insert on audit_event to madoguchi_review;
--   grant select on data_key, municipality, schema_migration to madoguchi_review;
--
-- Later tables starting review_ are for the application role only unless their migration says otherwise. Each
-- function below pins search_path to this schema (a SECURITY DEFINER function must not find a caller's table first),
-- and EXECUTE on the new ones is revoked from PUBLIC. audit_chain_last stays executable by PUBLIC as before: it answers
-- a chain's last seq and hash, neither of them personal, and takes the lock any role could take. Whoever replaces
-- audit_chain_last or audit_event_chain later (create or replace resets both properties) must keep
-- `security definer` and the pinned search_path, or the review server can no longer log its calls.

do $$
begin
  execute format($f$
    create function review_api_client_auth(p_municipality_code text, p_client_id text)
    returns table (name text, secret_sha256 text, allowed_networks text[], rate_limit_per_minute integer,
                   suspend_on_alert boolean, suspended_at timestamptz, suspended_reason text)
    language sql stable security definer
    set search_path = %1$I, pg_temp
    as $body$
      select c.name, c.secret_sha256, c.allowed_networks, c.rate_limit_per_minute, c.suspend_on_alert, c.suspended_at, c.suspended_reason
      from review_api_client c
      where c.municipality_code = p_municipality_code and c.client_id = p_client_id
    $body$
  $f$, current_schema());

  execute format($f$
    create function review_api_client_touch(p_municipality_code text, p_client_id text, p_at timestamptz)
    returns void
    language sql volatile security definer
    set search_path = %1$I, pg_temp
    as $body$
      update review_api_client set last_used_at = p_at
      where municipality_code = p_municipality_code and client_id = p_client_id
    $body$
  $f$, current_schema());

  -- A second suspension keeps the first one's time and reason, so it does not hide when and why the client was stopped.
  execute format($f$
    create function review_api_client_suspend(p_municipality_code text, p_client_id text, p_reason text)
    returns boolean
    language plpgsql volatile security definer
    set search_path = %1$I, pg_temp
    as $body$
    begin
      update review_api_client c
         set suspended_at = coalesce(c.suspended_at, now()), suspended_reason = coalesce(c.suspended_reason, p_reason)
       where c.municipality_code = p_municipality_code and c.client_id = p_client_id;
      return found;
    end
    $body$
  $f$, current_schema());

  execute format('alter function audit_chain_last(text) security definer set search_path = %I, pg_temp', current_schema());
  execute format('alter function audit_event_chain() security definer set search_path = %I, pg_temp', current_schema());
end
$$;

comment on function review_api_client_auth(text, text) is '審査アシストの接続先の認証: the one client a token names, with its token hash, networks, rate limit and suspension only; for the review server, whose login may not read review_api_client';
comment on function review_api_client_touch(text, text, timestamptz) is 'records when a review API client last called (last_used_at); the review server''s one write to review_api_client besides a suspension';
comment on function review_api_client_suspend(text, text, text) is 'suspends a review API client with a reason (the no_match alert''s automatic suspension); true when it exists; resuming is the administrator''s, not this function''s';

revoke all on function review_api_client_auth(text, text) from public;
revoke all on function review_api_client_touch(text, text, timestamptz) from public;
revoke all on function review_api_client_suspend(text, text, text) from public;
