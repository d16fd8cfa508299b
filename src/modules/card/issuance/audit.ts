// The issuance side's audit operations (処理コード). Subjects are card:<申請書ID>; details name steps, statuses, sites and
// counts, never a name, an address or a reason.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const cardIssuanceOperations = defineAuditOperations({
  /** カード情報の登録 (seed ⑨(イ)): a card application entered at 申請受付. */
  'card.issuance.register': { nameJa: 'カード情報の登録', category: 'change' },
  /** カード交付状況の更新 (seed ⑩): one card taken through a step (交付前設定, 交付, 保管場所の移動 …). */
  'card.issuance.step': { nameJa: 'カード交付状況の更新', category: 'change' },
  /** 一括更新: the cards of a filtered list taken through one step together. */
  'card.issuance.bulk_step': { nameJa: 'カード交付状況の一括更新', category: 'change' },
  /** カード到着 (seed ⑨(エ)): the delivery list scanned, one barcode or a whole list. */
  'card.issuance.arrival': { nameJa: 'カード到着の登録（交付一覧の読取）', category: 'change' },
});
