// 保存期間: a card record (マイナンバーカード交付管理データ) is kept 15 years after its application was received
// (cardIssuanceFile's retention, as the application form is kept); then governance's retention scheduler proposes it
// and, once a person approved the batch, deletes it with everything that hangs on it: its history (履歴), the clerks'
// comments (データ処理履歴), its shipments (発送管理) and the pickup bookings' links to it (on delete cascade).
//
// A record that still has a document image is not due, whatever its date. The images are kept by their category's own
// years (card/images, from the end of the fiscal year, and a municipality may lengthen them), so an application form
// filed in the year the application came outlives its record by up to a year, and longer where the municipality chose
// longer. Deleting the record would cascade to those images before their 保存年限, without the approval of a batch of
// the images' own source and without their disposal records. So the record waits for its last image to be disposed of
// through card.images, then becomes due the next night (an image is also what makes its record worth keeping: it is
// filed under the applicant ID, and the record says what the card was). dispose checks again, in its transaction.
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { cardStatuses } from '../domain/card-status.ts';
import { cardIssuanceFile } from '../domain/personal-data.ts';
import { deleteCards, findDueCards } from './store.ts';

const years = cardIssuanceFile.retentionYears;
const applicantId = /^[0-9]{23}$/;

/** Card records whose application was received more than the file's retention years ago and that have no image left. */
export const cardRecordRetention: RetentionSource = {
  id: 'card.records',
  fileId: cardIssuanceFile.fileId,
  title: { ja: 'マイナンバーカード交付管理データ（履歴・コメント・発送管理を含む）', en: 'My Number card records (with their history, comments and shipments)' },
  rule: {
    ja: `申請受付日から${years}年（帳票イメージが残る間は、その消去まで保存）`,
    en: `${years} years after the application was received (kept while a document image of the card is kept, until it is disposed of)`,
  },
  method: { ja: 'カードの行と、その履歴・コメント・発送管理・予約との紐付けの行を削除', en: 'The card row deleted with its history, comments, shipments and pickup-booking links' },
  // card_record's children go by cascade; card_image is never reached (a card with an image is not due).
  tables: ['card_record', 'card_history', 'card_processing_comment', 'card_shipment', 'card_pickup_booking'],
  async findDue(tx, municipalityCode, asOf, limit) {
    const due = await findDueCards(tx, municipalityCode, years, asOf, limit);
    return due.map((c) => ({
      key: c.applicantId,
      personKey: c.applicantId,
      description: `カード交付管理 ${cardStatuses[c.status].ja}（申請受付日 ${c.receivedOn}）`,
      dueOn: c.dueOn,
    }));
  },
  dispose(tx, municipalityCode, keys) {
    return deleteCards(tx, municipalityCode, keys.filter((k) => applicantId.test(k)));
  },
};
