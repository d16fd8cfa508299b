-- 所得・課税証明書 (issue 6): what certificates are made from. The tax system's file (tax-records.csv, src/demo/file-tax.ts
-- lists its columns) is imported by `madoguchi certificates import-tax` or the console: one row per person and fiscal
-- year. Each person's registry facts (current name and address, 住民状態, 支援措置, 外字) go to certificate_resident, taken
-- from the person's newest year in the file; the year's figures go to certificate_tax_record. The kiosk channel finds
-- the person through certificate_serial, the mapping of 利用者証明用電子証明書 serial numbers the registry side exports
-- (`madoguchi certificates import-serials`).
--
-- Numbers (住記個人番号, 宛名番号) are kept as the core systems write them: ASCII digits, leading zeros kept.
--
-- Production grants (roles are not created here: PGlite and the tests have none):
--
--   grant select, insert, update, delete on certificate_resident, certificate_tax_record, certificate_serial to madoguchi_app;

create table certificate_resident (
  municipality_code text not null references municipality,
  resident_number text not null check (resident_number ~ '^[0-9]{1,15}$'),
  addressee_number text not null check (addressee_number ~ '^[0-9]{1,15}$'),
  name text not null check (length(name) between 1 and 100),
  name_kana text not null check (length(name_kana) between 1 and 100),
  name_kana_key text not null check (length(name_kana_key) between 1 and 100),
  birth_date date not null,
  sex text not null check (sex in ('男', '女')),
  postal_code text not null check (postal_code ~ '^[0-9]{3}-[0-9]{4}$'),
  address text not null check (length(address) between 1 and 200),
  building text not null default '' check (length(building) <= 200),
  status text not null check (status in ('住民', '転出', '死亡')),
  status_date date,
  resident_since date not null,
  support_measure boolean not null,
  gaiji boolean not null,
  source_fiscal_year integer not null check (source_fiscal_year between 2000 and 2100),
  imported_at timestamptz not null default now(),
  primary key (municipality_code, resident_number),
  check (status = '住民' or status_date is not null)
);
create index certificate_resident_addressee on certificate_resident (municipality_code, addressee_number);
create index certificate_resident_kana_birth on certificate_resident (municipality_code, name_kana_key, birth_date);
comment on table certificate_resident is '証明書の対象者: one person the tax system has a record for, with the registry facts a certificate prints or is refused on; personal data, replaced by each tax import from the person''s newest fiscal year in the file';
comment on column certificate_resident.municipality_code is '全国地方公共団体コード of the municipality issuing the certificates';
comment on column certificate_resident.resident_number is '住記個人番号: the resident registry''s number for the person (not the 個人番号); the key the counter and the serial mapping use';
comment on column certificate_resident.addressee_number is '宛名番号: the tax system''s number for the person, which the counter may search by';
comment on column certificate_resident.name is 'personal data: 氏名 as the certificate prints it (current)';
comment on column certificate_resident.name_kana is 'personal data: 氏名カナ as the file gives it';
comment on column certificate_resident.name_kana_key is 'personal data: 氏名カナ normalised for the counter''s search (normalizeKanaStrict: width, script, spaces folded)';
comment on column certificate_resident.birth_date is 'personal data: 生年月日';
comment on column certificate_resident.sex is 'personal data: 性別 (男 or 女) as the certificate prints it';
comment on column certificate_resident.postal_code is 'personal data: 郵便番号 of the current (or last) address in the city, 123-4567';
comment on column certificate_resident.address is 'personal data: current (or last) address in the city';
comment on column certificate_resident.building is 'personal data: 方書 (building and room) of that address; empty when none';
comment on column certificate_resident.status is '住民状態: 住民 (resident), 転出 (moved out), 死亡 (deceased); certificates are refused after 転出 and 死亡';
comment on column certificate_resident.status_date is '異動日: the day of moving out or death; null for a resident when the file gives none';
comment on column certificate_resident.resident_since is '住民となった日: the day the person became a resident; certificates are refused on that day';
comment on column certificate_resident.support_measure is 'personal data (sensitive): 支援措置 (DV / stalking support measures) applies; refused online and at kiosks';
comment on column certificate_resident.gaiji is '外字: the name or address holds a character the certificate cannot print; refused online and at kiosks';
comment on column certificate_resident.source_fiscal_year is 'the fiscal year of the row these facts came from; an import of older years only does not overwrite newer facts';
comment on column certificate_resident.imported_at is 'when these facts were last written by an import';

-- The figures as two jsonb documents in the shapes of TaxFigures and TaxAmounts (src/modules/certificates/domain/
-- tax-record.ts): the certificate reads all of them together and nothing queries one alone, so columns would only
-- spell the type out twice. The import checks every amount is integer yen before it is written.
create table certificate_tax_record (
  municipality_code text not null,
  resident_number text not null,
  fiscal_year integer not null check (fiscal_year between 2000 and 2100),
  jan1_address text not null check (length(jan1_address) between 1 and 200),
  jan1_building text not null default '' check (length(jan1_building) <= 200),
  filing text not null check (filing in ('確定申告', '住民税申告', '給与支払報告', '年金支払報告', '被扶養者', '未申告')),
  tax_status text check (tax_status in ('課税', '均等割のみ', '非課税')),
  figures jsonb check (figures is null or jsonb_typeof(figures) = 'object'),
  amounts jsonb not null check (jsonb_typeof(amounts) = 'object'),
  imported_at timestamptz not null default now(),
  primary key (municipality_code, resident_number, fiscal_year),
  foreign key (municipality_code, resident_number) references certificate_resident on delete cascade,
  check ((filing = '未申告') = (tax_status is null)),
  check ((filing in ('被扶養者', '未申告')) = (figures is null))
);
create index certificate_tax_record_year on certificate_tax_record (municipality_code, fiscal_year);
comment on table certificate_tax_record is '課税情報: one person''s 個人住民税 record for one fiscal year, everything a 課税・非課税・所得証明書 prints; personal data, replaced year by year by the tax import';
comment on column certificate_tax_record.municipality_code is '全国地方公共団体コード of the municipality issuing the certificates';
comment on column certificate_tax_record.resident_number is '住記個人番号 of the person (certificate_resident)';
comment on column certificate_tax_record.fiscal_year is '課税年度, e.g. 2026 = 令和8年度 (income of 2025)';
comment on column certificate_tax_record.jan1_address is 'personal data: the address on 1 January of the fiscal year (賦課期日), printed on the certificate';
comment on column certificate_tax_record.jan1_building is 'personal data: 方書 of that address; empty when none';
comment on column certificate_tax_record.filing is '申告区分: 確定申告, 住民税申告, 給与支払報告, 年金支払報告, 被扶養者 (no figures of its own: * on paper), 未申告 (nothing to certify)';
comment on column certificate_tax_record.tax_status is '課税区分: 課税 (所得割 due), 均等割のみ, 非課税; null for 未申告';
comment on column certificate_tax_record.figures is 'personal data: income by kind, 所得控除 and dependants in the TaxFigures shape (integer yen, counts); null for 被扶養者 and 未申告';
comment on column certificate_tax_record.amounts is 'personal data: 課税標準額, 調整控除, 所得割, 定額減税, 均等割, 森林環境税 and 年税額 in the TaxAmounts shape (integer yen); all 0 for 被扶養者 and 未申告';
comment on column certificate_tax_record.imported_at is 'when the record was imported';

create table certificate_serial (
  municipality_code text not null references municipality,
  serial_number text not null check (serial_number ~ '^[0-9A-Z]{1,40}$'),
  resident_number text not null check (resident_number ~ '^[0-9]{1,15}$'),
  imported_at timestamptz not null default now(),
  primary key (municipality_code, serial_number)
);
create index certificate_serial_resident on certificate_serial (municipality_code, resident_number);
comment on table certificate_serial is '電子証明書シリアル番号の対応表: which person a kiosk''s 利用者証明用電子証明書 belongs to, as the registry side exports it; replaced whole by each import; a person may have no tax record';
comment on column certificate_serial.municipality_code is '全国地方公共団体コード of the municipality issuing the certificates';
comment on column certificate_serial.serial_number is 'personal data: serial number of the resident''s 利用者証明用電子証明書, 1–40 ASCII letters and digits, upper case (compared without case: it is a number in hexadecimal)';
comment on column certificate_serial.resident_number is '住記個人番号 of the card holder (no foreign key: the registry may know people the tax side has no record of)';
comment on column certificate_serial.imported_at is 'when the mapping was imported';
