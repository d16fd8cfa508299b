-- 定額減税調整給付金 (issue 9): payments. A benefits clerk prepares a batch of decided targets for a transfer date; a
-- second person approves it and the 全銀 総合振込 file is written from the items' snapshots (amount and account, the
-- account number encrypted per field). The bank's answer settles the items (paid) or returns some (振込不能・組戻し);
-- a returned target is paid again in a later batch once its account is corrected. Money paid that was not due becomes a
-- receivable (返還金) with its notice and the payments collected against it.
--
-- Production grants:
--
--   grant select, insert, update on benefit_payment_settings, benefit_payment_batch, benefit_payment_item,
--     benefit_receivable, benefit_receivable_payment to madoguchi_app;

create table benefit_payment_settings (
  municipality_code text primary key references municipality,
  requester_code text not null check (requester_code ~ '^[0-9]{10}$'),
  requester_name text not null check (length(requester_name) between 1 and 40),
  bank_code text not null check (bank_code ~ '^[0-9]{4}$'),
  branch_code text not null check (branch_code ~ '^[0-9]{3}$'),
  account_type text not null check (account_type in ('1', '2', '4', '9')),
  account_number text not null check (account_number ~ '^[0-9]{7}$'),
  payment_note text not null default '' check (length(payment_note) <= 400),
  updated_by text not null,
  updated_at timestamptz not null default now()
);
comment on table benefit_payment_settings is '振込依頼人（委託者）設定: the municipality''s details in the 全銀 file''s header, as its paying bank assigned them; one row per municipality';
comment on column benefit_payment_settings.municipality_code is '全国地方公共団体コード of the paying municipality';
comment on column benefit_payment_settings.requester_code is '委託者コード: the 10-digit code the paying bank assigned to the municipality';
comment on column benefit_payment_settings.requester_name is '委託者名 in katakana (converted to half-width kana in the file), e.g. ミホンシ';
comment on column benefit_payment_settings.bank_code is '仕向銀行番号: the municipality''s paying bank (zengin-code)';
comment on column benefit_payment_settings.branch_code is '仕向支店番号 of the paying branch';
comment on column benefit_payment_settings.account_type is '預金種目 of the municipality''s paying account: 1 普通, 2 当座, 4 貯蓄, 9 その他';
comment on column benefit_payment_settings.account_number is '口座番号 of the municipality''s paying account (the municipality''s, not a person''s), 7 digits';
comment on column benefit_payment_settings.payment_note is 'how to pay a 返還金, as the 返還金納付通知書 prints it (納付書 at the 指定金融機関, or the account to transfer to)';
comment on column benefit_payment_settings.updated_by is 'login_id of the member of staff who last changed the settings';
comment on column benefit_payment_settings.updated_at is 'when the settings were last changed';

create table benefit_payment_batch (
  municipality_code text not null references municipality,
  batch_id bigint generated always as identity,
  programme_id text not null check (programme_id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  transfer_date date not null,
  state text not null default 'prepared' check (state in ('prepared', 'approved', 'settled', 'cancelled')),
  item_count integer not null check (item_count >= 1),
  total_amount bigint not null check (total_amount >= 1),
  left_out jsonb not null default '[]' check (jsonb_typeof(left_out) = 'array'),
  prepared_by text not null,
  prepared_at timestamptz not null default now(),
  approved_by text,
  approved_at timestamptz,
  remitter jsonb,
  file_sha256 text check (file_sha256 ~ '^[0-9a-f]{64}$'),
  settled_by text,
  settled_at timestamptz,
  cancelled_by text,
  cancelled_at timestamptz,
  primary key (municipality_code, batch_id),
  check (approved_by is null or approved_by <> prepared_by),
  check (state not in ('approved', 'settled') or (approved_by is not null and approved_at is not null and remitter is not null and file_sha256 is not null)),
  check (state <> 'prepared' or (approved_by is null and file_sha256 is null)),
  check ((state = 'settled') = (settled_at is not null)),
  check ((state = 'cancelled') = (cancelled_at is not null))
);
create index benefit_payment_batch_day on benefit_payment_batch (municipality_code, transfer_date);
comment on table benefit_payment_batch is '振込バッチ: the transfers of one programme on one 振込指定日, prepared by one person and approved by another (four eyes, held by a check); its 全銀 file is written again from the items whenever asked and must hash to file_sha256';
comment on column benefit_payment_batch.municipality_code is '全国地方公共団体コード of the paying municipality';
comment on column benefit_payment_batch.batch_id is 'the batch''s number (バッチ番号), shown to staff and in the file''s name';
comment on column benefit_payment_batch.programme_id is 'the benefit programme paid, e.g. adjustment-2024';
comment on column benefit_payment_batch.transfer_date is '振込指定日: a bank business day; the file''s header carries it as MMDD';
comment on column benefit_payment_batch.state is 'prepared (作成済), approved (承認済, file written), settled (振込結果登録済), cancelled (取消)';
comment on column benefit_payment_batch.item_count is 'transfers in the batch (the trailer''s 合計件数)';
comment on column benefit_payment_batch.total_amount is 'yen of all transfers (the trailer''s 合計金額)';
comment on column benefit_payment_batch.left_out is 'the 住記個人番号 of decided targets left out for want of an account, listed for the clerk to chase';
comment on column benefit_payment_batch.prepared_by is 'login_id of the clerk who prepared the batch';
comment on column benefit_payment_batch.prepared_at is 'when the batch was prepared';
comment on column benefit_payment_batch.approved_by is 'login_id of the approver, never the preparer';
comment on column benefit_payment_batch.approved_at is 'when the batch was approved and its file written';
comment on column benefit_payment_batch.remitter is 'the 委託者 header as it was at approval ({requesterCode, requesterName, bankCode, ...}), so the file written again is the same bytes';
comment on column benefit_payment_batch.file_sha256 is 'SHA-256 (hex) of the 全銀 file written at approval; every later download is checked against it';
comment on column benefit_payment_batch.settled_by is 'login_id of who recorded the bank''s settlement';
comment on column benefit_payment_batch.settled_at is 'when the settlement was recorded';
comment on column benefit_payment_batch.cancelled_by is 'login_id of who cancelled the batch before settlement';
comment on column benefit_payment_batch.cancelled_at is 'when the batch was cancelled';

create table benefit_payment_item (
  municipality_code text not null,
  batch_id bigint not null,
  item_number integer not null check (item_number >= 1),
  programme_id text not null,
  resident_number text not null,
  amount bigint not null check (amount >= 1),
  bank_code text not null check (bank_code ~ '^[0-9]{4}$'),
  branch_code text not null check (branch_code ~ '^[0-9]{3}$'),
  bank_kana text not null,
  branch_kana text not null,
  account_type text not null check (account_type in ('1', '2', '4', '9')),
  account_number_encrypted text not null check (account_number_encrypted like 'v1.%'),
  account_number_last3 text not null check (account_number_last3 ~ '^[0-9]{3}$'),
  holder_kana text not null check (length(holder_kana) between 1 and 60),
  result text not null default 'pending' check (result in ('pending', 'paid', 'returned', 'cancelled')),
  result_at timestamptz,
  result_by text,
  return_reason text check (return_reason in ('no_account', 'name_mismatch', 'account_closed', 'recalled', 'other')),
  return_note text not null default '' check (length(return_note) <= 200),
  primary key (municipality_code, batch_id, item_number),
  foreign key (municipality_code, batch_id) references benefit_payment_batch,
  foreign key (municipality_code, programme_id, resident_number) references benefit_target,
  check ((result = 'returned') = (return_reason is not null)),
  check ((result = 'pending') = (result_at is null))
);
-- A target is in at most one unsettled batch: the database refuses a second pending item, whoever prepares it.
create unique index benefit_payment_item_one_open on benefit_payment_item (municipality_code, programme_id, resident_number) where result = 'pending';
create index benefit_payment_item_target on benefit_payment_item (municipality_code, programme_id, resident_number);
comment on table benefit_payment_item is '振込明細: one transfer of a batch, with the amount and the account as they were when the batch was prepared (later changes to the target or the account do not touch a prepared batch); one pending item per target at most';
comment on column benefit_payment_item.municipality_code is '全国地方公共団体コード of the paying municipality';
comment on column benefit_payment_item.batch_id is 'the batch (benefit_payment_batch)';
comment on column benefit_payment_item.item_number is 'the transfer''s place in the batch and its file (data record = item_number + 1), 1 first';
comment on column benefit_payment_item.programme_id is 'the programme of the target paid';
comment on column benefit_payment_item.resident_number is '住記個人番号 of the target paid (benefit_target)';
comment on column benefit_payment_item.amount is 'personal data: 振込金額 in yen, the decision''s amount when prepared';
comment on column benefit_payment_item.bank_code is 'personal data: 被仕向銀行番号 of the payee''s account';
comment on column benefit_payment_item.branch_code is 'personal data: 被仕向支店番号 of the payee''s account';
comment on column benefit_payment_item.bank_kana is '被仕向銀行名 in the file''s half-width kana (from the zengin-code master)';
comment on column benefit_payment_item.branch_kana is '被仕向支店名 in the file''s half-width kana';
comment on column benefit_payment_item.account_type is '預金種目 of the payee''s account: 1 普通, 2 当座, 4 貯蓄';
comment on column benefit_payment_item.account_number_encrypted is 'personal data: 口座番号 (7 digits), encrypted per field (FieldCipher, AAD names the item); decrypted only to write the file';
comment on column benefit_payment_item.account_number_last3 is 'personal data: the account number''s last three digits, for the masked display (****567) without decrypting';
comment on column benefit_payment_item.holder_kana is 'personal data: 受取人名 (口座名義) in the file''s half-width kana';
comment on column benefit_payment_item.result is 'pending (in an unsettled batch), paid (振込済), returned (振込不能・組戻し), cancelled (the batch was cancelled)';
comment on column benefit_payment_item.result_at is 'when the result was recorded; null while pending';
comment on column benefit_payment_item.result_by is 'login_id of who recorded the result';
comment on column benefit_payment_item.return_reason is 'why the transfer came back: no_account (口座なし), name_mismatch (名義相違), account_closed (解約済), recalled (組戻し), other';
comment on column benefit_payment_item.return_note is 'the clerk''s note on the return (the bank''s words), never a person''s details';

create table benefit_receivable (
  municipality_code text not null references municipality,
  receivable_id bigint generated always as identity,
  programme_id text not null,
  resident_number text not null,
  amount bigint not null check (amount >= 1),
  reason text not null check (reason in ('decision_reduced', 'improper_receipt', 'double_payment', 'other')),
  reason_note text not null default '' check (length(reason_note) <= 400),
  notice_date date not null,
  due_date date not null,
  status text not null default 'open' check (status in ('open', 'partial', 'collected', 'written_off')),
  collected_amount bigint not null default 0 check (collected_amount >= 0 and collected_amount <= amount),
  written_off_reason text not null default '' check (length(written_off_reason) <= 400),
  created_by text not null,
  created_at timestamptz not null default now(),
  status_changed_at timestamptz not null default now(),
  primary key (municipality_code, receivable_id),
  foreign key (municipality_code, programme_id, resident_number) references benefit_target,
  check (due_date >= notice_date),
  check ((status = 'collected') = (collected_amount = amount)),
  check (status <> 'open' or collected_amount = 0)
);
create index benefit_receivable_target on benefit_receivable (municipality_code, programme_id, resident_number);
create index benefit_receivable_status on benefit_receivable (municipality_code, status);
comment on table benefit_receivable is '返還金（債権）: money paid that was not due (a decision reduced after payment, 不正受給, a double payment), its 納付通知書 and collection status';
comment on column benefit_receivable.municipality_code is '全国地方公共団体コード of the municipality owed';
comment on column benefit_receivable.receivable_id is 'the receivable''s number (債権番号), printed on its notice';
comment on column benefit_receivable.programme_id is 'the programme the money was paid under';
comment on column benefit_receivable.resident_number is '住記個人番号 of the person who owes it (benefit_target)';
comment on column benefit_receivable.amount is 'personal data: 返還金額 (調定額) in yen';
comment on column benefit_receivable.reason is 'decision_reduced (支給決定の減額), improper_receipt (不正受給), double_payment (二重払い), other';
comment on column benefit_receivable.reason_note is 'personal data: the reason in the clerk''s words, as the notice prints it';
comment on column benefit_receivable.notice_date is '納付通知書 date (調定日)';
comment on column benefit_receivable.due_date is '納期限 printed on the notice';
comment on column benefit_receivable.status is '収納状況: open (未納), partial (一部納付), collected (完納), written_off (不納欠損)';
comment on column benefit_receivable.collected_amount is 'personal data: yen collected so far (sum of benefit_receivable_payment)';
comment on column benefit_receivable.written_off_reason is 'why the rest was written off (不納欠損の理由: 時効, 死亡, 所在不明…); empty otherwise';
comment on column benefit_receivable.created_by is 'login_id of the clerk who raised the receivable';
comment on column benefit_receivable.created_at is 'when the receivable was raised';
comment on column benefit_receivable.status_changed_at is 'when the status last changed';

create table benefit_receivable_payment (
  municipality_code text not null,
  receivable_id bigint not null,
  payment_number integer not null check (payment_number >= 1),
  paid_on date not null,
  amount bigint not null check (amount >= 1),
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, receivable_id, payment_number),
  foreign key (municipality_code, receivable_id) references benefit_receivable
);
create index benefit_receivable_payment_day on benefit_receivable_payment (municipality_code, paid_on);
comment on table benefit_receivable_payment is '返還金の収納: one payment received against a receivable';
comment on column benefit_receivable_payment.municipality_code is '全国地方公共団体コード of the municipality owed';
comment on column benefit_receivable_payment.receivable_id is 'the receivable paid against';
comment on column benefit_receivable_payment.payment_number is 'the payment''s number within the receivable, 1 first';
comment on column benefit_receivable_payment.paid_on is '収納日: the day the money was received';
comment on column benefit_receivable_payment.amount is 'personal data: yen received';
comment on column benefit_receivable_payment.recorded_by is 'login_id of the clerk who recorded it';
comment on column benefit_receivable_payment.recorded_at is 'when it was recorded';
