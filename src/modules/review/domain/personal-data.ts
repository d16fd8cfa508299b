// 個人情報ファイル: the review assist's extract (審査用データ, seed 000 ①) as a file of the 個人情報ファイル簿. It holds no
// name, birth date or postal code in clear, only keyed blind indexes of them, yet the council counts them as the
// personal items they stand for. Their comments name them without starting "personal data", so the register's
// completeness test checks only that these columns exist.
import { type PersonalDataFile, type PersonalDataItem, personalItem } from '../../../platform/register/personal-data.ts';
import type { OtherDisposal } from '../../../platform/register/retention.ts';

/** What the register says about the review extract. */
export const reviewExtractFile = {
  fileId: 'review_extract',
  title: { ja: '審査アシスト用データ（住民・課税年度）', en: 'Review assist extract (residents and tax years)' },
  department: { ja: '市民課・市民税課', en: 'Citizens Division and Municipal Tax Division' },
  purpose: {
    ja: 'オンライン申請の申請者が本市の住民であるか、及び申請年度の課税情報があるかを一件ずつ照合し、審査を補助するため',
    en: 'To check one applicant at a time against the residents and the tax years, to help the review of online applications',
  },
  legalBasis: { ja: '個人情報保護法第69条及び個人情報保護審議会の答申（目的外利用・オンライン結合）', en: 'Act on the Protection of Personal Information Art. 69, and the privacy council\'s opinion on the use and online link of the extract' },
  source: { ja: '住民記録システム・税務システムからの抽出ファイル（ブラインドインデックスに変換して取込）', en: 'Extracts from the resident-registry and tax systems, turned into blind indexes on import' },
  users: { ja: 'ポータルの審査サーバ（一件照合のみ）、取込を行う職員', en: 'The portal\'s review server (one match at a time), and the staff who import it' },
  retentionYears: 0,
  retentionNote: { ja: '次の取込で置き換え（旧世代は消去）', en: 'replaced by the next import (the old generation is deleted)' },
  recipients: { ja: 'なし（照合結果の判定コードのみを返す）', en: 'none (only verdict codes are returned)' },
  encrypted: true,
  persons: { table: 'review_reading', key: ['generation', 'resident_id'], note: { ja: '世代と内部番号の組（旧世代の消去前は重複あり）', en: 'generation and internal number (counted twice until the old generation is deleted)' } },
} as const satisfies PersonalDataFile;

/** How the extract goes: not through the retention scheduler, but generation by generation on each import. */
export const reviewExtractDisposal: OtherDisposal = {
  fileId: reviewExtractFile.fileId,
  tables: ['review_reading'],
  rule: reviewExtractFile.retentionNote,
  mechanism: {
    ja: '取込のたびに新しい世代を現行とし、旧世代（途中で止まった取込の世代を含む）を削除',
    en: 'Each import makes its new generation current and deletes the old ones (a generation an interrupted import left included)',
  },
  where: 'src/modules/review/import.ts (deleteStaleGenerations)',
};

const item = personalItem<'review_reading'>;

/** The extract's items, each stored only as a blind index (or, for the years, as years). */
export const reviewPersonalData: readonly PersonalDataItem<'review_reading'>[] = [
  item('review_reading', 'strict_key', '氏名カナ＋生年月日（ブラインドインデックス）', 'Name in kana and birth date (blind index)', 'basic4'),
  item('review_reading', 'loose_key', '氏名カナ＋生年月日（ゆるい照合用ブラインドインデックス）', 'Name in kana and birth date (loose blind index)', 'basic4'),
  item('review_reading', 'postal_key', '郵便番号（ブラインドインデックス）', 'Postal code (blind index)', 'basic4', false),
  item('review_reading', 'tax_years', '課税情報のある年度', 'Fiscal years with a tax record', 'tax'),
];
