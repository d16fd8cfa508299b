-- 定額減税調整給付金 (issue 9, seed 002): the benefits ledger's first tables. The tax system's file of taxpayers
-- (taxpayers.csv, src/demo/file-taxpayers.ts lists its columns) is imported per programme by
-- `madoguchi benefits import-taxpayers`; the 庁内連携 file of seed 002 ① (統合宛名番号・前住所地データ, linkage.csv) by
-- `madoguchi benefits import-linkage`; `madoguchi benefits compute-targets` decides every taxpayer with the programme's
-- rule and keeps each decision, with its rule version and exclusion, in benefit_target.
--
-- Numbers (住記個人番号, 宛名番号, 統合宛名番号) are kept as the core systems write them: ASCII digits, leading zeros kept.
-- Money is integer yen (bigint).
--
-- Production grants (roles are not created here: PGlite and the tests have none):
--
--   grant select, insert, update, delete on benefit_taxpayer, benefit_linkage, benefit_target to madoguchi_app;

create table benefit_taxpayer (
  municipality_code text not null references municipality,
  programme_id text not null check (programme_id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  resident_number text not null check (resident_number ~ '^[0-9]{1,15}$'),
  addressee_number text not null check (addressee_number ~ '^[0-9]{1,15}$'),
  integrated_number text not null check (integrated_number ~ '^[0-9]{1,15}$'),
  name text not null check (length(name) between 1 and 100),
  name_kana text not null check (length(name_kana) between 1 and 100),
  birth_date date not null,
  sex text not null check (sex in ('男', '女')),
  postal_code text not null check (postal_code ~ '^[0-9]{3}-[0-9]{4}$'),
  address text not null check (length(address) between 1 and 200),
  building text not null default '' check (length(building) <= 200),
  fiscal_year integer not null check (fiscal_year between 2000 and 2100),
  total_income bigint not null check (total_income >= 0),
  estimated_income_tax bigint not null check (estimated_income_tax >= 0),
  resident_income_levy bigint not null check (resident_income_levy >= 0),
  spouse_class text not null check (spouse_class in ('', '控除対象配偶者', '同一生計配偶者', '配偶者特別控除')),
  spouse_resident_number text not null default '' check (spouse_resident_number ~ '^[0-9]{0,15}$'),
  spouse_abroad boolean not null,
  spouse_business_employee boolean not null,
  dependants_domestic smallint not null check (dependants_domestic >= 0),
  dependants_abroad smallint not null check (dependants_abroad >= 0),
  family_employees smallint not null check (family_employees >= 0),
  relatives jsonb not null check (jsonb_typeof(relatives) = 'array'),
  status text not null check (status in ('住民', '転出', '死亡')),
  status_date date,
  imported_at timestamptz not null default now(),
  primary key (municipality_code, programme_id, resident_number),
  check (status = '住民' or status_date is not null)
);
create index benefit_taxpayer_addressee on benefit_taxpayer (municipality_code, programme_id, addressee_number);
create index benefit_taxpayer_integrated on benefit_taxpayer (municipality_code, integrated_number);
comment on table benefit_taxpayer is '給付対象者の課税情報: one taxpayer of one benefit programme as the tax system''s file gives them (the figures the rule decides on); personal data, replaced by each taxpayers import of the programme';
comment on column benefit_taxpayer.municipality_code is '全国地方公共団体コード of the municipality paying the benefit';
comment on column benefit_taxpayer.programme_id is 'the benefit programme (給付事業) these figures are for, e.g. adjustment-2024';
comment on column benefit_taxpayer.resident_number is '住記個人番号: the resident registry''s number for the taxpayer (not the 個人番号); the ledger''s key';
comment on column benefit_taxpayer.addressee_number is '宛名番号: the tax system''s number for the taxpayer';
comment on column benefit_taxpayer.integrated_number is 'personal data: 団体内統合宛名番号, the key of the 公金受取口座 query through the information-provision network';
comment on column benefit_taxpayer.name is 'personal data: 氏名 as the letters print it';
comment on column benefit_taxpayer.name_kana is 'personal data: 氏名カナ as the file gives it';
comment on column benefit_taxpayer.birth_date is 'personal data: 生年月日';
comment on column benefit_taxpayer.sex is 'personal data: 性別 (男 or 女)';
comment on column benefit_taxpayer.postal_code is 'personal data: 郵便番号 the letters are sent to, 123-4567';
comment on column benefit_taxpayer.address is 'personal data: 住所 the letters are sent to';
comment on column benefit_taxpayer.building is 'personal data: 方書 (building and room) of that address; empty when none';
comment on column benefit_taxpayer.fiscal_year is '課税年度 of the figures (2024 = 令和6年度 for the 2024 adjustment)';
comment on column benefit_taxpayer.total_income is 'personal data: 合計所得金額 in yen (令和5年分), for the 18,050,000 yen cap';
comment on column benefit_taxpayer.estimated_income_tax is 'personal data: 令和6年分推計所得税額 in yen, before the flat-rate reduction';
comment on column benefit_taxpayer.resident_income_levy is 'personal data: 個人住民税所得割額 in yen (市町村民税 + 道府県民税), before the flat-rate reduction';
comment on column benefit_taxpayer.spouse_class is 'personal data: 配偶者区分: 控除対象配偶者 (counts for both taxes), 同一生計配偶者 (income tax only), 配偶者特別控除 (neither), empty for none';
comment on column benefit_taxpayer.spouse_resident_number is 'personal data: 住記個人番号 of the spouse; empty when abroad or none';
comment on column benefit_taxpayer.spouse_abroad is 'personal data: the spouse is a 国外居住者 (not counted)';
comment on column benefit_taxpayer.spouse_business_employee is 'personal data: the spouse is a 事業専従者 of the taxpayer (not counted)';
comment on column benefit_taxpayer.dependants_domestic is 'personal data: 扶養親族 (年少 included) living in Japan';
comment on column benefit_taxpayer.dependants_abroad is 'personal data: 扶養親族 living abroad (not counted)';
comment on column benefit_taxpayer.family_employees is 'personal data: 事業専従者 paid by the taxpayer''s business, the spouse included (never counted)';
comment on column benefit_taxpayer.relatives is 'personal data: every dependant and family employee as the file lists them: [{residentNumber, relation, kind, abroad, businessEmployee}]';
comment on column benefit_taxpayer.status is '住民状態: 住民 (resident), 転出 (moved out), 死亡 (deceased); the letters and the payment look at it, the amount does not';
comment on column benefit_taxpayer.status_date is '異動日: the day of moving out or death; null for a resident';
comment on column benefit_taxpayer.imported_at is 'when the row was last written by an import';

create table benefit_linkage (
  municipality_code text not null references municipality,
  resident_number text not null check (resident_number ~ '^[0-9]{1,15}$'),
  integrated_number text not null check (integrated_number ~ '^[0-9]{1,15}$'),
  previous_municipality_code text not null default '' check (previous_municipality_code ~ '^([0-9]{5})?$'),
  resident_since date not null,
  imported_at timestamptz not null default now(),
  primary key (municipality_code, resident_number)
);
create index benefit_linkage_integrated on benefit_linkage (municipality_code, integrated_number);
comment on table benefit_linkage is '統合宛名番号・前住所地データ (seed 002 ①): the 庁内連携 file keyed by 住基個人番号; replaced whole by each linkage import';
comment on column benefit_linkage.municipality_code is '全国地方公共団体コード of the municipality paying the benefit';
comment on column benefit_linkage.resident_number is '住基個人番号: the resident registry''s number for the person (benefit_taxpayer.resident_number)';
comment on column benefit_linkage.integrated_number is 'personal data: 団体内統合宛名番号, the key of the 公金受取口座 query';
comment on column benefit_linkage.previous_municipality_code is 'personal data: 前住所地コード, the 5-digit code of the previous municipality (前2桁 + 後ろ3桁 of the file); empty when born here or from abroad';
comment on column benefit_linkage.resident_since is 'personal data: 住民となった日';
comment on column benefit_linkage.imported_at is 'when the row was imported';

create table benefit_target (
  municipality_code text not null,
  programme_id text not null,
  resident_number text not null,
  rule_version text not null check (length(rule_version) between 1 and 60),
  state text not null default 'targeted' check (state in ('targeted', 'notified', 'replied', 'decided', 'paid')),
  eligible boolean not null,
  amount bigint not null check (amount >= 0),
  count_income_tax smallint not null check (count_income_tax >= 1),
  count_resident_tax smallint not null check (count_resident_tax >= 1),
  income_tax_shortfall bigint not null check (income_tax_shortfall >= 0),
  resident_tax_shortfall bigint not null check (resident_tax_shortfall >= 0),
  exclusion_code text check (exclusion_code ~ '^[a-z_]{1,40}$'),
  explanation jsonb not null check (jsonb_typeof(explanation) = 'object'),
  computed_at timestamptz not null default now(),
  state_changed_at timestamptz not null default now(),
  primary key (municipality_code, programme_id, resident_number),
  foreign key (municipality_code, programme_id, resident_number) references benefit_taxpayer,
  check (eligible = (amount > 0)),
  check (eligible = (exclusion_code is null))
);
create index benefit_target_state on benefit_target (municipality_code, programme_id, state, eligible);
comment on table benefit_target is '支給対象者: one taxpayer''s decision under one programme, with the rule version it was computed with and the ledger state it has reached; recomputed only while still targeted';
comment on column benefit_target.municipality_code is '全国地方公共団体コード of the municipality paying the benefit';
comment on column benefit_target.programme_id is 'the benefit programme, e.g. adjustment-2024';
comment on column benefit_target.resident_number is '住記個人番号 of the taxpayer (benefit_taxpayer)';
comment on column benefit_target.rule_version is 'the version of the programme''s rules this decision was computed with (e.g. adjustment-2024.1); every notice repeats it';
comment on column benefit_target.state is 'ledger state: targeted (computed), notified (letter sent), replied, decided (支給決定 / 却下), paid; only targeted rows are recomputed';
comment on column benefit_target.eligible is 'true when the rule pays something';
comment on column benefit_target.amount is 'personal data: the benefit in yen, 0 when not eligible';
comment on column benefit_target.count_income_tax is 'persons counted for the income tax part (taxpayer, domestic 同一生計配偶者, domestic dependants)';
comment on column benefit_target.count_resident_tax is 'persons counted for the resident tax part (taxpayer, domestic 控除対象配偶者, domestic dependants)';
comment on column benefit_target.income_tax_shortfall is 'personal data: 所得税分控除不足額 in yen, max(0, 30,000 × count − 推計所得税額)';
comment on column benefit_target.resident_tax_shortfall is 'personal data: 住民税分控除不足額 in yen, max(0, 10,000 × count − 所得割額)';
comment on column benefit_target.exclusion_code is 'why nothing is paid (income_over_cap, no_shortfall, ...; the words are in the code''s table); null when eligible';
comment on column benefit_target.explanation is 'personal data: how the amount was reached, {ja: [lines], en: [lines]}, as the letter prints it';
comment on column benefit_target.computed_at is 'when the decision was computed';
comment on column benefit_target.state_changed_at is 'when the row reached its state';
