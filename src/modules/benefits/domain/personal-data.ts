// 個人情報ファイル: the personal-data items the benefits ledger holds (seed 002 別添1 and the tax figures the rule needs),
// declared with category, purpose, legal basis and retention like the other modules' files, so the privacy council's
// register and a breach-impact report can be built from them. A column commented "personal data" that is not declared
// here fails a test.

import { type PersonalDataItem, personalItem } from '../../../platform/register/personal-data.ts';

/** One item of the ledger file: a column of a benefit_ table. */
export type BenefitPersonalDataItem = PersonalDataItem<`benefit_${string}`>;

/** What the register says about every item of the file. */
export const benefitLedgerFile = {
  fileId: 'benefit_ledger',
  title: { ja: '定額減税調整給付金 給付台帳ファイル', en: 'Flat-rate tax reduction adjustment benefit ledger' },
  department: { ja: '福祉局くらし支援課', en: 'Livelihood Support Division' },
  purpose: {
    ja: '定額減税しきれないと見込まれる方を把握し、給付額を算定し、通知・支給決定・振込を行うため',
    en: 'To find the taxpayers whose flat-rate reduction falls short, compute their benefit, and notify, decide and pay it',
  },
  legalBasis: {
    ja: '公的給付の支給等の迅速かつ確実な実施のための預貯金口座の登録等に関する法律 第10条、番号法第19条第8号に基づく主務省令第2条の表160の項',
    en: 'Act on the Registration of Accounts for Public Benefits, Art. 10; My Number Act Art. 19(8) and the ministerial ordinance, table item 160',
  },
  retentionYears: 5,
  retentionNote: { ja: '給付事業の終了から5年', en: 'five years after the programme ends' },
  recipients: { ja: 'なし（振込は指定金融機関へ口座・金額のみ）', en: 'none (the bank receives only the account and the amount)' },
  source: {
    ja: '税務システムの課税情報・宛名システムの住民情報（抽出ファイル）、情報提供ネットワークシステムへの公金受取口座照会、本人からの申請・届出',
    en: 'Tax and resident extracts from the core systems, the public-fund account query through the information-provision network, and the person\'s own forms',
  },
  users: { ja: '福祉局くらし支援課の給付担当・会計担当の職員', en: 'The division\'s benefits clerks and payment officers' },
  persons: { table: 'benefit_taxpayer', key: ['resident_number'], note: { ja: '住記個人番号（宛名番号）', en: 'resident registry number' } },
  encrypted: false,
} as const;

const item = personalItem<BenefitPersonalDataItem['table']>;

/** The items: the taxpayers' file, the linkage file (seed 002 ①), then the decisions. */
export const benefitPersonalData: readonly BenefitPersonalDataItem[] = [
  item('benefit_taxpayer', 'integrated_number', '団体内統合宛名番号', 'Integrated addressee number', 'other'),
  item('benefit_taxpayer', 'name', '氏名', 'Name', 'basic4'),
  item('benefit_taxpayer', 'name_kana', '氏名カナ', 'Name in kana', 'basic4'),
  item('benefit_taxpayer', 'birth_date', '生年月日', 'Date of birth', 'basic4'),
  item('benefit_taxpayer', 'sex', '性別', 'Sex', 'basic4'),
  item('benefit_taxpayer', 'postal_code', '郵便番号', 'Postal code', 'basic4'),
  item('benefit_taxpayer', 'address', '住所', 'Address', 'basic4'),
  item('benefit_taxpayer', 'building', '方書', 'Building and room', 'basic4', false),
  item('benefit_taxpayer', 'total_income', '合計所得金額', 'Total income', 'tax'),
  item('benefit_taxpayer', 'estimated_income_tax', '推計所得税額', 'Estimated income tax', 'tax'),
  item('benefit_taxpayer', 'resident_income_levy', '所得割額', 'Resident tax income levy', 'tax'),
  item('benefit_taxpayer', 'spouse_class', '配偶者区分', 'Spouse class', 'tax', false),
  item('benefit_taxpayer', 'spouse_resident_number', '配偶者住記個人番号', 'Spouse registry number', 'tax', false),
  item('benefit_taxpayer', 'spouse_abroad', '配偶者国外居住', 'Spouse lives abroad', 'tax'),
  item('benefit_taxpayer', 'spouse_business_employee', '配偶者事業専従者', 'Spouse is a family employee', 'tax'),
  item('benefit_taxpayer', 'dependants_domestic', '扶養親族数（国内）', 'Dependants in Japan', 'tax'),
  item('benefit_taxpayer', 'dependants_abroad', '扶養親族数（国外）', 'Dependants abroad', 'tax'),
  item('benefit_taxpayer', 'family_employees', '事業専従者数', 'Family employees', 'tax'),
  item('benefit_taxpayer', 'relatives', '扶養親族等', 'Dependants and family employees', 'tax', false),
  item('benefit_linkage', 'integrated_number', '統合宛名番号', 'Integrated addressee number', 'other'),
  item('benefit_linkage', 'previous_municipality_code', '前住所地コード', 'Previous municipality code', 'other', false),
  item('benefit_linkage', 'resident_since', '住民となった日', 'Resident since', 'other'),
  item('benefit_target', 'amount', '支給額', 'Benefit amount', 'tax'),
  item('benefit_target', 'income_tax_shortfall', '所得税分控除不足額', 'Income tax shortfall', 'tax'),
  item('benefit_target', 'resident_tax_shortfall', '住民税分控除不足額', 'Resident tax shortfall', 'tax'),
  item('benefit_target', 'explanation', '算定の内訳', 'How the amount was computed', 'tax'),
  // letters, replies and decisions
  item('benefit_letter', 'amount', '通知した支給予定額', 'Amount the letter printed', 'tax'),
  item('benefit_decision', 'amount', '支給決定額', 'Amount decided', 'tax'),
  // accounts
  item('benefit_account', 'bank_code', '金融機関コード', 'Bank code', 'account'),
  item('benefit_account', 'branch_code', '支店コード', 'Branch code', 'account'),
  item('benefit_account', 'account_type', '預金種目', 'Account type', 'account'),
  item('benefit_account', 'account_number_ciphertext', '口座番号（暗号化）', 'Account number (encrypted)', 'account'),
  item('benefit_account', 'account_number_last3', '口座番号の下3桁', 'Last three digits of the account number', 'account'),
  item('benefit_account', 'holder_kana', '口座名義人（カナ）', 'Account holder (kana)', 'account'),
  item('benefit_account', 'bank_name', '金融機関名', 'Bank name', 'account'),
  item('benefit_account', 'branch_name', '支店名', 'Branch name', 'account'),
  item('benefit_account', 'bank_kana', '金融機関名（カナ）', 'Bank name (kana)', 'account'),
  item('benefit_account', 'branch_kana', '支店名（カナ）', 'Branch name (kana)', 'account'),
  item('benefit_account_lookup', 'status_name', '公金受取口座照会ステータス', 'Public-fund account query status', 'other'),
  item('benefit_account_lookup', 'unset_reason', '公金受取口座未設定事由', 'Why no public-fund account was given', 'other', false),
  // payments and receivables
  item('benefit_payment_item', 'amount', '振込金額', 'Amount transferred', 'tax'),
  item('benefit_payment_item', 'bank_code', '振込先金融機関コード', 'Payee bank code', 'account'),
  item('benefit_payment_item', 'branch_code', '振込先支店コード', 'Payee branch code', 'account'),
  item('benefit_payment_item', 'account_number_encrypted', '振込先口座番号（暗号化）', 'Payee account number (encrypted)', 'account'),
  item('benefit_payment_item', 'account_number_last3', '振込先口座番号の下3桁', 'Last three digits of the payee account', 'account'),
  item('benefit_payment_item', 'holder_kana', '受取人名（口座名義）', 'Payee (account holder)', 'account'),
  item('benefit_receivable', 'amount', '返還金額', 'Amount to be repaid', 'tax'),
  item('benefit_receivable', 'reason_note', '返還理由', 'Why it is to be repaid', 'other', false),
  item('benefit_receivable', 'collected_amount', '収納済額', 'Amount repaid so far', 'tax'),
  item('benefit_receivable_payment', 'amount', '納付額', 'Amount paid back', 'tax'),
];
