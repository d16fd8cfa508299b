import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends, freshDb } from '../../../test/support/db.ts';
import { loadConfig } from '../config.ts';
import { type Db, openPostgres } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { type FieldCipher, fieldCipher } from './field-cipher.ts';
import { masterKeyFrom, newSecretKey } from './master-key.ts';
import { registerEncryptedColumn } from './registry.ts';
import { type RotationBatch, rotateFieldKey } from './rotate.ts';

const city = '279994';
const otherCity = '279986';
const health = registerEncryptedColumn({ table: 'test_case_note', keyColumns: ['municipality_code', 'case_no', 'line'], column: 'health_note' });
const master = masterKeyFrom(newSecretKey(), 'test');
const rows = 35;
const noteOf = (caseNo: number, line: number) => `要配慮 note ${caseNo}-${line}: 通院中`;

interface NoteRow {
  case_no: number;
  line: number;
  health_note: string | null;
}

for (const backend of backends) {
  describe(`data-key rotation on ${backend}`, () => {
    let db: Db;
    let cipher: FieldCipher;
    const all = async (code = city) =>
      (await sql<NoteRow>`select case_no, line, health_note from test_case_note where municipality_code = ${code} order by case_no, line`.execute(db.kysely)).rows;
    const decryptAll = (c: FieldCipher, list: NoteRow[], code = city) =>
      Promise.all(list.filter((r) => r.health_note !== null).map((r) => c.decryptField(r.health_note!, health.aad({ municipality_code: code, ...r }))));
    const keyOf = (text: string | null) => text?.split('.')[1];

    before(async () => {
      db = await freshDb(backend);
      await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja) values
          ('${city}', '見本市', 'Mihon', '大阪府', '見本市長'), ('${otherCity}', '見本町', 'Mihon Town', '大阪府', '見本町長');
        create table test_case_note (municipality_code text not null references municipality, case_no int not null, line int not null,
          health_note text, primary key (municipality_code, case_no, line))`);
      for (const code of [city, otherCity]) {
        const c = await fieldCipher(db, master, code);
        for (let i = 0; i < rows; i++) {
          const [caseNo, line] = [100 + Math.floor(i / 3), i % 3];
          const note = c.encryptField(noteOf(caseNo, line), health.aad({ municipality_code: code, case_no: caseNo, line }));
          await sql`insert into test_case_note values (${code}, ${caseNo}, ${line}, ${note})`.execute(db.kysely);
        }
        await sql`insert into test_case_note values (${code}, 999, 0, null)`.execute(db.kysely);
      }
      cipher = await fieldCipher(db, master, city);
    });
    after(() => db.close());

    it('re-encrypts every row in batches under a new key, retires the old one, and every value still decrypts', async () => {
      const before = await all();
      const oldKey = cipher.keyring.active('field').id;
      const batches: RotationBatch[] = [];
      const readsBetweenBatches: Array<{ old: number; fresh: number; decrypted: number }> = [];
      const result = await rotateFieldKey(db, master, city, {
        columns: [health],
        batchSize: 10,
        onBatch: async (batch) => {
          batches.push(batch);
          // A reader between two batches sees values under both keys and opens all of them.
          const now = await all();
          const decrypted = await decryptAll(cipher, now);
          const newKey = cipher.keyring.active('field').id;
          const count = (key: string) => now.filter((r) => keyOf(r.health_note) === key).length;
          readsBetweenBatches.push({ old: count(oldKey), fresh: count(newKey), decrypted: decrypted.length });
        },
      });
      assert.equal(result.reencrypted, rows);
      assert.equal(result.retiredKeyId, oldKey);
      assert.notEqual(result.newKeyId, oldKey);
      assert.deepEqual(batches.map((b) => b.done), [10, 20, 30, 35]);
      assert.deepEqual(readsBetweenBatches[0], { old: 25, fresh: 10, decrypted: rows });
      assert.ok(readsBetweenBatches.every((r) => r.decrypted === rows));

      const after = await all();
      assert.ok(after.filter((r) => r.health_note !== null).every((r) => keyOf(r.health_note) === result.newKeyId), 'a value is left under the old key');
      assert.deepEqual(await decryptAll(cipher, after), before.filter((r) => r.health_note).map((r) => noteOf(r.case_no, r.line)));
      assert.equal(after.find((r) => r.case_no === 999)?.health_note, null, 'a null stays null');

      const keys = (await sql<{ key_id: string; retired: boolean }>`select key_id, retired_at is not null as retired from data_key
        where municipality_code = ${city} and purpose = 'field' order by created_at`.execute(db.kysely)).rows;
      assert.deepEqual(keys, [{ key_id: oldKey, retired: true }, { key_id: result.newKeyId, retired: false }]);
      assert.equal(keyOf(cipher.encryptField('new value', 'x')), result.newKeyId, 'new values use the new key');
    });

    it('leaves another municipality’s values and keys alone', async () => {
      const other = await fieldCipher(db, master, otherCity);
      const list = await all(otherCity);
      assert.ok(list.filter((r) => r.health_note).every((r) => keyOf(r.health_note) === other.keyring.active('field').id));
      assert.equal((await decryptAll(other, list, otherCity)).length, rows);
    });

    it('rotates again: both earlier keys retired, everything on the newest key and readable', async () => {
      const result = await rotateFieldKey(db, master, city, { columns: [health] });
      const list = await all();
      assert.equal(result.reencrypted, rows);
      assert.ok(list.filter((r) => r.health_note).every((r) => keyOf(r.health_note) === result.newKeyId));
      assert.equal((await decryptAll(cipher, list)).length, rows);
      const active = await sql<{ n: number }>`select count(*)::int as n from data_key where municipality_code = ${city} and purpose = 'field' and retired_at is null`.execute(db.kysely);
      assert.equal(active.rows[0]!.n, 1);
    });

    it('stops on a value that does not decrypt, naming the column, and rolls back that batch', async () => {
      const list = await all();
      await sql`update test_case_note set health_note = ${list[1]!.health_note} where municipality_code = ${city} and case_no = ${list[0]!.case_no} and line = ${list[0]!.line}`.execute(db.kysely);
      const beforeRotation = await all();
      await assert.rejects(rotateFieldKey(db, master, city, { columns: [health], batchSize: 10 }), (e: unknown) =>
        e instanceof AppError && e.code === 'decryption_failed' && String(e.details.reason).startsWith('test_case_note.health_note:') && !e.message.includes('通院中'));
      assert.deepEqual(await all(), beforeRotation, 'the failed batch changed nothing');
    });
  });
}

if (backends.includes('postgres')) {
  describe('data-key rotation seen from another server on postgres', () => {
    it('keeps a second server reading while it learns the new key, and re-encrypts what it wrote with the old one', async () => {
      const db = await freshDb('postgres');
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]!.s;
      const serverDb = openPostgres(loadConfig().databaseUrl!, schema);
      try {
        await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja) values ('${city}', '見本市', 'Mihon', '大阪府', '見本市長');
          create table test_case_note (municipality_code text not null references municipality, case_no int not null, line int not null,
            health_note text, primary key (municipality_code, case_no, line))`);
        const writer = await fieldCipher(db, master, city);
        for (let i = 0; i < 12; i++) {
          await sql`insert into test_case_note values (${city}, ${i}, 0, ${writer.encryptField(noteOf(i, 0), health.aad({ municipality_code: city, case_no: i, line: 0 }))})`.execute(db.kysely);
        }
        const server = await fieldCipher(serverDb, master, city);
        const oldKey = server.keyring.active('field').id;
        const seen: string[][] = [];
        const result = await rotateFieldKey(db, master, city, {
          columns: [health],
          batchSize: 5,
          onBatch: async () => {
            if (!seen.length) {
              // The server has not learnt the new key yet, so it writes with the old one, behind the first pass's cursor.
              const late = server.encryptField(noteOf(-1, 0), health.aad({ municipality_code: city, case_no: -1, line: 0 }));
              assert.equal(late.split('.')[1], oldKey);
              await sql`insert into test_case_note values (${city}, -1, 0, ${late})`.execute(serverDb.kysely);
            }
            const list = (await sql<NoteRow>`select case_no, line, health_note from test_case_note where case_no >= 0 order by case_no`.execute(serverDb.kysely)).rows;
            seen.push(await Promise.all(list.map((r) => server.decryptField(r.health_note!, health.aad({ municipality_code: city, ...r })))));
          },
        });
        assert.ok(seen.length >= 3);
        for (const values of seen) assert.deepEqual(values, Array.from({ length: 12 }, (_, i) => noteOf(i, 0)));
        assert.equal(result.reencrypted, 13, 'the late value was caught by a second pass');
        const late = (await sql<{ v: string }>`select health_note as v from test_case_note where case_no = -1`.execute(db.kysely)).rows[0]!.v;
        assert.equal(late.split('.')[1], result.newKeyId);
      } finally {
        await serverDb.close();
        await db.close();
      }
    });
  });
}
