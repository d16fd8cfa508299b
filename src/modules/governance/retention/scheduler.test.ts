// The retention scheduler on both backends, with the mail outbox as a source: a due record is proposed once, nothing
// is disposed of before approval, the proposer cannot approve their own batch, approval disposes of the records and
// writes the disposal records in one transaction, and every step is in the audit log.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, city, otherCity } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { systemActor } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { renderDisposalCertificate } from './certificate.ts';
import { mailCount, mailSource, queueMail } from './retention.builders.ts';
import { approveBatch, proposeDue } from './scheduler.ts';
import { batchItems, disposalsOfPerson, findBatch, listBatches } from './store.ts';

const sources = [mailSource];
const asOf = '2026-12-06';
const admin = (userId: string) => ({ userId, userName: `管理 ${userId}`, department: '総務課' });

for (const backend of backends) {
  describe(`retention scheduler on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db, city);
      await addMunicipality(db, otherCity);
    });
    after(() => db.close());

    const propose = (by = systemActor('retention'), limit?: number) =>
      db.transaction((tx) => proposeDue(tx, city, { asOf, actor: by, sources, ...(limit ? { limit } : {}) }));
    const events = (code: string) => db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'subjects', 'detail'])
      .where('operation_code', '=', code).orderBy('seq').execute();

    it('proposes the due records of its own municipality as one batch, and the same records never again', async () => {
      for (const [to, subject] of [['a@example.jp', 'm1'], ['b@example.jp', 'm2'], ['a@example.jp', 'm3']]) await queueMail(db, city, to!, subject!);
      await queueMail(db, otherCity, 'c@example.jp', 'm0');
      const [first, ...none] = await propose();
      assert.deepEqual(none, []);
      assert.equal(first?.records, 3);
      assert.deepEqual(await propose(), []);
      const batch = await findBatch(db.kysely, city, first.batchId);
      assert.equal(batch?.status, 'proposed');
      assert.equal(batch?.proposedBy, 'system:retention');
      assert.deepEqual((await batchItems(db.kysely, city, first.batchId)).map((i) => [i.description, i.disposed]), [['メール m1', null], ['メール m2', null], ['メール m3', null]]);
      assert.equal(await mailCount(db, city), 3, 'nothing is disposed of by proposing');
      const [event] = await events('governance.retention.propose');
      assert.deepEqual(event?.subjects, [`retention_batch:${first.batchId}`]);
      assert.equal(event?.detail, `test.mail: 3件 (as of ${asOf})`);
    });

    it('proposes records past a waiting batch\'s, at most `limit` a batch', async () => {
      await queueMail(db, city, 'd@example.jp', 'm4');
      await queueMail(db, city, 'e@example.jp', 'm5');
      await queueMail(db, city, 'f@example.jp', 'm6');
      const [p] = await propose(admin('admin.a'), 2);
      assert.equal(p?.records, 2);
      const [q] = await propose(admin('admin.a'), 2);
      assert.equal(q?.records, 1);
      const subjects = async (id: string) => (await batchItems(db.kysely, city, id)).map((i) => i.description);
      assert.deepEqual([await subjects(p.batchId), await subjects(q.batchId)], [['メール m4', 'メール m5'], ['メール m6']]);
    });

    it('refuses the approval by the batch\'s proposer, audited as a failure, and disposes of nothing', async () => {
      const [own] = (await listBatches(db.kysely, city)).filter((b) => b.proposedBy === 'admin.a');
      assert.deepEqual(await approveBatch(db, city, own!.batchId, { actor: admin('admin.a'), sources }), { refused: 'own_proposal' });
      assert.equal((await findBatch(db.kysely, city, own!.batchId))?.status, 'proposed');
      assert.equal(await mailCount(db, city), 6);
      const refused = (await events('governance.retention.dispose')).at(-1);
      assert.deepEqual([refused?.user_id, refused?.outcome, refused?.detail], ['admin.a', 'failure', 'refused: own_proposal']);
    });

    it('disposes of a batch on another person\'s approval, records each record (one already gone), and refuses a second approval', async () => {
      const [nightly] = (await listBatches(db.kysely, city)).filter((b) => b.proposedBy === 'system:retention');
      const items = await batchItems(db.kysely, city, nightly!.batchId);
      await db.kysely.deleteFrom('platform_mail_outbox').where('mail_id', '=', items[1]!.recordKey).execute(); // m2 went some other way
      const at = new Date('2026-12-06T01:00:00Z');
      assert.deepEqual(await approveBatch(db, city, nightly!.batchId, { actor: admin('admin.b'), sources, now: at }), { disposed: 2, gone: 1 });
      const batch = await findBatch(db.kysely, city, nightly!.batchId);
      assert.deepEqual([batch?.status, batch?.approvedBy, batch?.approvedAt?.toISOString(), batch?.disposedCount], ['disposed', 'admin.b', at.toISOString(), 2]);
      assert.deepEqual((await batchItems(db.kysely, city, nightly!.batchId)).map((i) => i.disposed), [true, false, true]);
      assert.equal(await mailCount(db, city), 3);
      assert.equal(await mailCount(db, otherCity), 1);
      assert.deepEqual((await disposalsOfPerson(db.kysely, city, 'a@example.jp')).map((d) => [d.description, d.disposed]), [['メール m1', true], ['メール m3', true]]);
      const done = (await events('governance.retention.dispose')).at(-1);
      assert.deepEqual([done?.user_id, done?.outcome], ['admin.b', 'success']);
      assert.match(done!.detail, /^test\.mail: 2件を消去 \(1件は消去済み\) \/ proposed by system:retention$/);
      assert.deepEqual(await approveBatch(db, city, nightly!.batchId, { actor: admin('admin.c'), sources }), { refused: 'already_disposed' });
      assert.deepEqual(await approveBatch(db, otherCity, nightly!.batchId, { actor: admin('admin.c'), sources }), { refused: 'not_found' });
    });

    it('prints the 消去証明書 of a disposed batch: the file, the rule, who proposed and approved, every record', async () => {
      const [batch] = (await listBatches(db.kysely, city)).filter((b) => b.status === 'disposed');
      const text = checkedPdfText(await renderDisposalCertificate({
        municipalityName: '見本市', lang: 'ja', batch: { ...batch!, approvedAt: batch!.approvedAt!, approvedBy: batch!.approvedBy! },
        source: mailSource, fileTitle: { ja: '送信メール', en: 'Mail' }, items: await batchItems(db.kysely, city, batch!.batchId),
      }));
      for (const expected of ['消去証明書', '見本市', batch!.batchId, '送信メール（mail_outbox）', '2件を消去（抽出 3件、うち消去済み 1件）', 'system:retention', '2026-12-06 10:00', 'admin.b', 'メール m1', 'メール m2', '消去済み（既になし）']) {
        assert.ok(text.includes(expected), `certificate lacks ${expected}`);
      }
      assert.doesNotMatch(text, /a@example\.jp/);
    });
  });
}
