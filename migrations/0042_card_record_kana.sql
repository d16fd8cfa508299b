-- 氏名カナ on the card records (issue 8, the card list's kana filter): the clerks look a card up by the reading of the
-- name, as they look up a booking (card_reservation.kana), since a name in kanji has many readings and spellings. Kept
-- as the search key: canonical full-width katakana with no space (src/platform/text/kana.ts toCanonicalKatakana), so
-- that a prefix typed in hiragana, half width or with a space finds it. Empty for records entered before.
alter table card_record add column name_kana text not null default '' check (length(name_kana) <= 100 and name_kana !~ '\s');
create index card_record_by_kana on card_record (municipality_code, name_kana text_pattern_ops);
comment on column card_record.name_kana is 'personal data (基本4情報): 氏名カナ as the search key (canonical katakana, no space); the card list finds cards by its first letters';
