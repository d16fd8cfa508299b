// Which person an audit subject names, as the breach statement reads it: one event a subject, traced by its own
// member of staff, on both backends (the rule lives in SQL; domain/reach.ts holds its table of kinds).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, buildAuditEvent, city } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import { appendAudit, defineAuditOperations } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { traceAudit } from './store.ts';

const ops = defineAuditOperations({ 'test.breach.store.read': { nameJa: 'テスト閲覧（影響範囲）', category: 'read' } });

const subjects: Array<[subject: string, expected: { fileId: string; person: string } | undefined]> = [
  ['resident:123', { fileId: 'certificate_tax', person: 'resident:123' }],
  ['benefit_target:123', { fileId: 'benefit_ledger', person: 'resident:123' }],
  ['benefit_target:adjustment-2024.123', { fileId: 'benefit_ledger', person: 'resident:123' }],
  ['benefit_account:123', { fileId: 'benefit_ledger', person: 'resident:123' }],
  ['benefit_receivable:R-9', { fileId: 'benefit_ledger', person: 'benefit_receivable:R-9' }],
  ['card:A1234', { fileId: 'card_record', person: 'card:A1234' }],
  ['card_reservation:R-42', { fileId: 'card_reservation', person: 'card_reservation:R-42' }],
  ['application:A-42', { fileId: 'application', person: 'application:A-42' }],
  ['mail:M-1', { fileId: 'mail_outbox', person: 'mail:M-1' }],
  ['certificate:C-1', undefined],
  ['card_image:0b0e7c9e-0000-4000-8000-000000000001', undefined],
  ['payment:P-1', undefined],
];

for (const backend of backends) {
  describe(`breach trace of subjects on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      for (const [i, [subject]] of subjects.entries()) {
        await db.transaction((tx) => appendAudit(tx, buildAuditEvent({ operation: ops['test.breach.store.read'], actor: { userId: `reader.${i}` }, subjects: [subject] })));
      }
    });
    after(() => db.close());

    for (const [i, [subject, expected]] of subjects.entries()) {
      it(`reads ${subject} as ${expected ? `${expected.person} of ${expected.fileId}` : 'no person, reported apart'}`, async () => {
        const trace = await traceAudit(db, city, { user: `reader.${i}` }, 10);
        assert.deepEqual(trace.persons.map((p) => ({ fileId: p.files.join(','), person: p.person })), expected ? [expected] : []);
        assert.deepEqual(trace.otherKinds, expected ? [] : [{ kind: subject.slice(0, subject.indexOf(':')), subjects: 1 }]);
      });
    }
  });
}
