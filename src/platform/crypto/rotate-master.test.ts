import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { fieldCipher } from './field-cipher.ts';
import { Keyring } from './keyring.ts';
import { masterKeyFrom, newSecretKey } from './master-key.ts';
import { rewrapDataKeys } from './rotate-master.ts';

const cities = ['279994', '279986'];

for (const backend of backends) {
  describe(`master-key rotation on ${backend}`, () => {
    let db: Db;
    const oldMaster = masterKeyFrom(newSecretKey(), 'old');
    const newMaster = masterKeyFrom(newSecretKey(), 'new');
    const values = new Map<string, string>();
    before(async () => {
      db = await freshDb(backend);
      await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja) values
        ('279994', '見本市', 'Mihon', '大阪府', '見本市長'), ('279986', '見本町', 'Mihon Town', '大阪府', '見本町長')`);
      for (const code of cities) {
        const cipher = await fieldCipher(db, oldMaster, code);
        values.set(code, cipher.encryptField(`秘密 ${code}`, 'aad'));
      }
    });
    after(() => db.close());

    const masterIds = async () => (await sql<{ id: string }>`select distinct master_key_id as id from data_key`.execute(db.kysely)).rows.map((r) => r.id);

    it('re-wraps every data key of every municipality under the new master key, and the same data keys open the old values', async () => {
      const before = new Map<string, string>();
      for (const code of cities) before.set(code, (await fieldCipher(db, oldMaster, code)).keyring.active('field').id);
      const result = await rewrapDataKeys(db, oldMaster, newMaster);
      assert.deepEqual(result, { rewrapped: 4, alreadyDone: 0 });
      assert.deepEqual(await masterIds(), [newMaster.id]);
      for (const code of cities) {
        const keyring = new Keyring(db, newMaster, code);
        await keyring.load();
        assert.equal(keyring.active('field').id, before.get(code), 'the data key itself did not change');
        const cipher = await fieldCipher(db, newMaster, code);
        assert.equal(await cipher.decryptField(values.get(code)!, 'aad'), `秘密 ${code}`);
      }
    });

    it('refuses the old master key afterwards, naming the master key the data keys need', async () => {
      await assert.rejects(new Keyring(db, oldMaster, cities[0]!).load(), (e: unknown) =>
        e instanceof AppError && e.code === 'master_key_mismatch' && e.details.expected === newMaster.id && e.details.actual === oldMaster.id);
    });

    it('does nothing when run again (finishing an interrupted rotation is safe)', async () => {
      assert.deepEqual(await rewrapDataKeys(db, oldMaster, newMaster), { rewrapped: 0, alreadyDone: 4 });
    });

    it('refuses to re-wrap from a master key that wraps none of the keys, changing nothing', async () => {
      const stranger = masterKeyFrom(newSecretKey(), 'stranger');
      const third = masterKeyFrom(newSecretKey(), 'third');
      await assert.rejects(rewrapDataKeys(db, stranger, third), (e: unknown) => e instanceof AppError && e.code === 'master_key_mismatch');
      assert.deepEqual(await masterIds(), [newMaster.id]);
    });
  });
}
