// 個人情報ファイル: the personal-data items the card module holds — the counter reservations, and the card records of
// the issuance half — declared as the applications' procedures declare theirs (category, purpose, legal basis,
// retention), so the privacy council's register and a breach-impact report can be built from them. A column commented
// "personal data" that is not declared here fails a test.

import { type PersonalDataItem, personalItem } from '../../../platform/register/personal-data.ts';

/** One item of a file: a column of the reservations, the waitlist, the card records or their comments. */
export type CardPersonalDataItem = PersonalDataItem<'card_reservation' | 'card_waitlist' | 'card_record' | 'card_processing_comment' | 'card_shipment'>;

/** What the register says about every item of the file (one purpose, basis and retention for the whole file). */
export const cardReservationFile = {
  fileId: 'card_reservation',
  title: { ja: 'マイナンバーカード来庁予約データ', en: 'My Number card counter reservations' },
  department: { ja: '市民課', en: 'Citizens Division' },
  purpose: {
    ja: 'マイナンバーカードの申請・交付窓口の予約受付、予約の確認・変更・取消の連絡、来庁の確認、キャンセル待ちの案内のため',
    en: 'To take bookings for the My Number card counters, to confirm, change or cancel them, to check arrivals and to offer freed places to the waitlist',
  },
  legalBasis: {
    ja: '行政手続における特定の個人を識別するための番号の利用等に関する法律 第16条の2 及び 個人番号カードの交付等に関する事務処理要領',
    en: 'Act on the Use of Numbers to Identify a Specific Individual, Art. 16-2, and the national guidelines on issuing the card',
  },
  retentionYears: 1,
  retentionNote: { ja: '来庁予定日から1年', en: 'one year after the day of the visit' },
  recipients: { ja: 'なし（委託事業者は窓口業務の範囲で閲覧）', en: 'none (the counter contractor views them for its work only)' },
  source: { ja: '本人（予約フォーム）及びコールセンターでの代行入力', en: 'The person (booking form) and the call centre booking for callers' },
  users: { ja: '市民課の職員、窓口・コールセンターの委託事業者', en: 'Citizens Division staff, the counter and call-centre contractors' },
  persons: { table: 'card_reservation', key: ['kana', 'phone'], note: { ja: '氏名カナと電話番号の組', en: 'name in kana and phone number' } },
  encrypted: false,
} as const;

const item = personalItem<CardPersonalDataItem['table']>;

/** The reservation file's items, in the order of seed 001 (1) 来庁予約データ, then the waitlist's. */
export const cardReservationPersonalData: readonly CardPersonalDataItem[] = [
  item('card_reservation', 'name', '氏名', 'Name', 'basic4', true),
  item('card_reservation', 'kana', '氏名カナ', 'Name in kana', 'basic4', true),
  item('card_reservation', 'gender', '性別', 'Gender', 'basic4', false),
  item('card_reservation', 'birth_date', '生年月日', 'Date of birth', 'basic4', false),
  item('card_reservation', 'postal_code', '郵便番号', 'Postal code', 'basic4', false),
  item('card_reservation', 'address', '住所', 'Address', 'basic4', true),
  item('card_reservation', 'building_room', 'マンション名・部屋番号等', 'Building and room', 'basic4', false),
  item('card_reservation', 'phone', '電話番号', 'Phone', 'contact', true),
  item('card_reservation', 'email', 'メールアドレス', 'Email', 'contact', false),
  item('card_reservation', 'request_note', '申請内容', 'What the visit is for', 'other', false),
  item('card_waitlist', 'name', '氏名（キャンセル待ち）', 'Name (waitlist)', 'basic4', true),
  item('card_waitlist', 'email', 'メールアドレス（キャンセル待ち）', 'Email (waitlist)', 'contact', true),
  item('card_waitlist', 'phone', '電話番号（キャンセル待ち）', 'Phone (waitlist)', 'contact', true),
];

/** What the register says about the card records (マイナンバーカードデータ, seed 001 (2)–(4)). */
export const cardIssuanceFile = {
  fileId: 'card_record',
  title: { ja: 'マイナンバーカード交付管理データ', en: 'My Number card issuance records' },
  department: { ja: '市民課', en: 'Citizens Division' },
  purpose: {
    ja: 'マイナンバーカードの申請受付から交付・回収・廃棄までの進捗管理、交付通知書の発送、交付時の本人確認、滞留カードの督促のため',
    en: 'To follow each My Number card from the application to its issue, recovery or disposal, to send the issue notice, to check identity at issue and to remind residents of uncollected cards',
  },
  legalBasis: {
    ja: '行政手続における特定の個人を識別するための番号の利用等に関する法律 第17条 及び 個人番号カードの交付等に関する事務処理要領',
    en: 'Act on the Use of Numbers to Identify a Specific Individual, Art. 17, and the national guidelines on issuing the card',
  },
  retentionYears: 15,
  retentionNote: { ja: '申請受付日から15年（交付申請書の保存期間に合わせる）', en: 'fifteen years after the application, as the application form is kept' },
  recipients: { ja: 'なし（委託事業者は交付事務の範囲で閲覧）', en: 'none (the counter contractor views them for its work only)' },
  source: { ja: '窓口・郵送等での交付申請の受付、及び地方公共団体情報システム機構（J-LIS）からのカード製造・発行情報', en: 'Applications taken at the counter or by post, and the card data J-LIS sends' },
  users: { ja: '市民課の職員、交付窓口の委託事業者', en: 'Citizens Division staff, the issuing counter contractor' },
  persons: { table: 'card_record', key: ['applicant_id'], note: { ja: '申請書ID', en: 'applicant ID' } },
  encrypted: false,
} as const;

/** The card records' items, in the order of seed 001 (2) マイナンバーカードデータ, then the comments' (4) and the shipments' (6). */
export const cardIssuancePersonalData: readonly CardPersonalDataItem[] = [
  item('card_record', 'name', '氏名', 'Name', 'basic4', true),
  item('card_record', 'name_kana', '氏名カナ', 'Name in kana', 'basic4', false),
  item('card_record', 'address', '住所', 'Address', 'basic4', true),
  item('card_record', 'birth_date', '生年月日', 'Date of birth', 'basic4', true),
  item('card_record', 'gender', '性別', 'Gender', 'basic4', true),
  item('card_record', 'manufacturing_number', '製造管理番号', 'Card manufacturing number', 'other', false),
  item('card_record', 'braille', '点字有無', 'Braille on the card', 'sensitive', true),
  item('card_record', 'user_cert_serial', '利用者証明用電子証明書シリアル', 'User certificate serial number', 'other', false),
  item('card_record', 'cancel_reason', '交付取りやめ事由', 'Reason the issue was cancelled', 'other', false),
  item('card_record', 'revocation_reason', '失効事由', 'Reason for revocation', 'other', false),
  item('card_record', 'recovery_reason', '回収事由', 'Reason for recovery', 'other', false),
  item('card_record', 'disposal_reason', 'カード廃棄事由', 'Reason for disposal', 'other', false),
  item('card_record', 'memo', 'メモ', 'Memo', 'other', false),
  item('card_processing_comment', 'comment', 'データ処理履歴のコメント', 'Processing comment', 'other', true),
  item('card_shipment', 'postal_code', '郵便番号（発送管理）', 'Postal code (shipment)', 'basic4', true),
  item('card_shipment', 'name', '氏名（発送管理）', 'Name (shipment)', 'basic4', true),
  item('card_shipment', 'address', '住所（発送管理）', 'Address (shipment)', 'basic4', true),
  item('card_shipment', 'tracking_number', '追跡番号', 'Tracking number', 'other', false),
  item('card_shipment', 'return_reason', '返戻事由', 'Reason for the return', 'other', false),
  item('card_shipment', 'memo', 'メモ（発送管理）', 'Memo (shipment)', 'other', false),
];

/** Every item the card module holds: what its schema test checks the commented columns against. */
export const cardPersonalData: readonly CardPersonalDataItem[] = [...cardReservationPersonalData, ...cardIssuancePersonalData];
