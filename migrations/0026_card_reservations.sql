-- マイナンバーカード 来庁予約 (issue 7, seed 001 (1) 来庁予約データ): the counters (sites) and what they offer, slot
-- templates and their exceptions, the booking window, the slots as booked (one counter row each, so that capacity is
-- held by the database under any concurrency), the reservations themselves, and the waitlist per day.

create table card_site (
  municipality_code text not null references municipality,
  site_code text not null check (site_code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name_ja text not null check (length(name_ja) between 1 and 100),
  name_en text not null check (length(name_en) between 1 and 100),
  address text not null default '' check (length(address) <= 200),
  map_note_ja text not null default '' check (length(map_note_ja) <= 1000),
  map_note_en text not null default '' check (length(map_note_en) <= 1000),
  open_weekdays smallint[] not null default '{1,2,3,4,5}' check (open_weekdays <@ '{0,1,2,3,4,5,6}'::smallint[]),
  opens_at time not null default '08:45',
  closes_at time not null default '17:30',
  is_satellite boolean not null default false,
  sort_order integer not null default 0,
  active boolean not null default true,
  primary key (municipality_code, site_code),
  check (opens_at < closes_at)
);
comment on table card_site is '窓口: a ward office or satellite (サテライト) where residents come to apply for or receive their My Number card';
comment on column card_site.municipality_code is '全国地方公共団体コード';
comment on column card_site.site_code is '窓口コード: short id used in addresses and the API (e.g. sannomiya)';
comment on column card_site.name_ja is '窓口名 in Japanese';
comment on column card_site.name_en is 'the site''s name in English';
comment on column card_site.address is '所在地 shown to residents';
comment on column card_site.map_note_ja is '案内 (how to get there, floor, entrance) in Japanese';
comment on column card_site.map_note_en is 'directions in English';
comment on column card_site.open_weekdays is '開庁曜日: days of the week the site opens (0 = Sunday … 6 = Saturday); national holidays and 12/29–1/3 are closed unless card_site_open_override says otherwise';
comment on column card_site.opens_at is '開庁時刻';
comment on column card_site.closes_at is '閉庁時刻';
comment on column card_site.is_satellite is 'true for a satellite (サテライト); its clerks may be scoped to it';
comment on column card_site.sort_order is 'order in lists (smallest first)';
comment on column card_site.active is 'false hides the site from residents; its bookings stay';

create table card_site_closure (
  municipality_code text not null,
  site_code text not null,
  closed_on date not null,
  reason text not null default '' check (length(reason) <= 200),
  primary key (municipality_code, site_code, closed_on),
  foreign key (municipality_code, site_code) references card_site on delete cascade
);
comment on table card_site_closure is '臨時休業日: a day a site is closed although it would normally open';
comment on column card_site_closure.municipality_code is '全国地方公共団体コード';
comment on column card_site_closure.site_code is 'the site closed';
comment on column card_site_closure.closed_on is 'the day closed';
comment on column card_site_closure.reason is '理由 shown to residents (e.g. 施設点検)';

create table card_site_open_override (
  municipality_code text not null,
  site_code text not null,
  open_on date not null,
  note text not null default '' check (length(note) <= 200),
  primary key (municipality_code, site_code, open_on),
  foreign key (municipality_code, site_code) references card_site on delete cascade
);
comment on table card_site_open_override is '臨時開庁日: a day a site opens although it would normally be closed (a weekend, a holiday, 年末年始)';
comment on column card_site_open_override.municipality_code is '全国地方公共団体コード';
comment on column card_site_open_override.site_code is 'the site open';
comment on column card_site_open_override.open_on is 'the day open';
comment on column card_site_open_override.note is '備考 (e.g. 休日開庁)';

create table card_reservation_type (
  municipality_code text not null references municipality,
  type_code text not null check (type_code ~ '^[a-z][a-z0-9_]{0,39}$'),
  name_ja text not null check (length(name_ja) between 1 and 100),
  name_en text not null check (length(name_en) between 1 and 100),
  duration_minutes integer not null default 15 check (duration_minutes between 5 and 240),
  documents_ja text not null default '' check (length(documents_ja) <= 2000),
  documents_en text not null default '' check (length(documents_en) <= 2000),
  max_people smallint not null default 4 check (max_people between 1 and 10),
  sort_order integer not null default 0,
  active boolean not null default true,
  primary key (municipality_code, type_code)
);
comment on table card_reservation_type is '予約区分: what a resident comes for (申請時来庁, 交付時来庁, 再発行, 電子証明書更新 …)';
comment on column card_reservation_type.municipality_code is '全国地方公共団体コード';
comment on column card_reservation_type.type_code is '手続きID: apply, pickup, reissue, cert_renewal …';
comment on column card_reservation_type.name_ja is '手続きの種類 in Japanese';
comment on column card_reservation_type.name_en is 'the type''s name in English';
comment on column card_reservation_type.duration_minutes is '所要時間 of one visit, shown to residents';
comment on column card_reservation_type.documents_ja is '持ち物: documents to bring, in Japanese';
comment on column card_reservation_type.documents_en is 'documents to bring, in English';
comment on column card_reservation_type.max_people is 'how many people (a family, グループ) one booking may bring; each takes a place';
comment on column card_reservation_type.sort_order is 'order in lists (smallest first)';
comment on column card_reservation_type.active is 'false stops new bookings of the type';

create table card_type_site (
  municipality_code text not null,
  site_code text not null,
  type_code text not null,
  primary key (municipality_code, site_code, type_code),
  foreign key (municipality_code, site_code) references card_site on delete cascade,
  foreign key (municipality_code, type_code) references card_reservation_type on delete cascade
);
comment on table card_type_site is '取扱窓口: which sites offer which reservation types';
comment on column card_type_site.municipality_code is '全国地方公共団体コード';
comment on column card_type_site.site_code is 'the site';
comment on column card_type_site.type_code is 'the reservation type it offers';

create table card_slot_template (
  municipality_code text not null,
  template_id uuid not null default gen_random_uuid(),
  site_code text not null,
  type_code text not null,
  weekday smallint not null check (weekday between 0 and 6),
  start_time time not null,
  end_time time not null,
  interval_minutes integer not null check (interval_minutes between 5 and 240),
  capacity integer not null check (capacity between 1 and 1000),
  valid_from date not null,
  valid_to date,
  primary key (municipality_code, template_id),
  foreign key (municipality_code, site_code, type_code) references card_type_site on delete cascade,
  check (start_time < end_time),
  check (valid_to is null or valid_from <= valid_to)
);
create index card_slot_template_by_site on card_slot_template (municipality_code, site_code, type_code);
comment on table card_slot_template is '予約枠の型: on a weekday, from start to end, one slot every interval with this capacity, between two dates';
comment on column card_slot_template.municipality_code is '全国地方公共団体コード';
comment on column card_slot_template.template_id is 'id of the template';
comment on column card_slot_template.site_code is 'the site';
comment on column card_slot_template.type_code is 'the reservation type';
comment on column card_slot_template.weekday is '曜日 (0 = Sunday … 6 = Saturday)';
comment on column card_slot_template.start_time is 'start of the first slot';
comment on column card_slot_template.end_time is 'no slot starts at or after this time';
comment on column card_slot_template.interval_minutes is 'minutes from one slot''s start to the next (and a slot''s length)';
comment on column card_slot_template.capacity is '定員: places per slot';
comment on column card_slot_template.valid_from is 'first day the template applies';
comment on column card_slot_template.valid_to is 'last day the template applies (null: open-ended)';

create table card_slot_exception (
  municipality_code text not null,
  exception_id uuid not null default gen_random_uuid(),
  site_code text not null,
  type_code text not null,
  exception_date date not null,
  kind text not null check (kind in ('extra', 'closed')),
  start_time time,
  end_time time,
  capacity integer check (capacity between 1 and 1000),
  note text not null default '' check (length(note) <= 200),
  primary key (municipality_code, exception_id),
  foreign key (municipality_code, site_code, type_code) references card_type_site on delete cascade,
  check (kind <> 'extra' or (start_time is not null and end_time is not null and capacity is not null and start_time < end_time)),
  check (kind <> 'closed' or capacity is null)
);
create index card_slot_exception_by_day on card_slot_exception (municipality_code, site_code, type_code, exception_date);
comment on table card_slot_exception is '予約枠の例外: a one-off extra slot, or a slot (or a whole day) closed for a type at a site';
comment on column card_slot_exception.municipality_code is '全国地方公共団体コード';
comment on column card_slot_exception.exception_id is 'id of the exception';
comment on column card_slot_exception.site_code is 'the site';
comment on column card_slot_exception.type_code is 'the reservation type';
comment on column card_slot_exception.exception_date is 'the day';
comment on column card_slot_exception.kind is 'extra 臨時枠 (adds a slot) or closed 枠の停止 (removes the slot starting at start_time, or the whole day when start_time is null)';
comment on column card_slot_exception.start_time is 'the slot''s start (closed: null for the whole day)';
comment on column card_slot_exception.end_time is 'the extra slot''s end';
comment on column card_slot_exception.capacity is 'the extra slot''s places';
comment on column card_slot_exception.note is '備考 for staff';

create table card_booking_settings (
  municipality_code text primary key references municipality,
  opens_days_ahead integer not null default 60 check (opens_days_ahead between 1 and 366),
  closes_days_before integer not null default 1 check (closes_days_before between 0 and 30),
  closes_at_time time not null default '17:00',
  offer_hold_hours integer not null default 24 check (offer_hold_hours between 1 and 168),
  few_threshold integer not null default 2 check (few_threshold between 0 and 100),
  updated_at timestamptz not null default now()
);
comment on table card_booking_settings is '予約受付期間の設定: when booking opens and closes, how long a waitlist offer is held, when a day shows △';
comment on column card_booking_settings.municipality_code is '全国地方公共団体コード';
comment on column card_booking_settings.opens_days_ahead is 'a day can be booked from this many days before it';
comment on column card_booking_settings.closes_days_before is 'booking a day closes this many days before it (0: the same day) …';
comment on column card_booking_settings.closes_at_time is '… at this time, Japan time (e.g. the day before at 17:00)';
comment on column card_booking_settings.offer_hold_hours is 'キャンセル待ち: hours a freed place is held for the person offered it before it goes to the next';
comment on column card_booking_settings.few_threshold is 'a day with at most this many places left shows △ (few)';
comment on column card_booking_settings.updated_at is 'when the settings last changed';

create table card_slot (
  municipality_code text not null,
  site_code text not null,
  type_code text not null,
  slot_date date not null,
  start_time time not null,
  end_time time not null,
  capacity integer not null check (capacity between 0 and 1000),
  booked integer not null default 0 check (booked >= 0),
  held integer not null default 0 check (held >= 0),
  primary key (municipality_code, site_code, type_code, slot_date, start_time),
  foreign key (municipality_code, site_code, type_code) references card_type_site,
  constraint card_slot_not_overbooked check (booked + held <= capacity)
);
comment on table card_slot is '予約枠: one slot of a day as booked, made on its first booking; booking adds to booked only where booked + people <= capacity, so no concurrency can exceed it';
comment on column card_slot.municipality_code is '全国地方公共団体コード';
comment on column card_slot.site_code is 'the site';
comment on column card_slot.type_code is 'the reservation type';
comment on column card_slot.slot_date is '予約日付';
comment on column card_slot.start_time is '予約開始時間';
comment on column card_slot.end_time is '予約終了時間';
comment on column card_slot.capacity is '定員, from the template or exception when the slot was made';
comment on column card_slot.booked is 'places taken by active bookings (booked and arrived; a group of N takes N)';
comment on column card_slot.held is 'places freed by a cancellation and held for the person on the waitlist they were offered to';

create table card_reservation (
  municipality_code text not null,
  reservation_number text not null check (reservation_number ~ '^[1-9][0-9]{11}$'),
  group_id text not null check (group_id ~ '^[1-9][0-9]{11}$'),
  site_code text not null,
  type_code text not null,
  slot_date date not null,
  start_time time not null,
  end_time time not null,
  people smallint not null default 1 check (people between 1 and 10),
  name text not null check (length(name) between 1 and 100),
  kana text not null check (length(kana) between 1 and 100),
  gender text not null default 'unanswered' check (gender in ('female', 'male', 'other', 'unanswered')),
  birth_date date,
  postal_code text not null default '' check (postal_code ~ '^([0-9]{7})?$'),
  address text not null default '' check (length(address) <= 200),
  building_room text not null default '' check (length(building_room) <= 100),
  phone text not null check (phone ~ '^[0-9]{10,11}$'),
  email text check (email is null or length(email) <= 254),
  request_note text not null default '' check (length(request_note) <= 1000),
  lang text not null default 'ja' check (lang in ('ja', 'en')),
  status text not null default 'booked' check (status in ('booked', 'cancelled', 'arrived', 'no_show')),
  message text not null default '' check (length(message) <= 1000),
  booked_at timestamptz not null default now(),
  proxy_operator text check (proxy_operator is null or length(proxy_operator) between 1 and 100),
  cancel_token_hash text not null check (cancel_token_hash ~ '^[0-9a-f]{64}$'),
  replaces_number text,
  cancelled_at timestamptz,
  cancelled_by text check (cancelled_by is null or length(cancelled_by) between 1 and 100),
  arrived_at timestamptz,
  arrived_by text check (arrived_by is null or length(arrived_by) between 1 and 100),
  no_show_at timestamptz,
  reminded_at timestamptz,
  primary key (municipality_code, reservation_number),
  foreign key (municipality_code, site_code, type_code, slot_date, start_time) references card_slot,
  constraint card_reservation_cancel_complete check ((status = 'cancelled') = (cancelled_at is not null) and (cancelled_at is null) = (cancelled_by is null)),
  constraint card_reservation_arrival_complete check ((status = 'arrived') = (arrived_at is not null) and (arrived_at is null) = (arrived_by is null)),
  constraint card_reservation_contact check (birth_date is not null or email is not null)
);
create index card_reservation_by_slot on card_reservation (municipality_code, site_code, slot_date, start_time);
create index card_reservation_by_day on card_reservation (municipality_code, slot_date, site_code);
create index card_reservation_by_phone on card_reservation (municipality_code, phone);
create index card_reservation_by_kana on card_reservation (municipality_code, kana);
-- One person (the same birth date and phone, or the same email) holds at most one active booking of a type.
create unique index card_reservation_one_per_person on card_reservation (municipality_code, type_code, birth_date, phone)
  where status = 'booked' and birth_date is not null;
create unique index card_reservation_one_per_email on card_reservation (municipality_code, type_code, lower(email))
  where status = 'booked' and email is not null;
comment on table card_reservation is '来庁予約データ (seed 001 (1)): one booking of one slot for one person or a group, by a resident online or by an operator for a caller (代行)';
comment on column card_reservation.municipality_code is '全国地方公共団体コード';
comment on column card_reservation.reservation_number is 'レコード番号 / 予約番号: 11 random digits and a Luhn check digit, told to the resident';
comment on column card_reservation.group_id is 'グループID: the number shared by bookings made together (a booking alone: its own number)';
comment on column card_reservation.site_code is '予約窓口';
comment on column card_reservation.type_code is '手続きID / 手続きの種類 (card_reservation_type)';
comment on column card_reservation.slot_date is '予約日付';
comment on column card_reservation.start_time is '予約開始時間';
comment on column card_reservation.end_time is '予約終了時間';
comment on column card_reservation.people is 'how many people come (a family together): each takes a place';
comment on column card_reservation.name is 'personal data (基本4情報): 申請者氏名';
comment on column card_reservation.kana is 'personal data (基本4情報): 氏名カナ (full-width katakana), for look-ups by the call centre';
comment on column card_reservation.gender is 'personal data (基本4情報): 性別 as the applicant gave it (unanswered: not given)';
comment on column card_reservation.birth_date is 'personal data (基本4情報): 生年月日, only to hold one active booking per person and type';
comment on column card_reservation.postal_code is 'personal data (基本4情報): 郵便番号, 7 digits or empty';
comment on column card_reservation.address is 'personal data (基本4情報): 住所';
comment on column card_reservation.building_room is 'personal data (基本4情報): マンション名・部屋番号等';
comment on column card_reservation.phone is 'personal data (連絡先): 電話番号, digits only';
comment on column card_reservation.email is 'personal data (連絡先): メールアドレス for the confirmation, reminder and cancellation mails (null when booked by phone without one)';
comment on column card_reservation.request_note is 'personal data (その他): 申請内容 as the applicant wrote it';
comment on column card_reservation.lang is 'language of the mails (ja or en)';
comment on column card_reservation.status is '状態: booked 予約済, cancelled 取消, arrived 来庁済 (消し込み), no_show 未来庁';
comment on column card_reservation.message is 'メッセージ: a note from staff about the booking';
comment on column card_reservation.booked_at is '申請日付・申請時間';
comment on column card_reservation.proxy_operator is '代行: the operator''s login id when the call centre booked for a caller; null when the resident booked';
comment on column card_reservation.cancel_token_hash is 'SHA-256 of the token in the view/cancel link mailed to the resident; the token itself is never stored';
comment on column card_reservation.replaces_number is 'the booking this one replaced (予約変更: cancelled when this one was made)';
comment on column card_reservation.cancelled_at is 'when it was cancelled';
comment on column card_reservation.cancelled_by is 'resident (by the link or the API) or the staff login id';
comment on column card_reservation.arrived_at is 'when the resident arrived (消し込み)';
comment on column card_reservation.arrived_by is 'the staff login id that ticked the arrival';
comment on column card_reservation.no_show_at is 'when the day-end job marked it 未来庁';
comment on column card_reservation.reminded_at is 'when the reminder mail for the day before was queued';

create table card_waitlist (
  municipality_code text not null,
  waitlist_id uuid not null default gen_random_uuid(),
  site_code text not null,
  type_code text not null,
  slot_date date not null,
  people smallint not null default 1 check (people between 1 and 10),
  name text not null check (length(name) between 1 and 100),
  email text not null check (length(email) <= 254),
  phone text not null check (phone ~ '^[0-9]{10,11}$'),
  lang text not null default 'ja' check (lang in ('ja', 'en')),
  joined_at timestamptz not null default now(),
  status text not null default 'waiting' check (status in ('waiting', 'offered', 'accepted', 'expired', 'withdrawn')),
  offer_token_hash text check (offer_token_hash is null or offer_token_hash ~ '^[0-9a-f]{64}$'),
  offered_start_time time,
  offered_at timestamptz,
  hold_until timestamptz,
  reservation_number text,
  primary key (municipality_code, waitlist_id),
  foreign key (municipality_code, site_code, type_code) references card_type_site,
  constraint card_waitlist_offer_complete check ((status in ('offered', 'accepted')) <= (offered_at is not null and hold_until is not null and offer_token_hash is not null and offered_start_time is not null))
);
create index card_waitlist_queue on card_waitlist (municipality_code, site_code, type_code, slot_date, joined_at) where status in ('waiting', 'offered');
create unique index card_waitlist_one_per_email on card_waitlist (municipality_code, site_code, type_code, slot_date, lower(email)) where status in ('waiting', 'offered');
comment on table card_waitlist is 'キャンセル待ち: people waiting for a place on a full day; a cancellation offers the freed place to the first in line, held for a while, then to the next';
comment on column card_waitlist.municipality_code is '全国地方公共団体コード';
comment on column card_waitlist.waitlist_id is 'id of the entry';
comment on column card_waitlist.site_code is 'the site';
comment on column card_waitlist.type_code is 'the reservation type';
comment on column card_waitlist.slot_date is 'the day waited for';
comment on column card_waitlist.people is 'places wanted';
comment on column card_waitlist.name is 'personal data (基本4情報): 氏名 of the person waiting';
comment on column card_waitlist.email is 'personal data (連絡先): where the offer is mailed';
comment on column card_waitlist.phone is 'personal data (連絡先): 電話番号, digits only, for the call centre';
comment on column card_waitlist.lang is 'language of the offer mail (ja or en)';
comment on column card_waitlist.joined_at is 'when they joined: the order of the line';
comment on column card_waitlist.status is 'waiting, offered (a place is held), accepted (booked), expired (the hold ran out), withdrawn';
comment on column card_waitlist.offer_token_hash is 'SHA-256 of the token in the offer mail''s link';
comment on column card_waitlist.offered_start_time is 'the slot whose freed place is held';
comment on column card_waitlist.offered_at is 'when the place was offered';
comment on column card_waitlist.hold_until is 'the offer lapses at this time and goes to the next in line';
comment on column card_waitlist.reservation_number is 'the booking made by accepting the offer';
