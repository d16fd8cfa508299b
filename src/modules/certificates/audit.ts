// The certificates module's audit operations (処理コード). Subjects are internal ids: certificate:<number>,
// resident:<住記個人番号>, kiosk_client:<id>; never a name or an amount.
import { defineAuditOperations } from '../../platform/audit/index.ts';

export const certificateOperations = defineAuditOperations({
  /** 証明書の交付: a certificate was made and handed over (counter, online or kiosk); the PDF is not kept. */
  'certificates.issue': { nameJa: '税証明書の交付', category: 'export' },
  /** 交付の拒否: a request was refused for a reason code (moved out, support measure …). */
  'certificates.refuse': { nameJa: '税証明書の交付拒否', category: 'read' },
  /** 証明書の失効: a clerk revoked a certificate (e.g. after a tax correction); /verify says so from then on. */
  'certificates.revoke': { nameJa: '税証明書の失効', category: 'change' },
  /** 窓口での対象者検索: a clerk looked a person up to issue to them. */
  'certificates.counter.search': { nameJa: '証明書交付の対象者検索', category: 'read' },
  /** 署名鍵の更新: the signing key was retired and a new one made. */
  'certificates.key.rotate': { nameJa: '証明書署名鍵の更新', category: 'admin' },
  /** コンビニ交付接続先の登録. */
  'certificates.kiosk.client.register': { nameJa: 'コンビニ交付接続先の登録', category: 'admin' },
  /** 交付件数の取りまとめの出力. */
  'certificates.report.export': { nameJa: '証明書交付件数の出力', category: 'export' },
});
