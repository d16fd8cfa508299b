// 保存期間: the portal's copy of an application, once the core side confirmed its hand-over and the hand-over's
// retention (dispose_after) has passed, as a source of governance's one retention scheduler. The scheduler proposes
// the due applications and, once a person approved the batch, calls dispose: the applications go (attachments and
// history cascade) with a 消去記録 per hand-over, and the hand-over is closed when none of its applications is left.
import { randomUUID } from 'node:crypto';
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { applicationFile, applicationTables } from '../domain/personal-data.ts';
import { DISPOSAL_REASON } from './dispose.ts';
import { deleteDueApplications, dueHandedOverApplications, japanDayEnd, recordPartialDisposal } from './store.ts';

/** What the application_disposal record names as the disposer: the approval is the batch's, in governance. */
const DISPOSED_BY = 'retention';

const japanDate = (at: Date): string => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

/** Handed-over applications past their hand-over's retention. */
export const handedOverApplicationRetention: RetentionSource = {
  id: 'applications.handed_over',
  fileId: applicationFile.fileId,
  title: { ja: '引渡し済みの電子申請', en: 'Handed-over online applications' },
  rule: { ja: '基幹システムの受領確認から保存日数（既定14日）の経過後', en: 'the retention days (14 by default) after the core system confirmed receipt' },
  method: { ja: '申請・添付ファイル・履歴の行を削除（添付ファイルの実体は未参照ファイルの掃除で削除）', en: 'rows of the application, its attachments and history deleted (the attachment files by the sweep of unreferenced files)' },
  tables: applicationTables,
  async findDue(tx, municipalityCode, asOf, limit) {
    const due = await dueHandedOverApplications(tx, municipalityCode, japanDayEnd(asOf), limit);
    return due.map((a) => ({
      key: a.applicationId,
      personKey: a.applicationId,
      description: `電子申請 受付番号 ${a.receiptNumber}（引渡し ${a.handoverId.slice(0, 8)}）`,
      dueOn: japanDate(a.disposeAfter),
    }));
  },
  async dispose(tx, municipalityCode, keys) {
    const now = new Date();
    const deleted = await deleteDueApplications(tx, municipalityCode, keys, now);
    const byHandover = new Map<string, typeof deleted>();
    for (const d of deleted) byHandover.set(d.handoverId, [...(byHandover.get(d.handoverId) ?? []), d]);
    for (const [handoverId, apps] of byHandover) {
      await recordPartialDisposal(tx, {
        municipalityCode, disposalId: randomUUID(), handoverId, at: now, by: DISPOSED_BY, reason: `${DISPOSAL_REASON}（消去承認済み）`,
        receiptNumbers: apps.map((a) => a.receiptNumber).filter(Boolean).sort(),
      });
    }
    return deleted.map((d) => d.applicationId);
  },
};
