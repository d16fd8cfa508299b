// 個人情報ファイル: the online applications as a file of the 個人情報ファイル簿 — the form values, the attachments and the
// clerks' comments — declared like every module's files. Which procedure collects which form item, of which category,
// is the procedures' own register (/console/applications/register); this file says where the values are kept.
import { type PersonalDataFile, type PersonalDataItem, personalItem } from '../../../platform/register/personal-data.ts';

/** One item of the file: a column of the applications, their attachments or their history. */
export type ApplicationPersonalDataItem = PersonalDataItem<'application' | 'application_attachment' | 'application_history'>;

/** What the register says about the applications file (電子申請データ). */
export const applicationFile = {
  fileId: 'application',
  title: { ja: '電子申請データ', en: 'Online applications' },
  department: { ja: '各手続きの担当課（手続き定義による）', en: 'The division of each procedure (as its definition says)' },
  purpose: {
    ja: 'オンラインで受け付けた申請・届出を審査し、基幹システムへ引き渡し、申請者へ結果を連絡するため（手続きごとの目的は個人情報項目一覧）',
    en: 'To review the applications received online, hand them over to the core systems and tell the applicants the outcome (each procedure\'s purpose is in its register)',
  },
  legalBasis: {
    ja: '情報通信技術を活用した行政の推進等に関する法律 第6条、及び各手続きの根拠法令',
    en: 'Act on Promoting Administration Using ICT, Art. 6, and the law of each procedure',
  },
  source: { ja: '本人（申請フォーム）、及びぴったりサービスからの申請データの取込', en: 'The person (online form), and bundles imported from ぴったりサービス' },
  users: { ja: '各手続きの担当課の職員（個人番号・要配慮個人情報は事務取扱担当者のみ）', en: 'Staff of each procedure\'s division (individual numbers and sensitive items: designated handlers only)' },
  retentionYears: 5,
  retentionNote: {
    ja: '手続きごとに定める期間（1〜5年）。基幹システムへの引渡しと受領確認の後に消去',
    en: 'as each procedure sets it (one to five years); deleted once the core system confirms the hand-over',
  },
  recipients: { ja: '基幹システム（引渡し）。決済代行事業者へは金額と受付番号のみ', en: 'The core systems (hand-over). The payment agent receives only the amount and the receipt number' },
  encrypted: true,
  persons: { table: 'application', key: ['application_id'], note: { ja: '申請（1件を1人と数える）', en: 'application (one counted as one person)' } },
} as const satisfies PersonalDataFile;

const item = personalItem<ApplicationPersonalDataItem['table']>;

/** The file's items; a column holding several categories is declared once per category. */
export const applicationPersonalData: readonly ApplicationPersonalDataItem[] = [
  item('application', 'field_values', '申請フォームの入力値（基本4情報）', 'Form values (basic four)', 'basic4'),
  item('application', 'field_values', '申請フォームの入力値（連絡先）', 'Form values (contact details)', 'contact'),
  item('application', 'field_values', '申請フォームの入力値（口座・税・その他）', 'Form values (account, tax, other)', 'other', false),
  item('application', 'sensitive_values', '個人番号（暗号化）', 'Individual number (encrypted)', 'individual_number', false),
  item('application', 'sensitive_values', '要配慮個人情報の入力値（暗号化）', 'Sensitive form values (encrypted)', 'sensitive', false),
  item('application_attachment', 'content', '添付書類（本人確認書類等、暗号化）', 'Attachments such as identity documents (encrypted)', 'other', false),
  item('application_attachment', 'file_name', '添付書類のファイル名', 'Attachment file name', 'other', false),
  item('application_history', 'comment', '審査コメント・返戻理由', 'Review comments and reasons for return', 'other', false),
];

/** The tables deleting an application's row empties of it: its attachments and history go by cascade (migration 0015). */
export const applicationTables = ['application', 'application_attachment', 'application_history'] as const;
