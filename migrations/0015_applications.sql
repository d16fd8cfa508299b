-- Online applications (電子申込, seed 003; スマート申請, seed 000): procedures as versioned data, the residents'
-- applications with their identity documents, payments through a gateway, the staff's history of every change, and the
-- one-way hand-over to core systems after which the portal's copy is disposed of.
--
-- Personal data lives in application.field_values (the procedure's fields as the resident gave them, except 個人番号 and
-- 要配慮個人情報), application.sensitive_values (those two categories, encrypted per field) and
-- application_attachment.content (encrypted). Disposal deletes the application row and cascades to everything personal;
-- payments and disposal records keep only receipt numbers, amounts and ids (accounting records outlive the application).

create table application_procedure (
  municipality_code text not null references municipality,
  procedure_id text not null check (procedure_id ~ '^[a-z][a-z0-9-]{1,62}$'),
  version integer not null check (version >= 1),
  definition jsonb not null,
  loaded_at timestamptz not null default now(),
  loaded_by text not null check (length(loaded_by) between 1 and 100),
  primary key (municipality_code, procedure_id, version)
);
comment on table application_procedure is '手続き定義: every version of every procedure (form fields with data-item categories, purpose, legal basis, retention, fee); the newest version is the one residents fill in, older ones explain applications made under them';
comment on column application_procedure.municipality_code is '全国地方公共団体コード of the municipality offering the procedure';
comment on column application_procedure.procedure_id is 'stable id of the procedure (e.g. tax-certificate), the same across versions';
comment on column application_procedure.version is 'version number, 1 upwards; a changed definition is a new version, never an edit';
comment on column application_procedure.definition is 'the procedure definition as validated (src/modules/applications/domain/procedure.ts); describes fields, holds no resident''s data';
comment on column application_procedure.loaded_at is 'when this version was loaded or saved';
comment on column application_procedure.loaded_by is 'login id of the administrator, or "system" for madoguchi procedures load';

create table application (
  municipality_code text not null references municipality,
  application_id uuid not null,
  procedure_id text not null,
  procedure_version integer not null,
  channel text not null check (channel in ('portal', 'pittari')),
  state text not null check (state in ('draft', 'awaiting_payment', 'received', 'under_review', 'returned', 'resubmitted', 'approved', 'rejected', 'completed')),
  receipt_number text check (receipt_number is null or receipt_number ~ '^[0-9]{12}$'),
  draft_token_sha256 text check (draft_token_sha256 is null or draft_token_sha256 ~ '^[0-9a-f]{64}$'),
  lang text not null default 'ja' check (lang in ('ja', 'en')),
  field_values jsonb not null default '{}',
  sensitive_values text,
  copies integer not null default 1 check (copies between 1 and 99),
  fee_yen bigint not null default 0 check (fee_yen >= 0),
  assigned_to text check (assigned_to is null or length(assigned_to) between 1 and 100),
  review_verdict jsonb,
  handover_id uuid,
  created_at timestamptz not null default now(),
  submitted_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (municipality_code, application_id),
  unique (municipality_code, receipt_number),
  foreign key (municipality_code, procedure_id, procedure_version) references application_procedure,
  check ((state in ('draft', 'awaiting_payment')) = (receipt_number is null))
);
create index application_inbox on application (municipality_code, procedure_id, state, submitted_at desc, application_id);
create index application_inbox_all on application (municipality_code, submitted_at desc, application_id) where state <> 'draft';
comment on table application is '申請: one resident''s application to one procedure, from draft to completion; deleted (with its attachments and history) when disposed of after hand-over';
comment on column application.municipality_code is '全国地方公共団体コード of the municipality receiving the application';
comment on column application.application_id is 'internal id (random); never shown to the resident';
comment on column application.procedure_id is 'the procedure applied for';
comment on column application.procedure_version is 'the version of the procedure''s definition the form was filled in under';
comment on column application.channel is 'portal (this system''s resident forms) or pittari (imported from ぴったりサービス)';
comment on column application.state is '下書き draft, 決済待ち awaiting_payment, 受付 received, 審査中 under_review, 差戻し returned, 再提出 resubmitted, 承認 approved, 却下 rejected, 完了 completed';
comment on column application.receipt_number is '受付番号: 11 digits and a check digit, given on submission; what the resident quotes';
comment on column application.draft_token_sha256 is 'SHA-256 of the secret in the resident''s "continue later" link; the link itself is never stored';
comment on column application.lang is 'the language the resident used, for messages sent back';
comment on column application.field_values is 'personal data: the form''s values as the resident gave them (基本4情報, 連絡先, 口座, 税, その他 as each procedure declares), without 個人番号 and 要配慮個人情報';
comment on column application.sensitive_values is 'personal data, encrypted (AES-256-GCM): the values of fields declared 個人番号 or 要配慮個人情報, as one JSON object';
comment on column application.copies is 'number of copies asked for (certificates); multiplies the fee';
comment on column application.fee_yen is 'the fee in yen, computed by the server from the procedure (copies × fee), never taken from the form';
comment on column application.assigned_to is 'login id of the member of staff the application is assigned to';
comment on column application.review_verdict is 'the review assist''s answer (verdict codes, no personal data) for procedures that use it';
comment on column application.handover_id is 'the hand-over bundle that carried this application to the core system';
comment on column application.created_at is 'when the resident started the form';
comment on column application.submitted_at is 'when the application was submitted (after payment when there is a fee)';
comment on column application.updated_at is 'last change by the resident or staff';

create table application_attachment (
  municipality_code text not null,
  application_id uuid not null,
  attachment_id uuid not null,
  field_id text not null,
  file_name text not null check (length(file_name) between 1 and 255),
  media_type text not null check (media_type in ('image/jpeg', 'image/png', 'image/heic', 'application/pdf')),
  byte_size integer not null check (byte_size between 1 and 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  scan_result text not null check (scan_result in ('clean', 'not_scanned')),
  content text not null,
  created_at timestamptz not null default now(),
  primary key (municipality_code, application_id, attachment_id),
  foreign key (municipality_code, application_id) references application on delete cascade
);
comment on table application_attachment is '添付書類: identity documents and other files attached to an application, stored encrypted; deleted with the application';
comment on column application_attachment.municipality_code is '全国地方公共団体コード';
comment on column application_attachment.application_id is 'the application the file belongs to';
comment on column application_attachment.attachment_id is 'internal id of the file';
comment on column application_attachment.field_id is 'the form field the file was attached to (e.g. identity_document)';
comment on column application_attachment.file_name is 'personal data (その他): the file name as the resident''s device gave it';
comment on column application_attachment.media_type is 'the type found in the content (not the one the browser claimed)';
comment on column application_attachment.byte_size is 'size in bytes (at most 10 MB)';
comment on column application_attachment.sha256 is 'SHA-256 of the content, listed in the hand-over manifest';
comment on column application_attachment.scan_result is 'clean when ClamAV scanned it, not_scanned where ClamAV is not installed';
comment on column application_attachment.content is 'personal data, encrypted (AES-256-GCM): the file (identity documents carry 基本4情報 and a face photo)';
comment on column application_attachment.created_at is 'when the file was attached';

create table application_history (
  municipality_code text not null,
  application_id uuid not null,
  seq integer not null check (seq >= 1),
  at timestamptz not null default now(),
  actor text not null check (length(actor) between 1 and 120),
  action text not null check (action ~ '^[a-z_]{1,40}$'),
  from_state text,
  to_state text,
  comment text check (comment is null or length(comment) <= 2000),
  primary key (municipality_code, application_id, seq),
  foreign key (municipality_code, application_id) references application on delete cascade
);
comment on table application_history is '処理履歴: every change of an application (state, assignment, comment) in order; deleted with the application';
comment on column application_history.municipality_code is '全国地方公共団体コード';
comment on column application_history.application_id is 'the application changed';
comment on column application_history.seq is 'order of the change within the application, 1 upwards';
comment on column application_history.at is 'when it changed';
comment on column application_history.actor is 'resident, system, or staff:<login id> of the person who changed it';
comment on column application_history.action is 'what happened: created, submitted, paid, transition, assign, comment, handed_over';
comment on column application_history.from_state is 'state before a transition';
comment on column application_history.to_state is 'state after a transition';
comment on column application_history.comment is 'personal data (その他): the clerk''s comment or the reason given to the resident';

create table application_payment (
  municipality_code text not null references municipality,
  payment_id uuid not null,
  application_id uuid not null,
  procedure_id text not null,
  gateway text not null check (gateway ~ '^[a-z][a-z0-9_-]{1,30}$'),
  gateway_payment_id text check (gateway_payment_id is null or length(gateway_payment_id) between 1 and 200),
  amount_yen bigint not null check (amount_yen > 0),
  state text not null check (state in ('created', 'captured', 'failed', 'expired', 'refunded', 'partially_refunded')),
  method text check (method is null or method in ('card', 'wallet', 'convenience', 'bank')),
  refunded_yen bigint not null default 0 check (refunded_yen >= 0 and refunded_yen <= amount_yen),
  created_at timestamptz not null default now(),
  captured_at timestamptz,
  settled_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (municipality_code, payment_id),
  unique (municipality_code, gateway, gateway_payment_id)
);
create index application_payment_of on application_payment (municipality_code, application_id);
create index application_payment_day on application_payment (municipality_code, created_at);
comment on table application_payment is '決済: one payment through a gateway for an application''s fee; amounts and ids only, kept after the application is disposed of (accounting record)';
comment on column application_payment.municipality_code is '全国地方公共団体コード';
comment on column application_payment.payment_id is 'our id of the payment, sent to the gateway as the order id';
comment on column application_payment.application_id is 'the application paid for (the row may since have been disposed of)';
comment on column application_payment.procedure_id is 'the procedure whose fee this is';
comment on column application_payment.gateway is 'the payment gateway (sandbox, redirect)';
comment on column application_payment.gateway_payment_id is 'the gateway''s id of the transaction';
comment on column application_payment.amount_yen is 'the amount in yen, computed by the server';
comment on column application_payment.state is 'created, captured, failed, expired, refunded, partially_refunded';
comment on column application_payment.method is 'how the resident paid (card, wallet such as PayPay, …), as the gateway reported';
comment on column application_payment.refunded_yen is 'yen refunded so far';
comment on column application_payment.created_at is 'when the checkout was created';
comment on column application_payment.captured_at is 'when the gateway confirmed the capture';
comment on column application_payment.settled_at is 'when the gateway reported the money settled to the municipality';
comment on column application_payment.updated_at is 'last change';

create table application_payment_notification (
  municipality_code text not null references municipality,
  gateway text not null,
  notification_id text not null check (length(notification_id) between 1 and 200),
  payment_id uuid not null,
  kind text not null check (kind in ('captured', 'failed', 'expired', 'refunded', 'settled')),
  amount_yen bigint not null check (amount_yen >= 0),
  received_at timestamptz not null default now(),
  primary key (municipality_code, gateway, notification_id),
  foreign key (municipality_code, payment_id) references application_payment
);
create index application_payment_notification_day on application_payment_notification (municipality_code, received_at);
comment on table application_payment_notification is '決済通知: each signed notification a gateway sent, once (a repeat of the same id changes nothing); amounts and ids only';
comment on column application_payment_notification.municipality_code is '全国地方公共団体コード';
comment on column application_payment_notification.gateway is 'the gateway that sent it';
comment on column application_payment_notification.notification_id is 'the gateway''s id of the notification; the key that makes a repeat harmless';
comment on column application_payment_notification.payment_id is 'the payment it concerns';
comment on column application_payment_notification.kind is 'captured, failed, expired, refunded, settled';
comment on column application_payment_notification.amount_yen is 'the amount the gateway notified, in yen';
comment on column application_payment_notification.received_at is 'when it arrived';

create table application_handover (
  municipality_code text not null references municipality,
  handover_id uuid not null,
  procedure_id text not null,
  period_from date not null,
  period_to date not null check (period_to >= period_from),
  encoding text not null check (encoding in ('utf8', 'sjis')),
  application_count integer not null check (application_count >= 0),
  manifest_sha256 text not null check (manifest_sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  created_by text not null,
  confirmed_at timestamptz,
  confirmed_by text,
  dispose_after timestamptz,
  disposed_at timestamptz,
  primary key (municipality_code, handover_id)
);
comment on table application_handover is '引渡し: a bundle of applications exported to the core system (申請管理), its manifest''s hash, the core side''s confirmation and when the portal''s copy is disposed of; no personal data';
comment on column application_handover.municipality_code is '全国地方公共団体コード';
comment on column application_handover.handover_id is 'id of the bundle, printed in its manifest';
comment on column application_handover.procedure_id is 'the procedure whose applications it carries';
comment on column application_handover.period_from is 'first day of submission covered';
comment on column application_handover.period_to is 'last day of submission covered';
comment on column application_handover.encoding is 'CSV encoding chosen: utf8 or sjis (CP932)';
comment on column application_handover.application_count is 'number of applications in the bundle';
comment on column application_handover.manifest_sha256 is 'SHA-256 of the manifest; the core side''s receipt must quote it';
comment on column application_handover.created_at is 'when the bundle was made';
comment on column application_handover.created_by is 'login id of the clerk who made it';
comment on column application_handover.confirmed_at is 'when the core side''s receipt was uploaded';
comment on column application_handover.confirmed_by is 'login id of the clerk who uploaded the receipt';
comment on column application_handover.dispose_after is 'from when the portal''s copy may be disposed of (confirmation + the configured period)';
comment on column application_handover.disposed_at is 'when the portal''s copy was disposed of';

create table application_disposal (
  municipality_code text not null references municipality,
  disposal_id uuid not null,
  handover_id uuid,
  disposed_at timestamptz not null default now(),
  disposed_by text not null,
  reason text not null check (length(reason) between 1 and 200),
  application_count integer not null check (application_count >= 0),
  receipt_numbers text[] not null,
  primary key (municipality_code, disposal_id)
);
comment on table application_disposal is '消去記録: which applications were deleted from the portal, when, by whom and why; receipt numbers only';
comment on column application_disposal.municipality_code is '全国地方公共団体コード';
comment on column application_disposal.disposal_id is 'id of the disposal';
comment on column application_disposal.handover_id is 'the hand-over whose confirmation allowed it, if any';
comment on column application_disposal.disposed_at is 'when the data was deleted';
comment on column application_disposal.disposed_by is 'login id, or system for the scheduled job';
comment on column application_disposal.reason is 'why (e.g. 基幹システムへの引渡し完了後の消去)';
comment on column application_disposal.application_count is 'number of applications deleted';
comment on column application_disposal.receipt_numbers is 'receipt numbers of the deleted applications (not personal data)';
