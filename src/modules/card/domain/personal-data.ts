// 個人情報ファイル: the personal-data items the card reservations hold, declared as the applications' procedures declare
// theirs (category, purpose, legal basis, retention), so the privacy council's register and a breach-impact report
// can be built from them. A column commented "personal data" that is not declared here fails a test.

import { type PersonalDataItem, personalItem } from '../../../platform/register/personal-data.ts';

/** One item of the file: a column of the reservations or the waitlist. */
export type CardPersonalDataItem = PersonalDataItem<'card_reservation' | 'card_waitlist'>;

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
  encrypted: false,
} as const;

const item = personalItem<CardPersonalDataItem['table']>;

/** The items, in the order of seed 001 (1) 来庁予約データ, then the waitlist's. */
export const cardPersonalData: readonly CardPersonalDataItem[] = [
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
