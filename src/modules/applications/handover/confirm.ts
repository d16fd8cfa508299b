// 受領確認: the core system's receipt for a bundle. It is a small JSON file the core side writes after reading the
// bundle and checking every file against the manifest:
//
//   { "handoverId": "<the manifest's handoverId>", "manifestSha256": "<SHA-256 of manifest.json, hex>", "received": <applications read> }
//
// Uploading it on the hand-over's page checks all three against what the portal recorded, then sets confirmed_at/by
// and dispose_after = now + MADOGUCHI_HANDOVER_RETENTION_DAYS; from then on the disposal may delete the portal's copy.
import { type AuditActor, type AuditClient, audited, subjectId } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { handoverOperations as ops } from './audit.ts';
import { type Handover, lockHandover, markConfirmed } from './store.ts';

/** The receipt file's content. */
export interface HandoverReceipt {
  handoverId: string;
  manifestSha256: string;
  received: number;
}

const refuse = (ja: string, en: string) => new AppError('handover_receipt_invalid', { ja, en });

/** The receipt in the file's bytes, or handover_receipt_invalid saying what is wrong with it. */
export function parseReceipt(bytes: Uint8Array): HandoverReceipt {
  if (bytes.length === 0 || bytes.length > 4096) throw refuse('JSON ファイル（4 KB まで）を選んでください。', 'choose a JSON file (at most 4 KB).');
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw refuse('JSON として読めません。', 'it is not valid JSON.');
  }
  const r = data as Partial<Record<keyof HandoverReceipt, unknown>> | null;
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw refuse('JSON オブジェクトではありません。', 'it is not a JSON object.');
  if (typeof r.handoverId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(r.handoverId)) {
    throw refuse('handoverId がありません（引渡しID）。', 'handoverId is missing or not an id.');
  }
  if (typeof r.manifestSha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(r.manifestSha256)) {
    throw refuse('manifestSha256 がありません（16進64桁）。', 'manifestSha256 is missing or not 64 hex digits.');
  }
  if (typeof r.received !== 'number' || !Number.isInteger(r.received) || r.received < 0) {
    throw refuse('received がありません（受領件数）。', 'received is missing or not a count.');
  }
  return { handoverId: r.handoverId.toLowerCase(), manifestSha256: r.manifestSha256.toLowerCase(), received: r.received };
}

/** Why the receipt does not fit the hand-over, or undefined when it does. */
export function receiptMismatch(h: Handover, r: HandoverReceipt): AppError | undefined {
  if (r.handoverId !== h.handoverId) return refuse(`別の引渡し（${r.handoverId}）の受領ファイルです。`, `it is the receipt of another hand-over (${r.handoverId}).`);
  if (r.manifestSha256 !== h.manifestSha256) return refuse('マニフェストのハッシュ値が一致しません。出力したデータと異なるものを受け取った可能性があります。', 'the manifest hash differs: the core side may have received something other than what was exported.');
  if (r.received !== h.applicationCount) return refuse(`受領件数 ${r.received} 件が出力件数 ${h.applicationCount} 件と一致しません。`, `${r.received} received, but ${h.applicationCount} were exported.`);
  return undefined;
}

export interface ConfirmRequest {
  municipalityCode: string;
  handoverId: string;
  receipt: HandoverReceipt;
  loginId: string;
  actor: AuditActor;
  client?: AuditClient;
  retentionDays: number;
  now?: Date;
}

/** Checks the receipt against the hand-over and confirms it, audited (a refusal is logged as a failure). */
export async function confirmHandover(db: Db, c: ConfirmRequest): Promise<Handover> {
  const now = c.now ?? new Date();
  const disposeAfter = new Date(now.getTime() + c.retentionDays * 86_400_000);
  return audited(db, {
    municipalityCode: c.municipalityCode, operation: ops['applications.handover.confirm'], actor: c.actor, ...(c.client ? { client: c.client } : {}),
    subjects: [subjectId('handover', c.handoverId)],
    detail: `受領確認: 受領件数 ${c.receipt.received}, 消去予定 ${disposeAfter.toISOString()}`,
  }, async (tx) => {
    const h = await lockHandover(tx, c.municipalityCode, c.handoverId);
    if (!h) throw new AppError('handover_not_found');
    if (h.confirmedAt) throw new AppError('handover_already_confirmed');
    const wrong = receiptMismatch(h, c.receipt);
    if (wrong) throw wrong;
    await markConfirmed(tx, c.municipalityCode, c.handoverId, c.loginId, now, disposeAfter);
    return { ...h, confirmedAt: now, confirmedBy: c.loginId, disposeAfter };
  });
}
