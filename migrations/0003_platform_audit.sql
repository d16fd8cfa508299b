-- The audit log (操作ログ): append-only events in one hash chain per municipality, written in the same
-- transaction as the action they record. The canonical form hashed here is specified in
-- src/platform/audit/README.md and re-implemented independently by the verifier (canonical.ts).
--
-- Production grants (roles are not created here: PGlite and the tests have none). The migrator role owns
-- the table and its triggers; the application role may only add and read events:
--
--   revoke all on audit_event from public;
--   grant select, insert on audit_event to madoguchi_app;
--
-- So the application's login can neither UPDATE nor DELETE an event (no privilege, and the trigger
-- audit_event_append_only says no to anyone, the owner included, until the owner disables it), nor insert
-- one that does not continue the chain (the trigger audit_event_chain refuses a gap or a wrong prev_hash,
-- the primary key a second event at one seq).
-- The hash itself is computed by the writer (src/platform/audit/canonical.ts) and recomputed by every
-- verifier: in TypeScript by `madoguchi audit verify`, in SQL by audit_event_hash() below.

create table audit_event (
  municipality_code text not null references municipality,
  seq bigint not null check (seq >= 1),
  event_key uuid not null,
  client_ip text not null default '' check (length(client_ip) <= 45 and client_ip ~ '^[0-9A-Fa-f:.]*$'),
  client_user_agent text not null default '' check (length(client_user_agent) <= 256),
  user_id text not null check (length(user_id) between 1 and 100),
  user_name text not null default '' check (length(user_name) <= 100),
  department text not null default '' check (length(department) <= 100),
  operation_code text not null check (operation_code ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  operation_name text not null check (length(operation_name) between 1 and 100),
  category text not null check (category in ('login', 'read', 'change', 'export', 'admin')),
  detail text not null default '' check (length(detail) <= 2000),
  individual_number_access boolean not null default false,
  outcome text not null check (outcome in ('success', 'failure', 'denied')),
  subjects text[] not null default '{}' check (array_position(subjects, null) is null and cardinality(subjects) <= 1000),
  started_at timestamptz not null,
  ended_at timestamptz not null check (ended_at >= started_at),
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  primary key (municipality_code, seq)
);
comment on table audit_event is '操作ログ: one row per operation by staff or system (login, read of personal data, change, export, administration), append-only, chained by SHA-256 per municipality';
comment on column audit_event.municipality_code is '全国地方公共団体コード: the municipality whose chain this event belongs to';
comment on column audit_event.seq is '連番: position in the municipality''s chain, 1, 2, 3 … without gaps; assigned by the trigger audit_event_chain';
comment on column audit_event.event_key is 'Key (Pkey): random UUID naming the event outside the database (e.g. in a support ticket)';
comment on column audit_event.client_ip is 'クライアント情報 (IP): the client''s address as the server saw it (behind a trusted proxy, from X-Forwarded-For); empty for jobs';
comment on column audit_event.client_user_agent is 'クライアント情報 (ブラウザ): User-Agent header, truncated to 256 characters; empty for jobs and the command line';
comment on column audit_event.user_id is 'ユーザーID: login id of the member of staff, or "system:<job>" / "cli" for actions without a person';
comment on column audit_event.user_name is 'ユーザー名: display name of the member of staff at the time (personal data of staff, kept so the log reads without the account, which may be deleted)';
comment on column audit_event.department is '部課名: the staff member''s department at the time';
comment on column audit_event.operation_code is '処理コード: dotted code from an AuditOperation registry (e.g. auth.login, card.reservation.read)';
comment on column audit_event.operation_name is '処理名: the operation''s Japanese name at the time (e.g. ログイン)';
comment on column audit_event.category is '処理分類: login | read | change | export | admin';
comment on column audit_event.detail is '処理内容: what was done, in words and internal ids only — never a personal data value (no names, addresses, numbers)';
comment on column audit_event.individual_number_access is '個人番号アクセスログ: true when the operation displayed, used or exported an individual number (個人番号)';
comment on column audit_event.outcome is '処理結果: success; failure (the action failed and was rolled back); denied (refused for lack of permission or authentication)';
comment on column audit_event.subjects is '対象ID (内部用の申請書ID etc.): internal ids of the records touched, as kind:id (e.g. resident:123, application:A-42); answers "who viewed this resident''s data"';
comment on column audit_event.started_at is '処理開始時間';
comment on column audit_event.ended_at is '処理終了時間';
comment on column audit_event.prev_hash is 'hash of the previous event in the chain (64 zeros for seq 1)';
comment on column audit_event.hash is 'SHA-256 (hex) of this event''s canonical form, which includes prev_hash; see src/platform/audit/README.md';

create index audit_event_user on audit_event (municipality_code, user_id, seq);
create index audit_event_operation on audit_event (municipality_code, operation_code, seq);
create index audit_event_started_at on audit_event (municipality_code, started_at);
create index audit_event_subjects on audit_event using gin (subjects);

-- The hash covers UTF-8 bytes and counts them with octet_length, which counts in the server encoding.
do $$
begin
  if current_setting('server_encoding') <> 'UTF8' then
    raise exception 'madoguchi needs a database in UTF8 (this one is %)', current_setting('server_encoding');
  end if;
end
$$;

-- One item of the canonical form: "<UTF-8 byte length>:<value>\n" (README.md, "Canonical form").
-- Immutable all through (hence ::text, not int || text, which is only stable), so the planner inlines it.
create function audit_item(v text) returns text
language sql immutable strict as $$
  select octet_length(v)::text || ':' || v || E'\n'
$$;
comment on function audit_item(text) is 'one length-prefixed item of an audit event''s canonical form';

-- The hash of event e placed at seq after prev_hash, for checking a chain in SQL alone:
--   select seq from audit_event e where hash <> audit_event_hash(e, seq, prev_hash);
create function audit_event_hash(e audit_event, seq bigint, prev_hash text) returns text
language sql stable as $$
  select encode(sha256(convert_to(
    E'madoguchi-audit-v1\n'
    || audit_item(e.municipality_code)
    || audit_item(seq::text)
    || audit_item(e.event_key::text)
    || audit_item(e.client_ip)
    || audit_item(e.client_user_agent)
    || audit_item(e.user_id)
    || audit_item(e.user_name)
    || audit_item(e.department)
    || audit_item(e.operation_code)
    || audit_item(e.operation_name)
    || audit_item(e.category)
    || audit_item(e.detail)
    || audit_item(e.individual_number_access::text)
    || audit_item(e.outcome)
    || audit_item(to_json(e.subjects)::text)
    || audit_item(to_char(e.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || audit_item(to_char(e.ended_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || audit_item(prev_hash),
    'UTF8')), 'hex')
$$;
comment on function audit_event_hash(audit_event, bigint, text) is 'SHA-256 (hex) of the canonical form of an event at seq after prev_hash; re-implemented by the verifier';

-- The municipality's chain lock and its last event. Appends in one municipality take turns on this
-- transaction lock (class 1096107092, "AUDT", keyed by the code), held to commit, so two transactions never
-- continue the chain from the same event; a rollback returns the seq, so there are no gaps. The lock is
-- taken before the lookup, whose fresh snapshot (read committed) includes what the previous holder committed.
create function audit_chain_last(code text, out last_seq bigint, out last_hash text)
language plpgsql as $$
begin
  perform pg_advisory_xact_lock(1096107092, code::int);
  select e.seq, e.hash into last_seq, last_hash from audit_event e
   where e.municipality_code = code order by e.seq desc limit 1;
  last_seq := coalesce(last_seq, 0);
  last_hash := coalesce(last_hash, repeat('0', 64));
end
$$;
comment on function audit_chain_last(text) is 'takes the municipality''s audit chain lock (to commit) and answers its last seq and hash (0 and 64 zeros when empty)';

-- Every insert, however issued, must continue the chain: seq 1 after 64 zeros, or the event at seq - 1 with
-- hash = prev_hash. With the primary key (no seq twice) that leaves no gap and no fork. A row trigger sees the
-- rows its own statement inserted before, so a multi-row insert is checked in order.
create function audit_event_chain() returns trigger
language plpgsql as $$
begin
  if new.seq = 1 then
    if new.prev_hash = repeat('0', 64) then
      return new;
    end if;
  elsif exists (select from audit_event e
                where e.municipality_code = new.municipality_code and e.seq = new.seq - 1 and e.hash = new.prev_hash) then
    return new;
  end if;
  raise exception 'audit event % of municipality % does not continue its chain', new.seq, new.municipality_code
    using errcode = 'integrity_constraint_violation';
end
$$;
comment on function audit_event_chain() is 'refuses an audit event that does not follow the event before it (seq - 1, whose hash must be its prev_hash)';

create trigger audit_event_chain before insert on audit_event
for each row execute function audit_event_chain();

create function audit_event_reject_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;
comment on function audit_event_reject_change() is 'refuses UPDATE, DELETE and TRUNCATE on audit_event, for every role including the owner';

create trigger audit_event_append_only before update or delete or truncate on audit_event
for each statement execute function audit_event_reject_change();
