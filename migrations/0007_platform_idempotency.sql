-- Idempotency keys: a retried payment, booking or kiosk request replays the first answer instead of acting twice.

create table idempotency_key (
  municipality_code text not null references municipality,
  client_id text not null check (length(client_id) between 1 and 200),
  idempotency_key text not null check (length(idempotency_key) between 1 and 200),
  request_hash text not null,
  state text not null check (state in ('running', 'done')),
  response_status integer,
  response_body text,
  created_at timestamptz not null default now(),
  primary key (municipality_code, client_id, idempotency_key)
);
comment on table idempotency_key is '冪等キー: the first answer to a request with an Idempotency-Key, replayed to retries for 24 hours';
comment on column idempotency_key.client_id is 'who sent it: a staff login id, an API client id, or a portal form token — never a person''s name';
comment on column idempotency_key.request_hash is 'SHA-256 of method, path and body; the same key with another body is refused';
comment on column idempotency_key.state is 'running while the first request is being handled, done once its answer is stored';
comment on column idempotency_key.response_body is 'the stored answer (JSON); answers carrying personal data expire with the key after 24 hours';
create index idempotency_key_created_at on idempotency_key (created_at);
