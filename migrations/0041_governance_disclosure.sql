-- 開示等の請求 (issue 10; 個人情報保護法 第76条 開示, 第90条 訂正, 第98条 利用停止): a request a clerk records for a
-- resident identified at the counter, with how the resident is looked for across the register's files (a file's
-- person key, or name in kana and birth date) and the outcome. The report of what is held and who accessed it is
-- built from the live data on each view (src/modules/governance/disclosure/); only the request is stored.

create table governance_disclosure_request (
  municipality_code text not null references municipality,
  request_id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('disclosure', 'correction', 'suspension')),
  received_on date not null,
  search_file_id text check (length(search_file_id) between 1 and 100),
  search_key text check (length(search_key) between 1 and 300),
  search_kana text check (length(search_kana) between 1 and 100),
  search_birth_date date,
  request_note text not null default '' check (length(request_note) <= 2000),
  outcome text not null default 'pending' check (outcome in ('pending', 'granted', 'partially_granted', 'refused', 'withdrawn')),
  outcome_note text not null default '' check (length(outcome_note) <= 2000),
  decided_on date,
  recorded_by text not null check (length(recorded_by) between 1 and 100),
  recorded_at timestamptz not null default now(),
  decided_by text check (length(decided_by) between 1 and 100),
  primary key (municipality_code, request_id),
  constraint governance_disclosure_request_search check ((search_file_id is not null and search_key is not null)
    or (search_kana is not null and search_birth_date is not null)),
  constraint governance_disclosure_request_decision check ((outcome = 'pending') = (decided_on is null) and (decided_on is null) = (decided_by is null))
);
create index governance_disclosure_request_by_day on governance_disclosure_request (municipality_code, received_on desc);
comment on table governance_disclosure_request is '開示・訂正・利用停止請求: one request by a resident, how the clerk looks for them in the files, and its outcome';
comment on column governance_disclosure_request.municipality_code is '全国地方公共団体コード';
comment on column governance_disclosure_request.request_id is 'the request''s internal id (受付番号)';
comment on column governance_disclosure_request.kind is 'disclosure: 開示請求; correction: 訂正請求; suspension: 利用停止請求';
comment on column governance_disclosure_request.received_on is '請求の受付日';
comment on column governance_disclosure_request.search_file_id is 'the register file whose person key identifies the resident, when looked for by key';
comment on column governance_disclosure_request.search_key is 'personal data (その他): the person key in that file (e.g. an applicant ID; a pair of values joined by |)';
comment on column governance_disclosure_request.search_kana is 'personal data (基本4情報): 氏名カナ the resident gave, to look for them in the files that hold kana and birth date';
comment on column governance_disclosure_request.search_birth_date is 'personal data (基本4情報): 生年月日 the resident gave, with the kana';
comment on column governance_disclosure_request.request_note is 'personal data (その他): what the resident asks (the items to correct, the use to stop), as the clerk wrote it';
comment on column governance_disclosure_request.outcome is 'pending, granted (全部開示・訂正・停止), partially_granted (一部), refused (不開示等), withdrawn (取下げ)';
comment on column governance_disclosure_request.outcome_note is 'personal data (その他): the decision''s reasons as written to the resident';
comment on column governance_disclosure_request.decided_on is '決定日';
comment on column governance_disclosure_request.recorded_by is 'the clerk who recorded the request (staff login id)';
comment on column governance_disclosure_request.recorded_at is 'when it was recorded';
comment on column governance_disclosure_request.decided_by is 'who recorded the outcome (staff login id)';
