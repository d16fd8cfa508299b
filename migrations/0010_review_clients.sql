-- Review API clients (審査アシストの接続先): the online application system's review server (seed 000, flow ③④)
-- calls POST /api/v1/review/match with a bearer token. An administrator registers each client from the command line;
-- the token is shown once and only its SHA-256 is kept, so a dump of this table cannot be used to call the API.
--
-- Production grants: the review role's login reads this table (to authenticate) and sets last_used_at; it never
-- inserts or deletes clients, which is the administrator's command line:
--
--   grant select, update (last_used_at, suspended_at, suspended_reason) on review_api_client to madoguchi_review;

create table review_api_client (
  municipality_code text not null references municipality,
  client_id text not null check (client_id ~ '^rc_[0-9a-f]{16}$'),
  name text not null check (length(name) between 1 and 100 and name !~ '[[:cntrl:]]'),
  secret_sha256 text not null check (secret_sha256 ~ '^[0-9a-f]{64}$'),
  allowed_networks text[] not null default '{}' check (array_position(allowed_networks, null) is null and cardinality(allowed_networks) <= 100),
  rate_limit_per_minute integer not null default 600 check (rate_limit_per_minute between 1 and 1000000),
  suspend_on_alert boolean not null default false,
  suspended_at timestamptz,
  suspended_reason text check (suspended_reason is null or length(suspended_reason) between 1 and 200),
  created_at timestamptz not null default now(),
  created_by text not null check (length(created_by) between 1 and 100),
  last_used_at timestamptz,
  primary key (municipality_code, client_id),
  constraint review_api_client_suspension_has_reason check ((suspended_at is null) = (suspended_reason is null))
);
comment on table review_api_client is '審査アシストの API 接続先: systems allowed to ask for one applicant''s verdict (the online application system''s review server); no personal data of residents';
comment on column review_api_client.municipality_code is '全国地方公共団体コード: the municipality whose extract this client may query';
comment on column review_api_client.client_id is 'client id (rc_ + 16 hex digits, random), shown in the audit log as the actor api_client:<client_id>';
comment on column review_api_client.name is '接続先の名称: what the administrator called the client (e.g. スマート申請 審査サーバー); names a system, not a person';
comment on column review_api_client.secret_sha256 is 'SHA-256 (hex) of the bearer token; the token itself (256 random bits) is shown once at registration and never stored';
comment on column review_api_client.allowed_networks is '接続元制限: CIDR blocks or single addresses the client may call from; empty allows any address';
comment on column review_api_client.rate_limit_per_minute is '呼出し上限: calls allowed in any 60 seconds, per server process (default 600); more are answered 429 with Retry-After';
comment on column review_api_client.suspend_on_alert is 'true suspends the client automatically when a burst of no_match answers raises the alert (review.alert.no_match_burst)';
comment on column review_api_client.suspended_at is '利用停止日時: when the client was suspended (by an administrator or by the alert); a suspended client is answered 403';
comment on column review_api_client.suspended_reason is '利用停止の理由: words and ids only, e.g. "no_match burst: 73 of 120 calls in 5 min" or "cli"';
comment on column review_api_client.created_at is 'when the client was registered';
comment on column review_api_client.created_by is 'who registered it: "cli" or the administrator''s login id';
comment on column review_api_client.last_used_at is 'when the client last called the API (updated at most once a minute per server process)';
