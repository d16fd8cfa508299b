// 個人情報ファイル: what governance itself keeps about residents — the disposal records (whose record was disposed
// of, by the file's person key, so a disclosure request can be answered with it) and the disclosure, correction and
// suspension requests — declared like every module's files, so the register lists them too.
import { type PersonalDataFile, type PersonalDataItem, personalItem } from '../../platform/register/personal-data.ts';

/** One item of governance's files. */
export type GovernancePersonalDataItem = PersonalDataItem<'governance_retention_item' | 'governance_disclosure_request'>;

const item = personalItem<GovernancePersonalDataItem['table']>;

const privacyDivision = { ja: '総務課（個人情報保護担当）', en: 'General Affairs Division (privacy office)' } as const;
const privacyAct = {
  ja: '個人情報の保護に関する法律 第61条・第66条（保有の制限・安全管理措置）、第76条・第90条・第98条（開示・訂正・利用停止請求）',
  en: 'Act on the Protection of Personal Information, Arts. 61 and 66 (holding, safeguards), 76, 90 and 98 (disclosure, correction, suspension)',
} as const;

/** 消去記録: the records disposed of after their retention, with whose they were. */
export const disposalRecordFile = {
  fileId: 'governance_disposal',
  title: { ja: '保存期間満了データの消去記録', en: 'Records of disposal after retention' },
  department: privacyDivision,
  purpose: {
    ja: '保存期間の満了した個人情報を承認を得て消去したことを記録し、消去証明書を作成し、開示請求に消去済みの記録を含めて答えるため',
    en: 'To record that personal data past its retention was disposed of with approval, to issue disposal certificates, and to answer disclosure requests including what was disposed of',
  },
  legalBasis: privacyAct,
  source: { ja: '各モジュールの保存期間満了データ（記録のキーと本人のキー）', en: 'Each module\'s records past retention (the record\'s key and the person\'s key)' },
  users: { ja: '個人情報保護担当の職員、消去の承認者', en: 'Privacy office staff and disposal approvers' },
  retentionYears: 5,
  retentionNote: { ja: '消去から5年', en: 'five years after the disposal' },
  recipients: { ja: 'なし', en: 'none' },
  encrypted: false,
  persons: { table: 'governance_retention_item', key: ['person_key'], note: { ja: '各ファイルの本人のキー', en: 'each file\'s person key' } },
} as const satisfies PersonalDataFile;

/** 開示等の請求: the requests and how the resident was looked for. */
export const disclosureRequestFile = {
  fileId: 'governance_disclosure',
  title: { ja: '開示・訂正・利用停止請求データ', en: 'Disclosure, correction and suspension requests' },
  department: privacyDivision,
  purpose: {
    ja: '保有個人情報の開示・訂正・利用停止の請求を受け付け、本人の情報を検索し、決定を記録するため',
    en: 'To take requests for disclosure, correction or suspension of use, look for the resident\'s data and record the decision',
  },
  legalBasis: privacyAct,
  source: { ja: '本人（請求書・窓口での本人確認）', en: 'The person (the request form, identity checked at the counter)' },
  users: { ja: '個人情報保護担当の職員', en: 'Privacy office staff' },
  retentionYears: 5,
  retentionNote: { ja: '決定から5年', en: 'five years after the decision' },
  recipients: { ja: 'なし', en: 'none' },
  encrypted: false,
  persons: { table: 'governance_disclosure_request', key: ['request_id'], note: { ja: '請求（1件を1人と数える）', en: 'request (one counted as one person)' } },
} as const satisfies PersonalDataFile;

/** The disposal records' item. */
export const disposalRecordPersonalData: readonly GovernancePersonalDataItem[] = [
  item('governance_retention_item', 'person_key', '本人のキー（消去した記録の）', 'Person key of the disposed record', 'other', true),
];

/** The requests' items. */
export const disclosureRequestPersonalData: readonly GovernancePersonalDataItem[] = [
  item('governance_disclosure_request', 'search_key', '本人のキー（検索に用いたもの）', 'Person key searched by', 'other', false),
  item('governance_disclosure_request', 'search_kana', '氏名カナ', 'Name in kana', 'basic4', false),
  item('governance_disclosure_request', 'search_birth_date', '生年月日', 'Date of birth', 'basic4', false),
  item('governance_disclosure_request', 'request_note', '請求の内容', 'What is requested', 'other', false),
  item('governance_disclosure_request', 'outcome_note', '決定の理由', 'Reasons of the decision', 'other', false),
];
