// Card records as a retention source, on both backends: due 15 years after the application was received and not while
// a document image of the card is kept; disposal deletes those records with their history, comments and shipments
// (the status counters follow), leaves the others, and a second disposal of the same keys finds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import type { Db } from '../../../platform/db/index.ts';
import { cardDb, MC } from '../card.builders.ts';
import { cardAt } from './issuance.builders.ts';
import { cardRecordRetention as source } from './retention.ts';
import { insertComments } from './store.ts';

/** Files a document image of the card straight into its table (the file store plays no part in whether a card is due). */
const fileImageRow = (db: Db, applicantId: string, fiscalYear: number) => sql`insert into card_image (municipality_code, image_id, applicant_id,
    fiscal_year, business_category, document_category, document_number, kanji_name, file_name, display_name, media_type, byte_size, sha256,
    data_key, registered_by, registered_by_name, updated_by, updated_by_name)
  values (${MC}, gen_random_uuid(), ${applicantId}, ${fiscalYear}, 'application', 'application_form', 'A-1', '見本 花子', 'A-1_001.pdf',
    '交付申請書 1頁', 'application/pdf', 1, ${'0'.repeat(64)}, 'wrapped', 'clerk1', '見本 窓口', 'clerk1', '見本 窓口')`.execute(db.kysely);

/** Sends the card's notice by post (a shipment row), as the shipping step writes it. */
const shipNotice = (db: Db, applicantId: string) => sql`insert into card_shipment (municipality_code, applicant_id, item, method, attempt, sent_on,
    postal_code, name, address, sent_by) values (${MC}, ${applicantId}, 'notice', 'registered', 1, '2010-06-01', '5300001', '見本 花子', '大阪府見本市本町1-2-3', 'clerk1')`.execute(db.kysely);

/** How many rows each of the card's tables holds for it. */
async function rowsOf(db: Db, applicantId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['card_record', 'card_history', 'card_processing_comment', 'card_shipment', 'card_image']) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where municipality_code = ${MC} and applicant_id = ${applicantId}`.execute(db.kysely);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

const arrivedCount = async (db: Db) => (await db.kysely.selectFrom('card_status_count').select('cards')
  .where('municipality_code', '=', MC).where('storage_site_code', '=', 'honcho').where('status', '=', 'arrived').executeTakeFirst())?.cards;

for (const backend of backends) {
  describe(`card records as a retention source on ${backend}`, () => {
    let db: Db;
    let old: string;
    let imaged: string;
    let recent: string;
    before(async () => {
      db = await cardDb(backend);
      old = await cardAt(db, 'arrived', { receivedOn: '2010-05-01' });
      imaged = await cardAt(db, 'arrived', { receivedOn: '2010-05-02' });
      recent = await cardAt(db, 'arrived', { receivedOn: '2011-05-01' });
      await db.transaction((tx) => insertComments(tx, MC, [{ applicantId: old, historyId: null }], '本人から電話あり', 'clerk1'));
      await shipNotice(db, old);
      await fileImageRow(db, imaged, 2010);
    });
    after(() => db?.close());

    const due = (asOf: string) => db.transaction((tx) => source.findDue(tx, MC, asOf, 10));

    it('finds nothing the day before the 15th anniversary of the application, and that card on the day', async () => {
      assert.deepEqual(await due('2025-04-30'), []);
      assert.deepEqual(await due('2025-05-01'), [{ key: old, personKey: old, description: 'カード交付管理 カード到着（申請受付日 2010-05-01）', dueOn: '2025-05-01' }]);
      assert.deepEqual((await due('2026-05-01')).map((d) => d.key), [old, recent], 'a card with an image left is not due, whatever its date');
      assert.deepEqual((await db.transaction((tx) => source.findDue(tx, MC, '2026-05-01', 1))).map((d) => d.key), [old], 'oldest first, at most limit');
    });

    it('disposes of the due records with their history, comments and shipments, and no record that still has an image', async () => {
      assert.deepEqual(await rowsOf(db, old), { card_record: 1, card_history: 3, card_processing_comment: 1, card_shipment: 1, card_image: 0 });
      const arrived = await arrivedCount(db);
      const disposed = await db.transaction((tx) => source.dispose(tx, MC, [old, imaged, 'not-an-id', '1'.repeat(23)]));
      assert.deepEqual(disposed, [old]);
      assert.deepEqual(await rowsOf(db, old), { card_record: 0, card_history: 0, card_processing_comment: 0, card_shipment: 0, card_image: 0 });
      assert.deepEqual(await rowsOf(db, imaged), { card_record: 1, card_history: 3, card_processing_comment: 0, card_shipment: 0, card_image: 1 });
      assert.equal(Number(await arrivedCount(db)), Number(arrived) - 1, 'the status counters follow the deletion');
      assert.deepEqual(await db.transaction((tx) => source.dispose(tx, MC, [old])), [], 'a record already gone is not disposed of twice');
    });

    it('makes a record due once its last image is gone, with its own due day', async () => {
      await sql`delete from card_image where municipality_code = ${MC} and applicant_id = ${imaged}`.execute(db.kysely);
      assert.deepEqual((await due('2026-05-01')).map((d) => [d.key, d.dueOn]), [[imaged, '2025-05-02'], [recent, '2026-05-01']]);
      assert.deepEqual(await db.transaction((tx) => source.dispose(tx, MC, [imaged, recent])), [imaged, recent]);
      assert.deepEqual(await due('2040-01-01'), []);
    });
  });
}
