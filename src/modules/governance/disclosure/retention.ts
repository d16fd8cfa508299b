// 保存期間: a disclosure, correction or suspension request is kept 5 years after its decision (disclosureRequestFile's
// rule), so that a complaint or an appeal against the decision can be answered; then the retention scheduler proposes
// it and, once a person approved the batch, deletes it. A request not yet decided is never due.
import { type RetentionSource, uuidKeys } from '../../../platform/register/retention.ts';
import { disclosureRequestFile } from '../personal-data.ts';
import { requestKinds, requestOutcomes } from './domain/request.ts';
import { deleteDecidedRequests, findDueRequests } from './store.ts';

const years = disclosureRequestFile.retentionYears;
/** Requests decided more than the file's retention years ago. */
export const disclosureRequestRetention: RetentionSource = {
  id: 'governance.disclosure',
  fileId: disclosureRequestFile.fileId,
  title: { ja: '開示・訂正・利用停止請求', en: 'Disclosure, correction and suspension requests' },
  rule: { ja: `決定日から${years}年（未決定の請求は保存）`, en: `${years} years after the decision (a request not yet decided is kept)` },
  method: { ja: '請求の行を削除', en: 'the request row deleted' },
  tables: ['governance_disclosure_request'],
  async findDue(tx, municipalityCode, asOf, limit) {
    const due = await findDueRequests(tx, municipalityCode, years, asOf, limit);
    return due.map((r) => ({
      key: r.requestId,
      personKey: r.requestId,
      description: `${requestKinds[r.kind].ja} 受付 ${r.receivedOn}（${requestOutcomes[r.outcome].ja} ${r.decidedOn}）`,
      dueOn: r.dueOn,
    }));
  },
  dispose(tx, municipalityCode, keys) {
    return deleteDecidedRequests(tx, municipalityCode, uuidKeys(keys));
  },
};
