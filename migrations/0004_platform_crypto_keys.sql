-- Data keys for field encryption and blind indexes, stored only wrapped (encrypted) by the master key.

create table data_key (
  municipality_code text not null references municipality,
  key_id text not null check (key_id ~ '^[0-9a-f]{12}$'),
  purpose text not null check (purpose in ('field', 'index')),
  wrapped_key bytea not null check (length(wrapped_key) = 60),
  master_key_id text not null check (master_key_id ~ '^[0-9a-f]{16}$'),
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (municipality_code, key_id)
);
comment on table data_key is '暗号鍵: per-municipality data keys (DEKs) for field encryption and the blind-index secret, each wrapped by the master key; no key is ever stored in clear';
comment on column data_key.key_id is 'random id written at the start of every ciphertext made with this key (v1.<key_id>.…), so a value names the key that opens it';
comment on column data_key.purpose is 'field: AES-256-GCM key for 個人番号 and 要配慮個人情報 fields; index: secret from which the HMAC blind-index keys are derived';
comment on column data_key.wrapped_key is 'the key encrypted by the master key (AES-256-GCM: 12-byte IV, 32-byte key, 16-byte tag), bound to municipality_code, key_id and purpose';
comment on column data_key.master_key_id is 'fingerprint of the master key that wraps this key (not the key itself); tells which master key a restore needs';
comment on column data_key.created_at is 'when the key was made';
comment on column data_key.retired_at is 'when rotation replaced it: no new value is encrypted with a retired key, but it still opens the values made with it';

-- One key in use per municipality and purpose; this also settles two processes creating the first key at once.
create unique index data_key_active on data_key (municipality_code, purpose) where retired_at is null;
