// 個人情報ファイル: 帳票イメージファイリング (seed 001 (7)), the scanned application and identity documents of card
// applications. The documents themselves carry the applicant's name, address, birth date and photograph, so the file
// is declared with the items its columns hold and says in its note what the images show.
import { type PersonalDataItem, personalItem } from '../../../platform/register/personal-data.ts';

export type CardImagePersonalDataItem = PersonalDataItem<'card_image'>;

/** What the register says about the filed document images. */
export const cardImageFile = {
  fileId: 'card_image',
  title: { ja: 'マイナンバーカード帳票イメージファイリングデータ', en: 'My Number card document images' },
  department: { ja: '市民課', en: 'Citizens Division' },
  purpose: {
    ja: 'マイナンバーカードの交付申請書、本人確認書類等を電子化して保存し、申請者からの問合せや交付事務の確認の際に参照するため（紙の書類は取込後に廃棄）',
    en: 'To keep the card application forms and identity documents as scanned images, looked up for enquiries and to check the issuing work (the paper is shredded once filed)',
  },
  legalBasis: {
    ja: '行政手続における特定の個人を識別するための番号の利用等に関する法律 第17条 及び 個人番号カードの交付等に関する事務処理要領',
    en: 'Act on the Use of Numbers to Identify a Specific Individual, Art. 17, and the national guidelines on issuing the card',
  },
  retentionYears: 15,
  retentionNote: {
    ja: '資料区分ごとに年度末から起算（交付申請書・交付通知書・委任状等 15年、本人確認書類・その他 5年。団体ごとに変更可）。期限後は承認を経てファイルと鍵を消去',
    en: 'Counted from the end of the fiscal year, by document category (application forms, notices and proxy documents 15 years; identity documents and others 5; each municipality may change them); after that, erased with its key once approved',
  },
  recipients: { ja: 'なし（委託事業者は交付事務の範囲で閲覧）', en: 'none (the counter contractor views them for its work only)' },
  source: { ja: '本人が提出した申請書類等をスキャナで電子化', en: 'The documents the person handed in, scanned' },
  users: { ja: '市民課の職員、交付窓口の委託事業者', en: 'Citizens Division staff, the issuing counter contractor' },
  persons: { table: 'card_image', key: ['applicant_id'], note: { ja: '申請書ID', en: 'applicant ID' } },
  encrypted: true,
} as const;

const item = personalItem<'card_image'>;

/** The items of 帳票イメージファイリング情報 that are personal data (the images themselves are files, not columns). */
export const cardImagePersonalData: readonly CardImagePersonalDataItem[] = [
  item('card_image', 'kanji_name', '漢字氏名', 'Name in kanji', 'basic4', true),
];
