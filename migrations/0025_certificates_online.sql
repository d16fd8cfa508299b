-- 電子申請による証明書の交付 (issue 6): a certificate issued for an approved online application goes to the resident by
-- a one-time download link (mailed) or by post. One certificate per application; the link's token is stored hashed.

create table certificate_online_delivery (
  municipality_code text not null references municipality,
  certificate_number text not null,
  application_id uuid not null,
  delivery text not null check (delivery in ('download', 'post')),
  token_sha256 text check (token_sha256 is null or token_sha256 ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz,
  downloaded_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (municipality_code, certificate_number),
  foreign key (municipality_code, certificate_number) references certificate_issuance (municipality_code, certificate_number) on delete cascade,
  constraint certificate_online_delivery_one_per_application unique (municipality_code, application_id),
  constraint certificate_online_delivery_link check ((delivery = 'download') = (token_sha256 is not null and expires_at is not null))
);
create unique index certificate_online_delivery_token on certificate_online_delivery (token_sha256) where token_sha256 is not null;
comment on table certificate_online_delivery is '電子申請の証明書の受け渡し: how the certificate of an approved online application reaches the resident (one-time download or post)';
comment on column certificate_online_delivery.municipality_code is '全国地方公共団体コード';
comment on column certificate_online_delivery.certificate_number is 'the certificate issued (certificate_issuance)';
comment on column certificate_online_delivery.application_id is 'the online application it answers (application.application_id); one certificate per application';
comment on column certificate_online_delivery.delivery is 'download: a one-time link mailed to the applicant; post: printed and mailed by the clerk';
comment on column certificate_online_delivery.token_sha256 is 'SHA-256 of the download link''s secret (the link itself is only in the mail)';
comment on column certificate_online_delivery.expires_at is 'until when the link works';
comment on column certificate_online_delivery.downloaded_at is 'when the resident downloaded it; the link works once';
comment on column certificate_online_delivery.created_at is 'when the certificate was issued for the application';
