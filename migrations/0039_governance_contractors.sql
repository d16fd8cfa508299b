-- 委託先管理 (issue 10, seed 004 特記事項): the contractors that handle the municipality's personal-data files, their
-- certifications (ISMS, プライバシーマーク) with expiry, the register files each handles, the staff accounts their
-- people log in with, and the inspections (確認・立入調査) the municipality makes of them — 年度当たり1回以上 (特記事項
-- 16). The inspection due date is computed from the last inspection (src/modules/governance/contractors/domain/).
-- Nothing here is personal data of residents; a contractor's people appear only as links to their staff accounts.

create table governance_contractor (
  municipality_code text not null references municipality,
  contractor_id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  corporate_number text check (corporate_number is null or corporate_number ~ '^[0-9]{13}$'),
  work text not null default '' check (length(work) <= 2000),
  contract_starts_on date not null,
  contract_ends_on date,
  subcontracting boolean not null default false,
  row_version integer not null default 0,
  registered_by text not null,
  registered_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, contractor_id),
  unique (municipality_code, name),
  constraint governance_contractor_term check (contract_ends_on is null or contract_ends_on >= contract_starts_on)
);
comment on table governance_contractor is '委託先: a company or body the municipality entrusts with work on personal data (seed 004: 委託先, 委託の内容, 委託の開始時期及び期限)';
comment on column governance_contractor.municipality_code is '全国地方公共団体コード';
comment on column governance_contractor.contractor_id is 'the contractor''s internal id';
comment on column governance_contractor.name is '委託先の名称 (a company''s name, not a person''s)';
comment on column governance_contractor.corporate_number is '法人番号 (13 digits, public), when the contractor has one';
comment on column governance_contractor.work is '委託の内容: what the contractor does with the files';
comment on column governance_contractor.contract_starts_on is '委託の開始日';
comment on column governance_contractor.contract_ends_on is '委託の期限; null while the contract runs on from year to year';
comment on column governance_contractor.subcontracting is '再委託: true when the municipality has approved subcontracting (特記事項 10 forbids it otherwise)';
comment on column governance_contractor.row_version is 'incremented by every change, so a form saved on a stale page is refused';
comment on column governance_contractor.registered_by is 'login id of the member of staff who registered the contractor';
comment on column governance_contractor.registered_at is 'when the contractor was registered';
comment on column governance_contractor.updated_at is 'last change of the contractor''s own fields';

create table governance_contractor_certification (
  municipality_code text not null,
  contractor_id uuid not null,
  kind text not null check (kind in ('isms', 'pmark')),
  number text not null check (length(number) between 1 and 60),
  expires_on date not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, contractor_id, kind),
  foreign key (municipality_code, contractor_id) references governance_contractor on delete cascade
);
comment on table governance_contractor_certification is '認証: the contractor''s current ISMS (ISO/IEC 27001) or プライバシーマーク certification; a renewal replaces the row';
comment on column governance_contractor_certification.municipality_code is '全国地方公共団体コード';
comment on column governance_contractor_certification.contractor_id is 'the certified contractor';
comment on column governance_contractor_certification.kind is 'isms (ISO/IEC 27001 認証) or pmark (プライバシーマーク)';
comment on column governance_contractor_certification.number is '登録番号 / 認証番号 as on the certificate';
comment on column governance_contractor_certification.expires_on is '有効期限: the last day the certification is valid; past it the contractor is flagged';
comment on column governance_contractor_certification.recorded_by is 'login id of the member of staff who recorded it';
comment on column governance_contractor_certification.recorded_at is 'when it was recorded';

create table governance_contractor_file (
  municipality_code text not null,
  contractor_id uuid not null,
  file_id text not null check (file_id ~ '^[a-z][a-z0-9_]{0,62}$'),
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, contractor_id, file_id),
  foreign key (municipality_code, contractor_id) references governance_contractor on delete cascade
);
comment on table governance_contractor_file is '取り扱う個人情報ファイル: which register files a contractor handles (seed 004: 委託に伴い事業者に処理させる情報項目)';
comment on column governance_contractor_file.municipality_code is '全国地方公共団体コード';
comment on column governance_contractor_file.contractor_id is 'the contractor';
comment on column governance_contractor_file.file_id is 'PersonalDataFile.fileId of the 個人情報ファイル簿 (src/modules/governance/register/files.ts)';
comment on column governance_contractor_file.recorded_by is 'login id of the member of staff who recorded it';
comment on column governance_contractor_file.recorded_at is 'when it was recorded';

create table governance_contractor_staff (
  municipality_code text not null,
  login_id text not null,
  contractor_id uuid not null,
  duty text not null check (duty in ('responsible', 'handler')),
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, login_id),
  foreign key (municipality_code, contractor_id) references governance_contractor on delete cascade,
  foreign key (municipality_code, login_id) references staff_user on delete cascade
);
create index governance_contractor_staff_by_contractor on governance_contractor_staff (municipality_code, contractor_id);
comment on table governance_contractor_staff is '委託先の従事者: the staff accounts a contractor''s people log in with (特記事項: 個人情報取扱責任者及び取扱者をあらかじめ指定させ、区に報告させる)';
comment on column governance_contractor_staff.municipality_code is '全国地方公共団体コード';
comment on column governance_contractor_staff.login_id is 'the staff account (staff_user) of the contractor''s person; one contractor per account';
comment on column governance_contractor_staff.contractor_id is 'the contractor the person works for';
comment on column governance_contractor_staff.duty is 'responsible (個人情報取扱責任者) or handler (取扱者)';
comment on column governance_contractor_staff.recorded_by is 'login id of the member of staff who linked the account';
comment on column governance_contractor_staff.recorded_at is 'when the account was linked';

create table governance_contractor_inspection (
  municipality_code text not null,
  inspection_id uuid not null default gen_random_uuid(),
  contractor_id uuid not null,
  inspected_on date not null,
  method text not null check (method in ('on_site', 'report', 'documents')),
  findings text not null check (length(findings) between 1 and 2000),
  corrective_action boolean not null default false,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, inspection_id),
  foreign key (municipality_code, contractor_id) references governance_contractor on delete cascade
);
create index governance_contractor_inspection_by_contractor on governance_contractor_inspection (municipality_code, contractor_id, inspected_on desc);
comment on table governance_contractor_inspection is '確認・監査の記録: one inspection of a contractor''s handling of personal data (特記事項 15–17: 年度当たり1回以上)';
comment on column governance_contractor_inspection.municipality_code is '全国地方公共団体コード';
comment on column governance_contractor_inspection.inspection_id is 'the inspection''s internal id';
comment on column governance_contractor_inspection.contractor_id is 'the contractor inspected';
comment on column governance_contractor_inspection.inspected_on is '実施日; its 年度 (April–March) is the year the inspection counts for';
comment on column governance_contractor_inspection.method is 'on_site (立入調査), report (報告の徴収) or documents (書面確認)';
comment on column governance_contractor_inspection.findings is '確認結果: what was found, without residents'' personal data';
comment on column governance_contractor_inspection.corrective_action is 'true when the inspection asked the contractor to correct something (是正指示)';
comment on column governance_contractor_inspection.recorded_by is 'login id of the member of staff who recorded it';
comment on column governance_contractor_inspection.recorded_at is 'when it was recorded';
