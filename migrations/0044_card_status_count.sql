-- The card progress dashboard's counts per site and status. Counting every card on each view grows with every card
-- ever issued (a city issues over 100,000 a year, and 交付済 only grows), so the counts are kept by statement-level
-- triggers in the same transaction as each change; the dashboard scans only the cards still in progress, for their
-- aging, and reads the rest here.

create table card_status_count (
  municipality_code text not null references municipality,
  storage_site_code text not null,
  status text not null,
  -- No check (cards >= 0): INSERT … ON CONFLICT checks the proposed row, whose cards is the (negative) change.
  cards bigint not null,
  primary key (municipality_code, storage_site_code, status)
);
comment on table card_status_count is 'カード件数（保管場所・ステータス別）: how many card records each storage site holds in each status, kept by triggers on card_record; numbers only, no personal data';
comment on column card_status_count.municipality_code is '全国地方公共団体コード';
comment on column card_status_count.storage_site_code is 'カード保管場所 (card_record.storage_site_code)';
comment on column card_status_count.status is 'カードステータス (card_record.status)';
comment on column card_status_count.cards is 'number of card records at that site in that status now';

-- One statement's changes netted per (site, status) and applied in key order, so two transactions moving cards
-- between the same counters in opposite directions take their row locks in the same order and cannot deadlock.
create function card_status_count_track() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into card_status_count (municipality_code, storage_site_code, status, cards)
    select municipality_code, storage_site_code, status, count(*) from new_rows group by 1, 2, 3 order by 1, 2, 3
    on conflict (municipality_code, storage_site_code, status) do update set cards = card_status_count.cards + excluded.cards;
  elsif tg_op = 'DELETE' then
    update card_status_count c set cards = c.cards - gone.n
    from (select municipality_code, storage_site_code, status, count(*) as n from old_rows group by 1, 2, 3 order by 1, 2, 3) gone
    where (c.municipality_code, c.storage_site_code, c.status) = (gone.municipality_code, gone.storage_site_code, gone.status);
  else
    insert into card_status_count (municipality_code, storage_site_code, status, cards)
    select municipality_code, storage_site_code, status, sum(d)
    from (select municipality_code, storage_site_code, status, -1 as d from old_rows
          union all select municipality_code, storage_site_code, status, 1 from new_rows) moved
    group by 1, 2, 3 having sum(d) <> 0 order by 1, 2, 3
    on conflict (municipality_code, storage_site_code, status) do update set cards = card_status_count.cards + excluded.cards;
  end if;
  return null;
end
$$;

create trigger card_status_count_insert after insert on card_record
  referencing new table as new_rows for each statement execute function card_status_count_track();
create trigger card_status_count_update after update on card_record
  referencing old table as old_rows new table as new_rows for each statement execute function card_status_count_track();
create trigger card_status_count_delete after delete on card_record
  referencing old table as old_rows for each statement execute function card_status_count_track();

insert into card_status_count (municipality_code, storage_site_code, status, cards)
select municipality_code, storage_site_code, status, count(*) from card_record group by 1, 2, 3;
