-- マイナンバーカード 交付管理 (issue 8, seed 001 (2)–(4), use cases ⑨⑩): one record per card application with the
-- items of マイナンバーカードデータ, its history (マイナンバーカード履歴: every step, written by the same transaction as
-- the change) and the clerks' comments (マイナンバーカードデータ処理履歴). The statuses and the steps between them are
-- src/modules/card/domain/card-status.ts; a step updates the record only where its status is still one the step is
-- allowed from. 個人番号 is never stored here.

create table card_record (
  municipality_code text not null references municipality,
  applicant_id text not null check (applicant_id ~ '^[0-9]{23}$'),
  applicant_id_display text not null check (replace(applicant_id_display, ' ', '') = applicant_id),
  name text not null check (length(name) between 1 and 100),
  address text not null default '' check (length(address) <= 200),
  birth_date date not null,
  gender text not null check (gender in ('female', 'male')),
  manufacturing_number text check (manufacturing_number is null or manufacturing_number ~ '^[0-9A-Z]{1,20}$'),
  status text not null default 'received' check (status in ('received', 'applied_to_jlis', 'arrived', 'prepared', 'notice_sent', 'mailed',
    'returned', 'reissue_requested', 'issued', 'cancelled', 'revoked', 'recovered', 'disposed')),
  status_since timestamptz not null default now(),
  setup_done boolean not null default false,
  handwritten_checked boolean not null default false,
  disposal_checked boolean not null default false,
  revocation_checked boolean not null default false,
  issue_completed boolean not null default false,
  cancel_checked boolean not null default false,
  reissue_requested boolean not null default false,
  braille boolean not null default false,
  signature_certificate boolean not null default true,
  user_certificate boolean not null default true,
  card_expires_on date,
  user_cert_expires_on date,
  signature_cert_expires_on date,
  user_cert_serial text check (user_cert_serial is null or user_cert_serial ~ '^[0-9A-Fa-f]{1,40}$'),
  management_started_on date,
  setup_completed_on date,
  notice_sent_on date,
  issued_on date,
  recovered_on date,
  disposed_on date,
  cancel_reason text check (length(cancel_reason) between 1 and 200),
  revocation_reason text check (length(revocation_reason) between 1 and 200),
  recovery_reason text check (length(recovery_reason) between 1 and 200),
  disposal_reason text check (length(disposal_reason) between 1 and 200),
  received_on date not null,
  reception_method text not null check (reception_method in ('counter', 'mail', 'online', 'photo_booth', 'outreach')),
  visit_method text not null check (visit_method in ('at_pickup', 'at_application')),
  issue_kind text not null default 'new' check (issue_kind in ('new', 'renewal', 'reissue')),
  registration_reason text not null default '' check (length(registration_reason) <= 200),
  proxy_issuance boolean not null default false,
  substitute_characters boolean not null default false,
  memo text not null default '' check (length(memo) <= 1000),
  application_site_code text not null,
  issuing_site_code text not null,
  storage_site_code text not null,
  fee_required boolean not null default false,
  fee_amount integer not null default 0 check (fee_amount between 0 and 100000),
  collected_on date,
  collection_category text check (collection_category in ('cash', 'cashless')),
  reminder_sent_on date,
  proxy_posted_on date,
  row_version integer not null default 0,
  registered_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, applicant_id),
  foreign key (municipality_code, application_site_code) references card_site,
  foreign key (municipality_code, issuing_site_code) references card_site,
  foreign key (municipality_code, storage_site_code) references card_site,
  constraint card_record_fee check (fee_required or (fee_amount = 0 and collected_on is null)),
  constraint card_record_collection check ((collected_on is null) = (collection_category is null)),
  constraint card_record_issued_on check (status <> 'issued' or issued_on is not null),
  constraint card_record_disposal check (status <> 'disposed' or (disposed_on is not null and disposal_reason is not null))
);
create index card_record_by_site on card_record (municipality_code, storage_site_code, status, status_since);
create index card_record_by_status on card_record (municipality_code, status, status_since);
comment on table card_record is 'マイナンバーカードデータ (seed 001 (2)): one card application from 申請受付 to 交付 and beyond; its status moves only by the steps of card-status.ts, each written to card_history';
comment on column card_record.municipality_code is '全国地方公共団体コード';
comment on column card_record.applicant_id is '申請書ID (内部キー用): the 23 digits printed on the application and carried by the barcode of J-LIS''s 交付一覧';
comment on column card_record.applicant_id_display is '申請書ID (見た目用): the same digits in groups of four, as printed for people to read';
comment on column card_record.name is 'personal data (基本4情報): 氏名 as on the card';
comment on column card_record.address is 'personal data (基本4情報): 住所 as on the card (where the notice is mailed)';
comment on column card_record.birth_date is 'personal data (基本4情報): 生年月日; with the 交付通知書 number, what the pickup booking asks';
comment on column card_record.gender is 'personal data (基本4情報): 性別 as on the 住民票 (female, male)';
comment on column card_record.manufacturing_number is 'personal data (その他): 製造管理番号 of the card J-LIS made (null until it arrives)';
comment on column card_record.status is 'カードステータス: received 申請受付, applied_to_jlis J-LIS申請済, arrived カード到着, prepared 交付前設定済, notice_sent 交付通知書発送済, mailed カード郵送中, returned 返戻, reissue_requested 再発行依頼中, issued 交付済, cancelled 交付取りやめ, revoked 失効, recovered 回収済, disposed 廃棄済';
comment on column card_record.status_since is 'when the status last changed (滞留: how long a card has waited in it)';
comment on column card_record.setup_done is '交付前設定済 (check flag): set by the step 交付前設定 and kept';
comment on column card_record.handwritten_checked is '手書きチェック: the clerk ticked that a handwritten application was checked against the record';
comment on column card_record.disposal_checked is '破棄処理チェック: set by the step 廃棄';
comment on column card_record.revocation_checked is '失効処理チェック: set by the step 失効';
comment on column card_record.issue_completed is '交付完了チェック: set by 交付 or 郵送交付完了';
comment on column card_record.cancel_checked is '交付取りやめチェック: set by the step 交付取りやめ';
comment on column card_record.reissue_requested is '再発行依頼チェック: set by the step 再発行依頼 and kept after the new card arrives';
comment on column card_record.braille is 'personal data (要配慮個人情報): 点字有無 — the card is to carry braille (tells of a visual impairment)';
comment on column card_record.signature_certificate is '証明書有無: the card carries a 署名用電子証明書';
comment on column card_record.user_certificate is '証明書有無: the card carries a 利用者証明用電子証明書';
comment on column card_record.card_expires_on is 'カード有効期限';
comment on column card_record.user_cert_expires_on is '利用者証明用電子証明書有効期限';
comment on column card_record.signature_cert_expires_on is '署名用電子証明書有効期限';
comment on column card_record.user_cert_serial is 'personal data (その他): 利用者証明用電子証明書シリアル (hexadecimal), which identifies the holder to online services';
comment on column card_record.management_started_on is 'カード管理開始日: the day the card arrived from J-LIS (step カード到着)';
comment on column card_record.setup_completed_on is '交付前設定処理完了日';
comment on column card_record.notice_sent_on is '交付通知書発送日 (the last, when sent again)';
comment on column card_record.issued_on is 'カード交付日 (at the counter, or the day the post delivered it)';
comment on column card_record.recovered_on is 'カード回収日';
comment on column card_record.disposed_on is 'カード廃棄日';
comment on column card_record.cancel_reason is 'personal data (その他): 交付取りやめ事由 (e.g. 転出, 死亡, 本人の辞退)';
comment on column card_record.revocation_reason is 'personal data (その他): 失効事由 (e.g. 紛失, 返納, 死亡)';
comment on column card_record.recovery_reason is 'personal data (その他): 回収事由';
comment on column card_record.disposal_reason is 'personal data (その他): カード廃棄事由 (e.g. 受取期限経過, 返戻後1年経過, 交付取りやめ)';
comment on column card_record.received_on is '申請受付日';
comment on column card_record.reception_method is '申請受付方式: counter 窓口, mail 郵送, online オンライン, photo_booth 証明写真機, outreach 出張申請';
comment on column card_record.visit_method is '来庁方式: at_pickup 交付時来庁 (a 交付通知書 is mailed, the resident collects), at_application 申請時来庁 (identity checked at application, the card is mailed)';
comment on column card_record.issue_kind is '交付種別: new 新規, renewal 更新, reissue 再交付';
comment on column card_record.registration_reason is '登録事由: why the record was entered, in words (no personal value)';
comment on column card_record.proxy_issuance is '代理人交付: the card is to be handed to a proxy';
comment on column card_record.substitute_characters is '代替文字使用有無: the name or address on the card uses substitute characters for 外字';
comment on column card_record.memo is 'personal data (その他): メモ, the clerks'' free note';
comment on column card_record.application_site_code is '申請場所: the site that took the application';
comment on column card_record.issuing_site_code is 'カード交付場所: the site where the card is to be handed over (moves with the storage site)';
comment on column card_record.storage_site_code is 'カード保管場所: the site holding the card; pickup bookings are offered only there';
comment on column card_record.fee_required is '有料・無料: true when a fee is due (再交付 by the holder''s fault)';
comment on column card_record.fee_amount is '交付手数料 in yen (0 when free)';
comment on column card_record.collected_on is '徴収日 of the fee';
comment on column card_record.collection_category is '徴収区分: cash 現金, cashless キャッシュレス';
comment on column card_record.reminder_sent_on is '督促状送付日: the last reminder to collect the card';
comment on column card_record.proxy_posted_on is '代理投函日: the day the notice was posted on the resident''s behalf';
comment on column card_record.row_version is 'RowStamp: raised by every change, so that a page holding an older version is refused';
comment on column card_record.registered_at is 'when the record was entered';
comment on column card_record.updated_at is 'when the record last changed';

create table card_history (
  municipality_code text not null,
  history_id bigint generated always as identity,
  applicant_id text not null,
  step text not null check (step ~ '^[a-z][a-z_]{1,39}$'),
  from_status text,
  to_status text not null,
  detail text not null default '' check (length(detail) <= 500),
  changed_by text not null check (length(changed_by) between 1 and 100),
  changed_at timestamptz not null default now(),
  primary key (municipality_code, history_id),
  foreign key (municipality_code, applicant_id) references card_record on delete cascade
);
create index card_history_by_card on card_history (municipality_code, applicant_id, history_id);
comment on table card_history is 'マイナンバーカード履歴 (seed 001 (3)): every step a card took, written in the transaction that changed it';
comment on column card_history.municipality_code is '全国地方公共団体コード';
comment on column card_history.history_id is 'レコード番号: in the order written';
comment on column card_history.applicant_id is '申請書ID (内部キー用) of the card';
comment on column card_history.step is 'the step taken (card-status.ts: arrive, prepare, transfer …; register when the record was entered)';
comment on column card_history.from_status is 'the status before (null when the record was entered)';
comment on column card_history.to_status is 'the status after';
comment on column card_history.detail is '履歴: what else changed, in words and codes (e.g. 保管場所 honcho → kita); never a name, an address or a reason';
comment on column card_history.changed_by is 'the staff login id, or system:<job>';
comment on column card_history.changed_at is '更新日時';

create table card_processing_comment (
  municipality_code text not null,
  comment_id bigint generated always as identity,
  applicant_id text not null,
  history_id bigint,
  comment text not null check (length(comment) between 1 and 1000),
  written_by text not null check (length(written_by) between 1 and 100),
  written_at timestamptz not null default now(),
  primary key (municipality_code, comment_id),
  foreign key (municipality_code, applicant_id) references card_record on delete cascade,
  foreign key (municipality_code, history_id) references card_history on delete cascade
);
create index card_processing_comment_by_card on card_processing_comment (municipality_code, applicant_id, comment_id);
comment on table card_processing_comment is 'マイナンバーカードデータ処理履歴 (seed 001 (4)): a clerk''s comment on a card, on its own or explaining a step';
comment on column card_processing_comment.municipality_code is '全国地方公共団体コード';
comment on column card_processing_comment.comment_id is 'レコード番号: in the order written';
comment on column card_processing_comment.applicant_id is '申請書ID (内部キー用) of the card';
comment on column card_processing_comment.history_id is 'the step it explains (card_history), or null for a comment on its own';
comment on column card_processing_comment.comment is 'personal data (その他): コメント, the clerk''s words';
comment on column card_processing_comment.written_by is 'the staff login id';
comment on column card_processing_comment.written_at is '更新日時';
