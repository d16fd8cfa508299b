-- 保存期間と消去 (issue 10; seed 004 特記事項 11–12): one scheduler for every module's records past their retention.
-- A nightly job (or a person pressing 「今すぐ抽出」) proposes a batch of due records per retention source
-- (src/platform/register/retention.ts); a person holding governance.retention.approve — not the person who proposed
-- it — approves it, and in that same transaction the source disposes of the records and each item becomes a disposal
-- record (消去記録: what, whose, when, who approved). The 消去証明書 PDF of a batch is printed from these rows.
-- Nothing is disposed of without an approved batch.

create table governance_retention_batch (
  municipality_code text not null references municipality,
  batch_id uuid not null default gen_random_uuid(),
  source_id text not null check (source_id ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$'),
  file_id text not null check (length(file_id) between 1 and 100),
  as_of date not null,
  status text not null default 'proposed' check (status in ('proposed', 'disposed')),
  record_count integer not null check (record_count > 0),
  disposed_count integer check (disposed_count between 0 and record_count),
  proposed_by text not null check (length(proposed_by) between 1 and 100),
  proposed_at timestamptz not null default now(),
  approved_by text check (length(approved_by) between 1 and 100),
  approved_at timestamptz,
  primary key (municipality_code, batch_id),
  constraint governance_retention_batch_approval check ((status = 'disposed') = (approved_at is not null)
    and (approved_at is null) = (approved_by is null) and (approved_at is null) = (disposed_count is null)),
  constraint governance_retention_batch_four_eyes check (approved_by is null or approved_by <> proposed_by)
);
create index governance_retention_batch_by_status on governance_retention_batch (municipality_code, status, proposed_at);
comment on table governance_retention_batch is '消去バッチ: records of one retention source found past their retention on one day, proposed for disposal, and disposed of once a person approved';
comment on column governance_retention_batch.municipality_code is '全国地方公共団体コード';
comment on column governance_retention_batch.batch_id is 'the batch''s internal id; the 消去証明書 number';
comment on column governance_retention_batch.source_id is 'the retention source (RetentionSource.id, module.kind) the records belong to';
comment on column governance_retention_batch.file_id is 'the register file (個人情報ファイル) of the records';
comment on column governance_retention_batch.as_of is 'the day the records were found past their retention';
comment on column governance_retention_batch.status is 'proposed: waiting for approval; disposed: approved and disposed of';
comment on column governance_retention_batch.record_count is 'how many records the batch proposes';
comment on column governance_retention_batch.disposed_count is 'how many the source disposed of on approval (records already gone are not counted)';
comment on column governance_retention_batch.proposed_by is 'who proposed it: system:retention for the nightly job, else the staff login id';
comment on column governance_retention_batch.proposed_at is 'when it was proposed; unapproved for more than 30 days it is overdue';
comment on column governance_retention_batch.approved_by is '消去を承認した職員 (staff login id), never the proposer';
comment on column governance_retention_batch.approved_at is '消去日時: when it was approved and disposed of, in one transaction';

create table governance_retention_item (
  municipality_code text not null,
  batch_id uuid not null,
  source_id text not null,
  record_key text not null check (length(record_key) between 1 and 200),
  person_key text not null check (length(person_key) between 1 and 300),
  description text not null check (length(description) between 1 and 300),
  due_on date not null,
  disposed boolean,
  primary key (municipality_code, batch_id, record_key),
  foreign key (municipality_code, batch_id) references governance_retention_batch on delete restrict
);
create unique index governance_retention_item_once on governance_retention_item (municipality_code, source_id, record_key);
create index governance_retention_item_by_person on governance_retention_item (municipality_code, person_key);
comment on table governance_retention_item is '消去記録: one record of a batch — proposed, then disposed of (or found already gone) when the batch was approved';
comment on column governance_retention_item.municipality_code is '全国地方公共団体コード';
comment on column governance_retention_item.batch_id is 'the batch proposing it';
comment on column governance_retention_item.source_id is 'its retention source; a record is proposed once only';
comment on column governance_retention_item.record_key is 'the record''s key within its source (an internal id, e.g. a reservation number)';
comment on column governance_retention_item.person_key is 'personal data (その他): whose record it was, as the register file''s person key, so that a disclosure request can be answered with what was disposed of';
comment on column governance_retention_item.description is 'what the record was, without personal data (e.g. 来庁予約 2024-04-01)';
comment on column governance_retention_item.due_on is 'the day its retention ended';
comment on column governance_retention_item.disposed is 'null while proposed; true when disposed of on approval, false when already gone then';
