// Governance's own files as retention sources, on both backends. Disposal records: a disposed batch's records are due
// together 5 years after its approval (in Japan's calendar); disposing deletes them and keeps the batch, the source's
// own batches are never proposed, and a second disposal finds nothing. Disclosure requests: due 5 years after the
// decision, never while pending; disposal deletes only decided requests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, city, otherCity } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { systemActor } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { decideRequest, findRequest, insertRequest } from '../disclosure/store.ts';
import { disclosureRequestRetention } from '../disclosure/retention.ts';
import { renderDisposalCertificate } from './certificate.ts';
import { disposalRecordRetention } from './disposal-records.ts';
import { mailSource, queueMail } from './retention.builders.ts';
import { approveBatch, proposeDue } from './scheduler.ts';
import { batchItems, findBatch } from './store.ts';

const admin = (userId: string) => ({ userId, userName: `管理 ${userId}`, department: '総務課' });

for (const backend of backends) {
  describe(`governance's own files as retention sources on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db, city);
      await addMunicipality(db, otherCity);
    });
    after(() => db?.close());

    const due = (source: RetentionSource, asOf: string, mc = city) => db.transaction((tx) => source.findDue(tx, mc, asOf, 10));
    const dispose = (source: RetentionSource, keys: string[]) => db.transaction((tx) => source.dispose(tx, city, keys));
    /** Proposes what `sources` find due on `asOf` and has a second person approve it at `at`; the batch ids. */
    const disposeThrough = async (sources: RetentionSource[], asOf: string, at: Date) => {
      const proposals = await db.transaction((tx) => proposeDue(tx, city, { asOf, actor: systemActor('retention'), sources }));
      for (const p of proposals) assert.ok('disposed' in await approveBatch(db, city, p.batchId, { actor: admin('admin.b'), sources, now: at }));
      return proposals.map((p) => p.batchId);
    };

    describe('disposal records', () => {
      let early: string;
      let late: string;
      before(async () => {
        for (const subject of ['m1', 'm2']) await queueMail(db, city, 'a@example.jp', subject);
        early = (await disposeThrough([mailSource], '2020-01-09', new Date('2020-01-09T15:30:00Z')))[0]!; // 2020-01-10 00:30 in Japan
        await queueMail(db, city, 'b@example.jp', 'm3');
        late = (await disposeThrough([mailSource], '2021-06-01', new Date('2021-06-01T03:00:00Z')))[0]!;
      });

      it('finds a batch\'s records due together 5 years after its approval in Japan\'s calendar, and only its municipality\'s', async () => {
        assert.deepEqual(await due(disposalRecordRetention, '2025-01-09'), []);
        assert.deepEqual(await due(disposalRecordRetention, '2025-01-10'), [
          { key: early, personKey: `retention_batch:${early}`, description: '消去記録 2件（test.mail、消去日 2020-01-10）', dueOn: '2025-01-10' },
        ]);
        assert.deepEqual((await due(disposalRecordRetention, '2026-06-01')).map((d) => d.key), [early, late]);
        assert.deepEqual(await due(disposalRecordRetention, '2030-01-01', otherCity), []);
      });

      it('deletes the due batch\'s records through the scheduler, keeps the batch, and never proposes its own batches', async () => {
        const [own] = await disposeThrough([disposalRecordRetention], '2025-06-01', new Date('2025-06-01T01:00:00Z'));
        assert.deepEqual(await batchItems(db.kysely, city, early), []);
        assert.deepEqual([(await findBatch(db.kysely, city, early))?.status, (await findBatch(db.kysely, city, early))?.disposedCount], ['disposed', 2]);
        assert.equal((await batchItems(db.kysely, city, late)).length, 1, 'a batch not yet due keeps its records');
        assert.deepEqual((await batchItems(db.kysely, city, own!)).map((i) => [i.recordKey, i.disposed]), [[early, true]]);
        assert.deepEqual((await due(disposalRecordRetention, '2040-01-01')).map((d) => d.key), [late], 'the source\'s own batch is never due');
        const batch = (await findBatch(db.kysely, city, early))!;
        const text = checkedPdfText(await renderDisposalCertificate({
          municipalityName: '見本市', lang: 'ja', batch: { ...batch, approvedAt: batch.approvedAt!, approvedBy: batch.approvedBy! },
          source: mailSource, fileTitle: { ja: '送信メール', en: 'Mail' }, items: [],
        }));
        for (const expected of ['消去証明書', early, '2件を消去', '記録の一覧は、消去記録の保存期間の満了により消去しました。']) assert.ok(text.includes(expected), `certificate lacks ${expected}`);
        assert.deepEqual(await dispose(disposalRecordRetention, [early, own!, 'not-an-id']), [], 'records already gone, or of its own batches, are not disposed of');
        assert.deepEqual(await dispose(disposalRecordRetention, [late]), [late]);
        assert.deepEqual(await dispose(disposalRecordRetention, [late]), []);
      });
    });

    describe('disclosure requests', () => {
      const request = async (decidedOn: string | null, mc = city) => {
        const id = await insertRequest(db.kysely, mc, { kind: 'disclosure', receivedOn: '2020-01-06', search: { kana: 'ミホン タロウ', birthDate: '1985-04-01' }, requestNote: '', recordedBy: 'clerk1' });
        if (decidedOn) await decideRequest(db.kysely, mc, id, { outcome: 'granted', outcomeNote: '', decidedOn, decidedBy: 'clerk1' });
        return id;
      };
      let decided: string;
      let later: string;
      let pending: string;
      before(async () => {
        decided = await request('2020-02-01');
        later = await request('2021-02-01');
        pending = await request(null);
        await request('2020-02-01', otherCity);
      });

      it('finds a request due 5 years after its decision, never a pending one, only its municipality\'s', async () => {
        assert.deepEqual(await due(disclosureRequestRetention, '2025-01-31'), []);
        assert.deepEqual(await due(disclosureRequestRetention, '2025-02-01'), [
          { key: decided, personKey: decided, description: '開示請求 受付 2020-01-06（全部開示・訂正・停止 2020-02-01）', dueOn: '2025-02-01' },
        ]);
        assert.deepEqual((await due(disclosureRequestRetention, '2099-01-01')).map((d) => d.key), [decided, later]);
      });

      it('deletes the decided requests it is given, not a pending one, and nothing the second time', async () => {
        assert.deepEqual(await dispose(disclosureRequestRetention, [decided, pending, 'not-an-id']), [decided]);
        assert.equal(await findRequest(db.kysely, city, decided), undefined);
        assert.ok(await findRequest(db.kysely, city, pending));
        assert.ok(await findRequest(db.kysely, city, later));
        assert.deepEqual(await dispose(disclosureRequestRetention, [decided]), []);
      });
    });
  });
}
