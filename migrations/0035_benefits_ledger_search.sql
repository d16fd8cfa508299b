-- 定額減税調整給付金 (issue 9): the console's ledger list and search at 300,000 targets. The list pages through a
-- programme's targets by 住記個人番号 (keyset), filtered by state or by eligible/excluded, so each filter has an index
-- in that order; the search finds a taxpayer by 氏名カナ prefix with the spaces between family and given name left
-- out (ヤマダタロウ finds ヤマダ　タロウ), text_pattern_ops so that like 'prefix%' uses it whatever the collation.
-- 住記個人番号 is the primary key and 宛名番号 has its index (0030).

create index benefit_target_state_page on benefit_target (municipality_code, programme_id, state, resident_number);
create index benefit_target_eligible_page on benefit_target (municipality_code, programme_id, eligible, resident_number);
create index benefit_taxpayer_kana on benefit_taxpayer (municipality_code, programme_id, (translate(name_kana, ' 　', '')) text_pattern_ops);
