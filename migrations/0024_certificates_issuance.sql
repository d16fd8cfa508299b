-- 所得・課税証明書の交付 (issue 6): settings per municipality, the Ed25519 keys certificates are signed with, the
-- record of every issuance (never the PDF itself), the kiosk network's clients and requests, and revocations.

create table certificate_settings (
  municipality_code text primary key references municipality,
  fee_per_copy_yen integer not null default 300 check (fee_per_copy_yen between 0 and 100000),
  mayor_name_ja text not null default '' check (length(mayor_name_ja) <= 30),
  seal_png bytea check (seal_png is null or length(seal_png) <= 262144),
  kiosk_year_switch text not null default '06-01' check (kiosk_year_switch ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
  updated_at timestamptz not null default now()
);
comment on table certificate_settings is '証明書の設定: what a municipality prints on its tax certificates and charges for them';
comment on column certificate_settings.municipality_code is '全国地方公共団体コード';
comment on column certificate_settings.fee_per_copy_yen is '手数料 per copy in yen (the same at the counter, online and at kiosks unless a later setting says otherwise)';
comment on column certificate_settings.mayor_name_ja is '首長の氏名 printed after the title (empty prints the title alone)';
comment on column certificate_settings.seal_png is '公印 image (PNG, at most 256 KiB) printed beside the title; null prints a drawn seal';
comment on column certificate_settings.kiosk_year_switch is 'MM-DD from which kiosks offer the new fiscal year (課税年度); before it, the previous one';
comment on column certificate_settings.updated_at is 'when the settings last changed';

create table certificate_signing_key (
  municipality_code text not null references municipality,
  key_id text not null check (key_id ~ '^[0-9a-f]{16}$'),
  public_key bytea not null check (length(public_key) = 32),
  private_key_sealed bytea not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (municipality_code, key_id)
);
create unique index certificate_signing_key_one_active on certificate_signing_key (municipality_code) where retired_at is null;
comment on table certificate_signing_key is '証明書署名鍵: Ed25519 keys that sign the QR payload of every certificate; public halves are published at /.well-known/madoguchi/keys.json';
comment on column certificate_signing_key.municipality_code is '全国地方公共団体コード of the signer';
comment on column certificate_signing_key.key_id is 'first 16 hex digits of SHA-256 over the raw public key; carried in every payload';
comment on column certificate_signing_key.public_key is 'raw 32-byte Ed25519 public key';
comment on column certificate_signing_key.private_key_sealed is 'PKCS#8 private key sealed under the municipality''s field key (AES-256-GCM); never leaves the server in clear';
comment on column certificate_signing_key.created_at is 'when the key was made';
comment on column certificate_signing_key.retired_at is 'when the key stopped signing; it stays published so that certificates it signed still verify';

create table certificate_issuance (
  municipality_code text not null references municipality,
  certificate_number text not null check (certificate_number ~ '^[1-9][0-9]{11}$'),
  resident_number text not null,
  certificate_type text not null check (certificate_type in ('taxation', 'non_taxation', 'income')),
  fiscal_year integer not null check (fiscal_year between 2000 and 2100),
  copies integer not null check (copies between 1 and 20),
  fee_yen integer not null check (fee_yen >= 0),
  channel text not null check (channel in ('counter', 'online', 'kiosk')),
  issued_at timestamptz not null default now(),
  issued_on date not null,
  issued_by text not null check (length(issued_by) between 1 and 100),
  key_id text not null,
  signed_payload text not null,
  pdf_sha256 bytea not null check (length(pdf_sha256) = 32),
  revoked_at timestamptz,
  revoked_by text,
  revoke_reason text check (revoke_reason is null or length(revoke_reason) between 1 and 200),
  primary key (municipality_code, certificate_number),
  constraint certificate_issuance_revocation_complete check ((revoked_at is null) = (revoked_by is null) and (revoked_at is null) = (revoke_reason is null))
);
create index certificate_issuance_by_day on certificate_issuance (municipality_code, issued_on);
create index certificate_issuance_by_resident on certificate_issuance (municipality_code, resident_number);
comment on table certificate_issuance is '証明書交付記録: one row per certificate issued at the counter, online or at a kiosk; the PDF itself is never kept, only its SHA-256';
comment on column certificate_issuance.municipality_code is '全国地方公共団体コード of the issuer';
comment on column certificate_issuance.certificate_number is '証明書番号: 11 random digits and a Luhn check digit, printed on the paper and signed in the QR';
comment on column certificate_issuance.resident_number is '住記個人番号 of the person certified (not the 個人番号)';
comment on column certificate_issuance.certificate_type is '証明書の種類: taxation 課税証明書, non_taxation 非課税証明書, income 所得証明書';
comment on column certificate_issuance.fiscal_year is '課税年度 certified (2026 = 令和8年度)';
comment on column certificate_issuance.copies is '交付部数';
comment on column certificate_issuance.fee_yen is '手数料 charged in yen: copies × the fee per copy at the time';
comment on column certificate_issuance.channel is '交付経路: counter 窓口, online 電子申請, kiosk コンビニ交付';
comment on column certificate_issuance.issued_at is 'when it was issued';
comment on column certificate_issuance.issued_on is '発行日 printed on the certificate (Japan time)';
comment on column certificate_issuance.issued_by is 'who issued it: the staff login id, kiosk:<client id>, or online:<application id>';
comment on column certificate_issuance.key_id is 'the signing key''s id (certificate_signing_key)';
comment on column certificate_issuance.signed_payload is 'the signed QR payload as printed (name and key amounts): what /verify shows to compare against the paper';
comment on column certificate_issuance.pdf_sha256 is 'SHA-256 of the PDF delivered; proves which file was issued without keeping it';
comment on column certificate_issuance.revoked_at is '失効日時: set when the certificate was revoked (e.g. after a tax correction)';
comment on column certificate_issuance.revoked_by is 'the staff login id that revoked it';
comment on column certificate_issuance.revoke_reason is '失効理由 shown by /verify';

create table certificate_kiosk_client (
  municipality_code text not null references municipality,
  client_id text not null check (client_id ~ '^kc_[0-9a-f]{16}$'),
  name text not null check (length(name) between 1 and 100 and name !~ '[[:cntrl:]]'),
  secret_sha256 text not null check (secret_sha256 ~ '^[0-9a-f]{64}$'),
  allowed_networks text[] not null default '{}' check (array_position(allowed_networks, null) is null and cardinality(allowed_networks) <= 100),
  created_at timestamptz not null default now(),
  created_by text not null check (length(created_by) between 1 and 100),
  suspended_at timestamptz,
  primary key (municipality_code, client_id)
);
comment on table certificate_kiosk_client is 'コンビニ交付の接続先: the issuance center (証明書交付センター) systems allowed to call POST /api/v1/kiosk/certificates';
comment on column certificate_kiosk_client.municipality_code is '全国地方公共団体コード';
comment on column certificate_kiosk_client.client_id is 'client id (kc_ + 16 hex digits), the audit actor api_client:<client_id>';
comment on column certificate_kiosk_client.name is '接続先の名称 (a system, not a person)';
comment on column certificate_kiosk_client.secret_sha256 is 'SHA-256 of the bearer token, which is shown once and never stored';
comment on column certificate_kiosk_client.allowed_networks is '接続元制限: CIDR blocks or addresses it may call from; empty allows any';
comment on column certificate_kiosk_client.created_at is 'when it was registered';
comment on column certificate_kiosk_client.created_by is 'who registered it';
comment on column certificate_kiosk_client.suspended_at is '利用停止日時; a suspended client is refused';

create table certificate_kiosk_request (
  municipality_code text not null references municipality,
  client_id text not null,
  request_id text not null check (request_id ~ '^[A-Za-z0-9._:-]{1,100}$'),
  received_at timestamptz not null default now(),
  received_on date not null,
  certificate_type text not null check (certificate_type in ('taxation', 'non_taxation', 'income')),
  fiscal_year integer not null,
  copies integer not null,
  outcome text not null check (outcome in ('issued', 'refused')),
  refusal_reason text,
  certificate_number text,
  primary key (municipality_code, client_id, request_id),
  constraint certificate_kiosk_request_outcome check ((outcome = 'issued') = (certificate_number is not null) and (outcome = 'refused') = (refusal_reason is not null))
);
create index certificate_kiosk_request_by_day on certificate_kiosk_request (municipality_code, received_on);
comment on table certificate_kiosk_request is 'コンビニ交付の請求: every request from the issuance center with its outcome; a retried request id returns the same certificate';
comment on column certificate_kiosk_request.municipality_code is '全国地方公共団体コード';
comment on column certificate_kiosk_request.client_id is 'the kiosk client that sent it';
comment on column certificate_kiosk_request.request_id is 'the issuance center''s request id: the idempotency key';
comment on column certificate_kiosk_request.received_at is 'when it arrived';
comment on column certificate_kiosk_request.received_on is 'the day it arrived (Japan time), for the daily report';
comment on column certificate_kiosk_request.certificate_type is 'the certificate asked for';
comment on column certificate_kiosk_request.fiscal_year is 'the fiscal year asked for';
comment on column certificate_kiosk_request.copies is 'the copies asked for';
comment on column certificate_kiosk_request.outcome is 'issued or refused';
comment on column certificate_kiosk_request.refusal_reason is 'the reason code sent back when refused (no personal data)';
comment on column certificate_kiosk_request.certificate_number is 'the certificate issued for it';
