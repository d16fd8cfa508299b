-- 発送管理 and 交付時来庁 bookings tied to the card (issue 8, seed 001 (6), use case ⑩).
-- card_shipment: every 交付通知書 or card put in the post (本人限定郵便・簡易書留) with the address it went to, and the
-- return (返戻) when the post brought it back; the shipment and the card's step (send_notice / mail_card /
-- resend_notice / resend_card / return_by_post) commit together. card_record.notice_number: the 交付通知書番号 printed on
-- the notice, drawn when the card first reaches notice_sent; with the birth date it is what a pickup booking asks.
-- card_pickup_booking: which card a 交付時来庁 booking collects, so that the check-in opens the card's issue step.

create table card_shipment (
  municipality_code text not null,
  shipment_id bigint generated always as identity,
  applicant_id text not null,
  item text not null check (item in ('notice', 'card')),
  method text not null check (method in ('restricted_delivery', 'registered')),
  attempt integer not null check (attempt between 1 and 99),
  sent_on date not null,
  postal_code text not null check (postal_code ~ '^[0-9]{7}$'),
  name text not null check (length(name) between 1 and 100),
  address text not null check (length(address) between 1 and 200),
  tracking_number text check (tracking_number ~ '^[0-9A-Za-z-]{1,30}$'),
  external_characters boolean not null default false,
  memo text not null default '' check (length(memo) <= 500),
  sent_by text not null check (length(sent_by) between 1 and 100),
  returned_on date,
  return_reason text check (length(return_reason) between 1 and 200),
  returned_by text check (length(returned_by) between 1 and 100),
  created_at timestamptz not null default now(),
  primary key (municipality_code, shipment_id),
  unique (municipality_code, applicant_id, attempt),
  foreign key (municipality_code, applicant_id) references card_record on delete cascade,
  constraint card_shipment_return check ((returned_on is null) = (return_reason is null) and (returned_on is null) = (returned_by is null)),
  constraint card_shipment_return_after check (returned_on is null or returned_on >= sent_on)
);
create index card_shipment_by_card on card_shipment (municipality_code, applicant_id, attempt);
create index card_shipment_by_day on card_shipment (municipality_code, sent_on, shipment_id);
comment on table card_shipment is '発送管理 (seed 001 (6)): one 交付通知書 or card sent by post to a resident, and its return (返戻) if the post brought it back';
comment on column card_shipment.municipality_code is '全国地方公共団体コード';
comment on column card_shipment.shipment_id is '送付ID: in the order written';
comment on column card_shipment.applicant_id is '申請書ID (内部キー用) of the card';
comment on column card_shipment.item is '発送物の種類: notice 交付通知書, card マイナンバーカード';
comment on column card_shipment.method is '発送方法: restricted_delivery 本人限定郵便, registered 簡易書留';
comment on column card_shipment.attempt is '発送回数: 1 for the first shipment of the card, 2 for the re-shipment after a return …';
comment on column card_shipment.sent_on is '発送日';
comment on column card_shipment.postal_code is 'personal data (基本4情報): 郵便番号 the shipment was addressed to (7 digits)';
comment on column card_shipment.name is 'personal data (基本4情報): 氏名 as printed on the label';
comment on column card_shipment.address is 'personal data (基本4情報): 住所 as printed on the label (the card''s address when sent)';
comment on column card_shipment.tracking_number is 'personal data (その他): 追跡番号 of the post office, which finds the shipment and so the addressee';
comment on column card_shipment.external_characters is '外字有無: the name or address has characters the label printer lacks (written by hand)';
comment on column card_shipment.memo is 'personal data (その他): メモ, the clerk''s note on the shipment';
comment on column card_shipment.sent_by is 'the staff login id who recorded the shipment';
comment on column card_shipment.returned_on is '返戻日: the day the post brought it back (null while not returned)';
comment on column card_shipment.return_reason is 'personal data (その他): 返戻事由 (e.g. 宛所に尋ねあたりません, 保管期間経過)';
comment on column card_shipment.returned_by is 'the staff login id who recorded the return';
comment on column card_shipment.created_at is 'when the shipment was recorded';

alter table card_record add column notice_number text check (notice_number ~ '^[0-9]{12}$');
create unique index card_record_notice_number on card_record (municipality_code, notice_number) where notice_number is not null;
comment on column card_record.notice_number is '交付通知書番号: 12 random digits printed on the 交付通知書, drawn when the card first reaches notice_sent and kept when the notice is sent again; with the birth date it opens a pickup booking';

-- Drawn by the database so that every path to notice_sent (one card's page, a bulk step, a shipment) gives the card
-- its number. Random (not a sequence) so that a number says nothing about its neighbours.
create function card_record_draw_notice_number() returns trigger language plpgsql as $$
declare
  drawn text;
begin
  if new.status = 'notice_sent' and new.notice_number is null then
    loop
      drawn := lpad((('x' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 12))::bit(48)::bigint % 1000000000000)::text, 12, '0');
      exit when not exists (select 1 from card_record where municipality_code = new.municipality_code and notice_number = drawn);
    end loop;
    new.notice_number := drawn;
  end if;
  return new;
end
$$;
create trigger card_record_notice_number before insert or update of status on card_record
  for each row execute function card_record_draw_notice_number();

alter table card_reservation_type add column card_notice_required boolean not null default false;
comment on column card_reservation_type.card_notice_required is '交付時来庁: booked with the 交付通知書番号 and the birth date, only at the site keeping that card and only while its notice is out (notice_sent or returned)';
update card_reservation_type set card_notice_required = true where type_code = 'pickup';

create table card_pickup_booking (
  municipality_code text not null,
  reservation_number text not null,
  applicant_id text not null,
  linked_at timestamptz not null default now(),
  primary key (municipality_code, reservation_number),
  foreign key (municipality_code, reservation_number) references card_reservation on delete cascade,
  foreign key (municipality_code, applicant_id) references card_record on delete cascade
);
create index card_pickup_booking_by_card on card_pickup_booking (municipality_code, applicant_id);
comment on table card_pickup_booking is '交付時来庁: the card a pickup booking collects, written with the booking; the check-in of the booking opens that card''s issue step';
comment on column card_pickup_booking.municipality_code is '全国地方公共団体コード';
comment on column card_pickup_booking.reservation_number is '予約番号 of the booking';
comment on column card_pickup_booking.applicant_id is '申請書ID (内部キー用) of the card to be handed over';
comment on column card_pickup_booking.linked_at is 'when the booking was tied to the card';
