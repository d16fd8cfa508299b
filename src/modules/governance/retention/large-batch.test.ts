// Large batches on both backends, with small numbers standing in for the real ones (a batch of 4 for a city's year,
// chunks of 2 keys for KEY_CHUNK): a source's batchLimit sets its batch, the keys reach each statement and `dispose` a
// chunk at a time, one failing chunk undoes the whole approval, and a large batch's 消去証明書 counts per description.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, city } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { systemActor } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { renderDisposalCertificate } from './certificate.ts';
import { mailCount, mailSource, queueMail } from './retention.builders.ts';
import { approveBatch, proposeDue } from './scheduler.ts';
import { allBatchItems, batchItemCounts, batchItems, findBatch } from './store.ts';

const asOf = '2026-12-06';
const admin = { userId: 'admin.b', userName: '管理 B', department: '総務課' };

/** The mail source with a batch of 4, recording the keys each `dispose` call got, failing on call `failOn` if given. */
function chunkedMail(failOn?: number): RetentionSource & { calls: number[] } {
  const calls: number[] = [];
  return {
    ...mailSource,
    batchLimit: 4,
    calls,
    async dispose(tx, municipalityCode, keys) {
      calls.push(keys.length);
      if (calls.length === failOn) throw new Error('disk full');
      return mailSource.dispose(tx, municipalityCode, keys);
    },
  };
}

for (const backend of backends) {
  describe(`large retention batches on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db, city);
      for (const subject of ['a', 'a', 'a', 'b', 'c']) await queueMail(db, city, `${subject}@example.jp`, subject);
    });
    after(() => db.close());

    const propose = (sources: readonly RetentionSource[]) =>
      db.transaction((tx) => proposeDue(tx, city, { asOf, actor: systemActor('retention'), sources, keyChunk: 2 }));

    it('proposes at most the source\'s batchLimit a batch, and checks every key of the next night\'s look-up 2 at a time', async () => {
      const source = chunkedMail();
      const [first] = await propose([source]);
      assert.equal(first?.records, 4);
      // The second look-up reads the 4 waiting and the 1 left; a check that missed a chunk would propose one twice.
      const [second, ...none] = await propose([source]);
      assert.deepEqual([second?.records, none], [1, []]);
      assert.deepEqual(await propose([source]), []);
    });

    it('hands dispose the keys 2 at a time inside one transaction, and records every one of them', async () => {
      const source = chunkedMail();
      const [batch] = await db.kysely.selectFrom('governance_retention_batch').select('batch_id').where('record_count', '=', 4).execute();
      assert.deepEqual(await approveBatch(db, city, batch!.batch_id, { actor: admin, sources: [source], keyChunk: 2 }), { disposed: 4, gone: 0 });
      assert.deepEqual(source.calls, [2, 2]);
      assert.deepEqual((await batchItems(db.kysely, city, batch!.batch_id)).map((i) => i.disposed), [true, true, true, true]);
      assert.equal((await findBatch(db.kysely, city, batch!.batch_id))?.disposedCount, 4);
      assert.equal(await mailCount(db, city), 1);
    });

    it('undoes every chunk when one fails: the records, the batch and its items stay as they were', async () => {
      for (const subject of ['d', 'e', 'f', 'g']) await queueMail(db, city, `${subject}@example.jp`, subject);
      const [proposal] = await propose([chunkedMail()]);
      assert.equal(proposal?.records, 4);
      const failing = chunkedMail(2);
      await assert.rejects(approveBatch(db, city, proposal.batchId, { actor: admin, sources: [failing], keyChunk: 2 }), /disk full/);
      assert.deepEqual(failing.calls, [2, 2]);
      assert.equal(await mailCount(db, city), 5, 'the first chunk\'s deletions are rolled back');
      assert.equal((await findBatch(db.kysely, city, proposal.batchId))?.status, 'proposed');
      assert.deepEqual((await batchItems(db.kysely, city, proposal.batchId)).map((i) => i.disposed), [null, null, null, null]);
    });

    it('reads a batch\'s records a page at a time in the page\'s order, and counts them per description', async () => {
      const [batch] = await db.kysely.selectFrom('governance_retention_batch').select('batch_id').where('status', '=', 'disposed').execute();
      const paged: string[] = [];
      for await (const i of allBatchItems(db.kysely, city, batch!.batch_id, 3)) paged.push(i.recordKey);
      assert.deepEqual(paged, (await batchItems(db.kysely, city, batch!.batch_id)).map((i) => i.recordKey));
      assert.equal(paged.length, 4);
      assert.deepEqual(await batchItemCounts(db.kysely, city, batch!.batch_id, 10), [
        { description: 'メール a', records: 3, gone: 0 }, { description: 'メール b', records: 1, gone: 0 },
      ]);
      assert.deepEqual((await batchItemCounts(db.kysely, city, batch!.batch_id, 1)).length, 1);
    });

    it('prints a large batch\'s 消去証明書 as counts per description and says where the list of records is', async () => {
      const [row] = await db.kysely.selectFrom('governance_retention_batch').select('batch_id').where('status', '=', 'disposed').execute();
      const batch = (await findBatch(db.kysely, city, row!.batch_id))!;
      const print = (lang: 'ja' | 'en') => renderDisposalCertificate({
        municipalityName: '見本市', lang, batch: { ...batch, approvedAt: batch.approvedAt!, approvedBy: batch.approvedBy! }, source: mailSource,
        fileTitle: { ja: '送信メール', en: 'Mail' }, items: [], counts: [{ description: 'メール a', records: 198_000, gone: 2 }, { description: 'メール b', records: 1, gone: 0 }],
      });
      const ja = checkedPdfText(await print('ja'));
      for (const expected of ['消去した記録（記録の内容ごとの件数）', 'メール a 198,000件（うち既になし 2件）', 'メール b 1件', '消去記録として保存しており、CSVで出力できます']) {
        assert.ok(ja.includes(expected), `certificate lacks ${expected}`);
      }
      const keys = (await batchItems(db.kysely, city, batch.batchId)).map((i) => i.recordKey);
      for (const key of keys) assert.ok(!ja.includes(key), 'a counted certificate lists no record');
      const en = checkedPdfText(await print('en'));
      for (const expected of ['Records disposed of (count per description)', '198,000 records (2 already gone)', 'exported as CSV']) assert.ok(en.includes(expected), `certificate lacks ${expected}`);
    });
  });
}
