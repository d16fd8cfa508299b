-- カード進捗管理の設定 (issue 8): per municipality, after how many days a card waiting in each status before it is
-- handed over counts as 滞留 on the progress dashboard, and the 受取期限 rules for uncollected cards (a 督促状 so many
-- days after the 交付通知書, disposal so many months after the last one). The defaults are those of
-- src/modules/card/progress/aging.ts and collection.ts; a clerk with card.issuance.manage changes them on the
-- dashboard's settings page. No index: the dashboard's queries use card_record_by_site and card_record_by_status.

create table card_progress_settings (
  municipality_code text primary key references municipality,
  waiting_days_received integer not null default 7 check (waiting_days_received between 1 and 3650),
  waiting_days_applied_to_jlis integer not null default 60 check (waiting_days_applied_to_jlis between 1 and 3650),
  waiting_days_arrived integer not null default 14 check (waiting_days_arrived between 1 and 3650),
  waiting_days_prepared integer not null default 7 check (waiting_days_prepared between 1 and 3650),
  waiting_days_notice_sent integer not null default 30 check (waiting_days_notice_sent between 1 and 3650),
  waiting_days_mailed integer not null default 14 check (waiting_days_mailed between 1 and 3650),
  waiting_days_returned integer not null default 14 check (waiting_days_returned between 1 and 3650),
  waiting_days_reissue_requested integer not null default 60 check (waiting_days_reissue_requested between 1 and 3650),
  reminder_after_days integer not null default 30 check (reminder_after_days between 1 and 365),
  dispose_after_months integer not null default 6 check (dispose_after_months between 1 and 60),
  updated_by text not null check (length(updated_by) between 1 and 100),
  updated_at timestamptz not null default now()
);
comment on table card_progress_settings is 'カード進捗管理の設定: the 滞留 days per status of the progress dashboard and the 督促・廃棄 rules for uncollected cards (one row per municipality; none: the defaults)';
comment on column card_progress_settings.municipality_code is '全国地方公共団体コード';
comment on column card_progress_settings.waiting_days_received is '滞留日数 申請受付: a card longer than this many days at 申請受付 is counted and listed as waiting too long';
comment on column card_progress_settings.waiting_days_applied_to_jlis is '滞留日数 J-LIS申請済';
comment on column card_progress_settings.waiting_days_arrived is '滞留日数 カード到着';
comment on column card_progress_settings.waiting_days_prepared is '滞留日数 交付前設定済';
comment on column card_progress_settings.waiting_days_notice_sent is '滞留日数 交付通知書発送済';
comment on column card_progress_settings.waiting_days_mailed is '滞留日数 カード郵送中';
comment on column card_progress_settings.waiting_days_returned is '滞留日数 返戻';
comment on column card_progress_settings.waiting_days_reissue_requested is '滞留日数 再発行依頼中';
comment on column card_progress_settings.reminder_after_days is '督促: a 督促状 is due this many days after the 交付通知書 when the card is not collected';
comment on column card_progress_settings.dispose_after_months is '廃棄: an uncollected card is listed for disposal this many months after its last 交付通知書';
comment on column card_progress_settings.updated_by is 'the staff login id that last changed the settings';
comment on column card_progress_settings.updated_at is 'when the settings last changed';
