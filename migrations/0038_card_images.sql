-- 帳票イメージファイリング (issue 8, seed 001 (7) and use cases ⑪⑫⑬): the scanned application and identity documents of
-- a card application, one row per file (one page, or a multi-page PDF or TIFF). The file itself is in the encrypted
-- file store (platform/files, kind card_image), sealed under a data key of its own that this row keeps wrapped by the
-- municipality's field key: deleting the row destroys the key, so the file cannot be opened again even from a backup
-- of the file store (crypto-shredding); the trigger below queues the file itself for deletion by the worker.
-- Retention is counted by document category from the end of the fiscal year (年度) the document belongs to.

create table card_image (
  municipality_code text not null,
  image_id uuid not null,
  applicant_id text not null,
  fiscal_year integer not null check (fiscal_year between 2000 and 2200),
  business_category text not null check (business_category in ('application', 'issuance', 'renewal', 'other')),
  document_category text not null check (document_category in ('application_form', 'identity_document', 'proxy_document', 'notice_reply', 'other')),
  document_number text not null check (document_number ~ '^[0-9A-Za-z-]{1,30}$'),
  kanji_name text not null check (length(kanji_name) between 1 and 100),
  page_number integer not null default 1 check (page_number between 1 and 999),
  file_name text not null check (length(file_name) between 1 and 255),
  display_name text not null check (length(display_name) between 1 and 100),
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')),
  byte_size integer not null check (byte_size between 1 and 20971520),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  width_px integer check (width_px > 0),
  height_px integer check (height_px > 0),
  rotation integer not null default 0 check (rotation in (0, 90, 180, 270)),
  data_key text not null,
  registered_by text not null check (length(registered_by) between 1 and 100),
  registered_by_name text not null check (length(registered_by_name) <= 100),
  registered_at timestamptz not null default now(),
  updated_by text not null check (length(updated_by) between 1 and 100),
  updated_by_name text not null check (length(updated_by_name) <= 100),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, image_id),
  foreign key (municipality_code, applicant_id) references card_record on delete cascade
);
create index card_image_by_card on card_image (municipality_code, applicant_id, document_category, page_number);
create index card_image_by_document on card_image (municipality_code, document_number);
create index card_image_by_year on card_image (municipality_code, document_category, fiscal_year);
comment on table card_image is '帳票イメージファイリング情報 (seed 001 (7)): one scanned file of a card application''s documents; the file is in the encrypted file store under image_id, sealed under its own data key (data_key)';
comment on column card_image.municipality_code is '全国地方公共団体コード';
comment on column card_image.image_id is '識別番号: the file''s id, its name in the file store (kind card_image)';
comment on column card_image.applicant_id is 'マイナンバーカード申請書ID (内部キー用) of the card the document belongs to';
comment on column card_image.fiscal_year is '年度: the fiscal year (April–March) the document belongs to; retention counts from its end';
comment on column card_image.business_category is '業務区分: application 申請, issuance 交付, renewal 電子証明書更新, other その他';
comment on column card_image.document_category is '資料区分: application_form 交付申請書, identity_document 本人確認書類, proxy_document 委任状等代理人関係書類, notice_reply 交付通知書（回答書）, other その他; decides the retention';
comment on column card_image.document_number is '資料番号: the number written on or given to the paper document';
comment on column card_image.kanji_name is 'personal data (基本4情報): 漢字氏名 of the applicant, as written on the document';
comment on column card_image.page_number is 'ページ番号 (ファイル連番): the page of the document this file holds (the first page of a multi-page file)';
comment on column card_image.file_name is 'ファイル名: <資料番号>_<ページ番号>.<extension of the content>, never the name the client gave (which may carry a person''s name)';
comment on column card_image.display_name is '表示用ファイル名: what the list shows, e.g. 交付申請書 1頁';
comment on column card_image.media_type is 'MIMEタイプ, as the content was found to be (not as the browser claimed)';
comment on column card_image.byte_size is 'ファイルサイズ in bytes (at most 20 MB)';
comment on column card_image.sha256 is 'SHA-256 of the file as uploaded, hexadecimal';
comment on column card_image.width_px is 'width of an image in pixels, as stored (before rotation); null for PDF and TIFF';
comment on column card_image.height_px is 'height of an image in pixels, as stored (before rotation); null for PDF and TIFF';
comment on column card_image.rotation is '回転角度: degrees clockwise (0, 90, 180, 270) the image is turned when shown';
comment on column card_image.data_key is 'the file''s own AES-256 data key, encrypted under the municipality''s field key; deleted with the row (crypto-shredding)';
comment on column card_image.registered_by is '登録職員ID';
comment on column card_image.registered_by_name is '登録職員名 (a member of staff, not the applicant)';
comment on column card_image.registered_at is '登録日・登録時間';
comment on column card_image.updated_by is '更新職員ID';
comment on column card_image.updated_by_name is '更新職員名 (a member of staff, not the applicant)';
comment on column card_image.updated_at is '更新日・更新時間 (タイムスタンプ)';

create function card_image_file_disposal() returns trigger language plpgsql as $$
begin
  insert into platform_file_disposal (municipality_code, kind, file_id)
    values (old.municipality_code, 'card_image', old.image_id) on conflict do nothing;
  return null;
end $$;

create trigger card_image_file_disposal after delete on card_image
  for each row execute function card_image_file_disposal();

-- 保存年限 by document category: a row overrides the default of card/images/domain/retention.ts for the municipality.
create table card_image_retention (
  municipality_code text not null references municipality,
  document_category text not null check (document_category in ('application_form', 'identity_document', 'proxy_document', 'notice_reply', 'other')),
  retention_years integer not null check (retention_years between 1 and 100),
  changed_by text not null check (length(changed_by) between 1 and 100),
  changed_at timestamptz not null default now(),
  primary key (municipality_code, document_category)
);
comment on table card_image_retention is '帳票イメージの保存年限: the years a document category is kept after the end of its fiscal year, where the municipality differs from the default';
comment on column card_image_retention.municipality_code is '全国地方公共団体コード';
comment on column card_image_retention.document_category is '資料区分 (as card_image.document_category)';
comment on column card_image_retention.retention_years is '保存年限 in years, counted from the end of the document''s fiscal year';
comment on column card_image_retention.changed_by is 'the staff login id who set it';
comment on column card_image_retention.changed_at is 'when it was set';
