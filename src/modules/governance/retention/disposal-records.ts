// 保存期間: the disposal records (消去記録) themselves are kept 5 years after the disposal (disposalRecordFile's rule):
// long enough to answer a disclosure request with what was disposed of, and to show an inspection each batch's
// records. Then this source proposes them and, once a person approved, deletes them.
//
// One due record is one disposed batch's disposal records, all of them: they were disposed of together, so their
// five years end together, and a key per batch names no one (a record's own key may be a person's, e.g. an applicant
// ID). Its person key is the batch too, for the same reason: were it the persons', the records of this disposal would
// themselves hold their keys, fall due five years on, and be recorded again, for ever. The batch row stays — source,
// file, counts, who proposed and approved, when — and holds no personal data, so a 消去証明書 can still be printed,
// without its list of records. This source's own batches are never proposed: their records name batches, not persons.
import { type RetentionSource, uuidKeys } from '../../../platform/register/retention.ts';
import { disposalRecordFile } from '../personal-data.ts';
import { deleteDisposalRecords, findDueDisposalBatches } from './store.ts';

const years = disposalRecordFile.retentionYears;
const sourceId = 'governance.disposal';
/** The disposal records of batches disposed of more than the file's retention years ago. */
export const disposalRecordRetention: RetentionSource = {
  id: sourceId,
  fileId: disposalRecordFile.fileId,
  title: { ja: '消去記録（消去バッチごと）', en: 'Disposal records (per disposal batch)' },
  rule: { ja: `消去（承認）日から${years}年`, en: `${years} years after the disposal (its approval)` },
  method: {
    ja: 'バッチの消去記録の行を削除（バッチの件数・承認者・日時は個人情報を含まず残す）',
    en: 'The batch’s disposal-record rows deleted (the batch’s counts, approvers and dates, which hold no personal data, stay)',
  },
  tables: ['governance_retention_item'],
  async findDue(tx, municipalityCode, asOf, limit) {
    const due = await findDueDisposalBatches(tx, municipalityCode, { years, asOf, limit, ownSourceId: sourceId });
    return due.map((b) => ({
      key: b.batchId,
      personKey: `retention_batch:${b.batchId}`,
      description: `消去記録 ${b.records}件（${b.sourceId}、消去日 ${b.disposedOn}）`,
      dueOn: b.dueOn,
    }));
  },
  dispose(tx, municipalityCode, keys) {
    return deleteDisposalRecords(tx, municipalityCode, uuidKeys(keys), sourceId);
  },
};
