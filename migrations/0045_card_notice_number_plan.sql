-- The 交付通知書番号 trigger (migration 0037) looks for its drawn number among the cards already numbered. Run inside
-- one statement that inserts or moves many cards, plpgsql's cached plan for that look-up was made while the table
-- was small — a scan — and every later row scanned every card numbered so far (an insert of 120,000 cards took five
-- minutes). Planned afresh on each call, the look-up uses the unique index once the table is more than a few pages.
alter function card_record_draw_notice_number() set plan_cache_mode = force_custom_plan;
