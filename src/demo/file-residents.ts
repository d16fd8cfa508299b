// The resident-registry side files: the full master (residents.csv), the review-assist extract (review-residents.csv,
// issue 4's exact columns) and the linkage file of seed 002 ① (linkage.csv).
//
// residents.csv, one row per person (current residents, and those who moved out or died in the last year):
//   住記個人番号      registry number, 10 digits with a modulus-11 check digit
//   宛名番号          the tax system's number, 10 digits
//   統合宛名番号      団体内統合宛名番号, 15 digits (municipality code + 9)
//   個人番号          synthetic My Number: 12 digits, valid check digit, always starting "99"
//   世帯番号          household number, 10 digits
//   続柄              世帯主, 妻, 夫, 子, 父, 母, 同居人
//   氏名              kanji/kana with a full-width space; foreigners without kanji: the alphabet name
//   氏名カナ          katakana reading, full-width space between family and given name
//   氏名英字          alphabet name as on the residence card (foreign residents), family name first
//   通称名 / 通称名カナ  alias registered by a foreign resident (kanji/kana only)
//   AL氏名カナ        registered katakana rendering of the alphabet name (may spell ヴ as バ行)
//   性別              男 / 女
//   生年月日          YYYY-MM-DD
//   国籍・地域 / 在留資格  foreign residents only
//   郵便番号          599-99xx, one per 町 (fictional)
//   住所 / 方書       '大阪府見本市桜町二丁目3番4号' / building and room
//   電話番号          mobile (090/080/070) or 06 landline, may be empty
//   住民となった日    YYYY-MM-DD (the birth date for those born here)
//   前住所地コード    5-digit municipality code of the previous address, empty when born here or from abroad
//   住民状態 / 異動日  住民, 転出 or 死亡, and the day of moving out or death
//   支援措置          1 when DV/stalking support measures apply, else 0
//   外字              1 when the name holds a character kept as 外字 (髙, 﨑, 𠮷), else 0

import { csvField, EOL } from './csv.ts';
import { isoDate } from './days.ts';
import type { Person } from './model.ts';
import { kanaName, nameHasGaiji, sexLabel, writtenName, type PersonNumbers } from './person-fields.ts';

/** Columns of residents.csv. */
export const residentsHeader = [
  '住記個人番号', '宛名番号', '統合宛名番号', '個人番号', '世帯番号', '続柄', '氏名', '氏名カナ', '氏名英字', '通称名', '通称名カナ',
  'AL氏名カナ', '性別', '生年月日', '国籍・地域', '在留資格', '郵便番号', '住所', '方書', '電話番号', '住民となった日',
  '前住所地コード', '住民状態', '異動日', '支援措置', '外字',
] as const;

/** One row of residents.csv. */
export function residentRow(p: Person, n: PersonNumbers): string {
  const a = p.household.address;
  return (
    `${n.resident},${n.addressee},${n.integrated},${n.myNumber},${n.household},${p.relation},${csvField(writtenName(p))},` +
    `${csvField(kanaName(p))},${csvField(p.foreign?.alphabet ?? '')},${csvField(p.alias?.written ?? '')},` +
    `${csvField(p.alias?.kana ?? '')},${csvField(p.foreign?.alKana ?? '')},${sexLabel(p)},${isoDate(p.birthDay)},` +
    `${p.foreign?.nationality ?? ''},${csvField(p.residenceStatus)},${a.town.postalCode},${csvField(a.full)},` +
    `${csvField(a.building)},${p.phone},${isoDate(p.residentSince)},${p.previousMunicipality},${p.status},` +
    `${p.statusDay === undefined ? '' : isoDate(p.statusDay)},${p.supportMeasure ? 1 : 0},${nameHasGaiji(p) ? 1 : 0}${EOL}`
  );
}

/** Columns of review-residents.csv: issue 4's resident extract, exactly. */
export const reviewResidentsHeader = ['住記個人番号', '氏名カナ', '生年月日', '郵便番号', '通称名カナ', 'AL氏名カナ'] as const;

/** One row of review-residents.csv; the deceased are left out (nobody may be matched as them). */
export function reviewResidentRow(p: Person, n: PersonNumbers): string {
  const alias = csvField(p.alias?.kana ?? '');
  return `${n.resident},${csvField(kanaName(p))},${isoDate(p.birthDay)},${p.household.address.town.postalCode},${alias},${csvField(p.foreign?.alKana ?? '')}${EOL}`;
}

/** Columns of linkage.csv: seed 002's ① 統合宛名番号・前住所地データ, names as the seed lists them. */
export const linkageHeader = ['住基個人番号', '統合宛名番号', '前住所地コード(前2桁)', '前住所地コード(後ろ3桁)', '住民となった日'] as const;

/** One row of linkage.csv. */
export function linkageRow(p: Person, n: PersonNumbers): string {
  const code = p.previousMunicipality;
  return `${n.resident},${n.integrated},${code.slice(0, 2)},${code.slice(2)},${isoDate(p.residentSince)}${EOL}`;
}
