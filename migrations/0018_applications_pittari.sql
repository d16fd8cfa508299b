-- ぴったりサービス bundles imported into the applications inbox: one row per bundle, so the same bundle (by its bytes) or
-- an application already imported (by the portal's 申請番号) is refused a second time, also after the imported
-- applications have been handed over and disposed of. No personal data: hashes, counts and the portal's numbers.

create table application_pittari_bundle (
  municipality_code text not null references municipality,
  bundle_sha256 text not null check (bundle_sha256 ~ '^[0-9a-f]{64}$'),
  imported_at timestamptz not null default now(),
  imported_by text not null check (length(imported_by) between 1 and 100),
  application_count integer not null check (application_count >= 1),
  pittari_numbers text[] not null,
  primary key (municipality_code, bundle_sha256)
);
create index application_pittari_bundle_numbers on application_pittari_bundle using gin (pittari_numbers);
comment on table application_pittari_bundle is 'ぴったりサービス取込: each bundle imported from the national portal, remembered so that it is never imported twice';
comment on column application_pittari_bundle.municipality_code is '全国地方公共団体コード';
comment on column application_pittari_bundle.bundle_sha256 is 'SHA-256 of the zip file as uploaded';
comment on column application_pittari_bundle.imported_at is 'when it was imported';
comment on column application_pittari_bundle.imported_by is 'login id of the clerk who imported it';
comment on column application_pittari_bundle.application_count is 'number of applications it carried';
comment on column application_pittari_bundle.pittari_numbers is 'the portal''s 申請番号 of each application (not personal data: the portal''s ids)';
