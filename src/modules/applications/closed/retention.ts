// 保存期間: an application closed in the portal — completed there (a procedure whose certificate the certificates
// module issued, say) or rejected — is never handed over to a core system, so the hand-over's source never reaches
// it. It is kept for its procedure's retention years (ProcedureDefinition.retention: "after it is completed or handed
// over") from the day it was closed, then the retention scheduler proposes it and, once a person approved the batch,
// deletes it with its attachments (their files queued for deletion by the trigger) and its history. An application
// completed while waiting for a hand-over that has not come by then is proposed too: the approver sees it in the batch.
import { type RetentionSource, uuidKeys } from '../../../platform/register/retention.ts';
import { applicationFile, applicationTables } from '../domain/personal-data.ts';
import { applicationStates } from '../domain/state.ts';
import { deleteClosedApplications, findDueClosedApplications } from './store.ts';

/** Completed or rejected applications never handed over, past their procedure's retention. */
export const closedApplicationRetention: RetentionSource = {
  id: 'applications.closed',
  fileId: applicationFile.fileId,
  title: { ja: '引渡しなしで完了・却下した電子申請', en: 'Online applications completed or rejected without a hand-over' },
  rule: { ja: '完了・却下から手続きごとの保存年数', en: 'each procedure’s retention years after completion or rejection' },
  method: { ja: '申請・添付ファイル・履歴の行を削除（添付ファイルの実体は削除待ちに登録）', en: 'rows of the application, its attachments and history deleted (the attachment files queued for deletion)' },
  tables: applicationTables,
  async findDue(tx, municipalityCode, asOf, limit) {
    const due = await findDueClosedApplications(tx, municipalityCode, asOf, limit);
    return due.map((a) => ({
      key: a.applicationId,
      personKey: a.applicationId,
      description: `電子申請 受付番号 ${a.receiptNumber}（${applicationStates[a.state].ja} ${a.closedOn}）`,
      dueOn: a.dueOn,
    }));
  },
  dispose(tx, municipalityCode, keys) {
    return deleteClosedApplications(tx, municipalityCode, uuidKeys(keys));
  },
};
