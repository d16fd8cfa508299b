// 個人情報ファイル: the residents and tax records the certificates module issues 所得・課税証明書 from (seed 004), and the
// kiosk's serial-number mapping, declared like every module's files so the privacy council's register is built from
// them. A column commented "personal data" that is not declared here fails governance's completeness test.
import { type PersonalDataFile, type PersonalDataItem, personalItem } from '../../../platform/register/personal-data.ts';
import type { OtherDisposal } from '../../../platform/register/retention.ts';

/** One item of the file: a column of the residents, their tax records or the certificate serials. */
export type CertificatePersonalDataItem = PersonalDataItem<'certificate_resident' | 'certificate_tax_record' | 'certificate_serial'>;

/** What the register says about the tax-certificate file (課税証明用データ). */
export const certificateTaxFile = {
  fileId: 'certificate_tax',
  title: { ja: '税証明書発行用 住民・課税データ', en: 'Residents and tax records for tax certificates' },
  department: { ja: '税務部 市民税課', en: 'Municipal Tax Division' },
  purpose: {
    ja: '所得・課税証明書を窓口・オンライン申請・コンビニ交付で発行するため、及び証明書の真正性の確認に応じるため',
    en: 'To issue income and tax certificates at the counter, for online applications and at kiosks, and to answer checks of a certificate\'s authenticity',
  },
  legalBasis: {
    ja: '地方税法第20条の10、住民基本台帳法、電子署名等に係る地方公共団体情報システム機構の認証業務に関する法律',
    en: 'Local Tax Act Art. 20-10, the Basic Resident Registration Act, and the Act on J-LIS certification services',
  },
  source: {
    ja: '税務システム・住民記録システムからの抽出ファイル（課税年度ごと）、及び地方公共団体情報システム機構からの利用者証明用電子証明書シリアル番号の対応表',
    en: 'Extracts from the tax and resident-registry systems (per fiscal year), and the serial-number table of the user certificates from J-LIS',
  },
  users: { ja: '市民税課・区役所の証明書交付担当の職員', en: 'Certificate clerks of the tax division and the ward offices' },
  retentionYears: 5,
  retentionNote: { ja: '課税年度の末日から5年（取込はその年度分を置き換え）', en: 'five years after the end of the fiscal year (an import replaces the years it holds)' },
  recipients: {
    ja: 'なし（コンビニ交付では証明書の内容を証明書交付センター経由で申請者本人に交付）',
    en: 'none (at kiosks the certificate goes to the applicant through the issuance centre)',
  },
  encrypted: false,
  persons: { table: 'certificate_resident', key: ['resident_number'], note: { ja: '住記個人番号（宛名番号）', en: 'resident registry number' } },
} as const satisfies PersonalDataFile;

const item = personalItem<CertificatePersonalDataItem['table']>;

/** The file's items: the residents, their tax records, then the kiosk serials. */
export const certificatePersonalData: readonly CertificatePersonalDataItem[] = [
  item('certificate_resident', 'name', '氏名', 'Name', 'basic4'),
  item('certificate_resident', 'name_kana', '氏名カナ', 'Name in kana', 'basic4'),
  item('certificate_resident', 'name_kana_key', '氏名カナ（検索用）', 'Name in kana (search key)', 'basic4'),
  item('certificate_resident', 'birth_date', '生年月日', 'Date of birth', 'basic4'),
  item('certificate_resident', 'sex', '性別', 'Sex', 'basic4'),
  item('certificate_resident', 'postal_code', '郵便番号', 'Postal code', 'basic4'),
  item('certificate_resident', 'address', '住所', 'Address', 'basic4'),
  item('certificate_resident', 'building', '方書', 'Building and room', 'basic4', false),
  item('certificate_resident', 'support_measure', '支援措置の有無', 'Under a DV or stalking support measure', 'sensitive'),
  item('certificate_tax_record', 'jan1_address', '賦課期日の住所', 'Address on 1 January', 'basic4'),
  item('certificate_tax_record', 'jan1_building', '賦課期日の方書', 'Building and room on 1 January', 'basic4', false),
  item('certificate_tax_record', 'figures', '所得・所得控除・扶養の内訳', 'Income, deductions and dependants', 'tax', false),
  item('certificate_tax_record', 'amounts', '課税標準額・税額', 'Taxable amounts and taxes', 'tax'),
  item('certificate_serial', 'serial_number', '利用者証明用電子証明書シリアル番号', 'User certificate serial number', 'other'),
];

/** The serial-number mapping is not kept by years: each import replaces it whole, so a holder the registry no longer sends goes. */
export const certificateSerialDisposal: OtherDisposal = {
  fileId: certificateTaxFile.fileId,
  tables: ['certificate_serial'],
  rule: { ja: '次の対応表の取込で置き換え', en: 'replaced by the next import of the mapping' },
  mechanism: {
    ja: '電子証明書シリアル番号の対応表の取込のたびに全件を削除して置き換え（住基側が送らなくなった人の行は消える）',
    en: 'Each import of the serial-number mapping deletes every row and writes the file\'s (a person the registry no longer sends is gone)',
  },
  where: 'src/modules/certificates/tax/serials.ts (importSerials)',
};
