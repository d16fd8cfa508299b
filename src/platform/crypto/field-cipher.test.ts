import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { type FieldCipher, fieldCipher } from './field-cipher.ts';
import { Keyring } from './keyring.ts';
import { masterKeyFrom, newSecretKey } from './master-key.ts';
import { registerEncryptedColumn } from './registry.ts';

const city = '279994';
const otherCity = '279986';
const individualNumber = registerEncryptedColumn({ table: 'test_person', keyColumns: ['municipality_code', 'person_id'], column: 'individual_number' });
const aadOf = (personId: number, code = city) => individualNumber.aad({ municipality_code: code, person_id: personId });
const numbers = ['990000000019', '123456789018', '111111111118'];

const masterSecret = newSecretKey();
const master = masterKeyFrom(masterSecret, 'test');

/** Every way an error can be turned into text, for checking that no secret leaks through any of them. */
function everyRendering(e: unknown): string {
  const parts = [inspect(e, { depth: null, showHidden: true }), JSON.stringify(e), String(e)];
  if (e instanceof Error) parts.push(e.message, e.stack ?? '', inspect(e.cause, { depth: null, showHidden: true }));
  if (e instanceof AppError) parts.push(e.localized('ja'), e.localized('en'), JSON.stringify(e.details));
  return parts.join('\n');
}

/** A secret in every encoding it could appear in. */
const encodings = (bytes: Buffer) => [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url'), `\\x${bytes.toString('hex')}`];

for (const backend of backends) {
  describe(`field encryption on ${backend}`, () => {
    let db: Db;
    let cipher: FieldCipher;
    before(async () => {
      db = await freshDb(backend);
      await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja) values
          ('${city}', '見本市', 'Mihon', '大阪府', '見本市長'), ('${otherCity}', '見本町', 'Mihon Town', '大阪府', '見本町長');
        create table test_person (municipality_code text not null references municipality, person_id int not null,
          individual_number text, primary key (municipality_code, person_id))`);
      cipher = await fieldCipher(db, master, city);
      for (const [i, n] of numbers.entries()) {
        await sql`insert into test_person values (${city}, ${i + 1}, ${cipher.encryptField(n, aadOf(i + 1))})`.execute(db.kysely);
      }
    });
    after(() => db.close());

    const stored = async (personId: number) =>
      (await sql<{ v: string }>`select individual_number as v from test_person where municipality_code = ${city} and person_id = ${personId}`.execute(db.kysely)).rows[0]!.v;

    it('decrypts what it encrypted, and stores v1.<key id>.<base64url> naming the active key', async () => {
      for (const [i, n] of numbers.entries()) {
        const text = await stored(i + 1);
        assert.match(text, new RegExp(`^v1\\.${cipher.keyring.active('field').id}\\.[A-Za-z0-9_-]+$`));
        assert.equal(await cipher.decryptField(text, aadOf(i + 1)), n);
      }
      assert.equal(await cipher.decryptField(cipher.encryptField('', aadOf(9)), aadOf(9)), '', 'the empty string too');
      assert.equal(await cipher.decryptField(cipher.encryptField('要配慮：障害者手帳 1級', aadOf(9)), aadOf(9)), '要配慮：障害者手帳 1級');
    });

    it('gives a different ciphertext each time for the same value (random IV)', () => {
      assert.notEqual(cipher.encryptField(numbers[0]!, aadOf(1)), cipher.encryptField(numbers[0]!, aadOf(1)));
    });

    it('keeps no clear value in the stored rows, and no data key or master key in data_key', async () => {
      const { rows } = await sql<{ t: string }>`select t::text as t from test_person t union all select d::text from data_key d`.execute(db.kysely);
      const dump = rows.map((r) => r.t).join('\n');
      for (const n of numbers) assert.ok(!dump.includes(n), 'a clear individual number is stored');
      const secrets = [cipher.keyring.active('field').key.export(), cipher.keyring.active('index').key.export(), masterSecret.export()];
      for (const secret of secrets) for (const form of encodings(secret)) assert.ok(!dump.includes(form), 'a key is stored in clear');
    });

    const refusesWith = (reason: RegExp) => (e: unknown) => e instanceof AppError && e.code === 'decryption_failed' && reason.test(String(e.details.reason));

    it('refuses a ciphertext with any byte altered', async () => {
      const text = await stored(1);
      const body = Buffer.from(text.split('.')[2]!, 'base64url');
      for (const at of [0, 12, body.length - 1]) {
        const altered = Buffer.from(body);
        altered[at]! ^= 1;
        const forged = `${text.split('.').slice(0, 2).join('.')}.${altered.toString('base64url')}`;
        await assert.rejects(cipher.decryptField(forged, aadOf(1)), refusesWith(/integrity/), `byte ${at}`);
      }
      await assert.rejects(cipher.decryptField(text.slice(0, 30), aadOf(1)), refusesWith(/integrity/), 'truncated');
      await assert.rejects(cipher.decryptField('990000000019', aadOf(1)), refusesWith(/not a v1 ciphertext/), 'a clear value');
      await assert.rejects(cipher.decryptField(text.replace(/^v1\.[0-9a-f]{12}/, 'v1.000000000000'), aadOf(1)), refusesWith(/unknown key/));
    });

    it('refuses the right ciphertext with the wrong AAD', async () => {
      const text = await stored(1);
      await assert.rejects(cipher.decryptField(text, aadOf(2)), refusesWith(/integrity/));
      await assert.rejects(cipher.decryptField(text, `${aadOf(1)} `), refusesWith(/integrity/));
    });

    it('refuses a value copied to another row', async () => {
      await sql`update test_person set individual_number = (select individual_number from test_person where municipality_code = ${city} and person_id = 1)
        where municipality_code = ${city} and person_id = 3`.execute(db.kysely);
      await assert.rejects(cipher.decryptField(await stored(3), aadOf(3)), refusesWith(/integrity/));
      await sql`update test_person set individual_number = ${cipher.encryptField(numbers[2]!, aadOf(3))} where municipality_code = ${city} and person_id = 3`.execute(db.kysely);
    });

    it('seals bytes as 0x01 | key id | iv | ciphertext | tag, and refuses altered bytes, another place or a text value', async () => {
      const file = Buffer.concat([Buffer.from('%PDF-1.7 氏名 山田太郎'), Buffer.alloc(4096, 7)]);
      const sealed = cipher.encryptBytes(file, aadOf(1));
      assert.equal(sealed[0], 0x01);
      assert.equal(sealed.subarray(1, 7).toString('hex'), cipher.keyring.active('field').id);
      assert.equal(sealed.length, 1 + 6 + 12 + file.length + 16);
      assert.ok(!sealed.includes(Buffer.from('山田太郎')));
      assert.ok((await cipher.decryptBytes(sealed, aadOf(1))).equals(file));
      assert.ok(!cipher.encryptBytes(file, aadOf(1)).equals(sealed));
      for (const at of [7, 20, sealed.length - 1]) {
        const altered = Buffer.from(sealed);
        altered[at]! ^= 0x01;
        await assert.rejects(cipher.decryptBytes(altered, aadOf(1)), refusesWith(/integrity/));
      }
      await assert.rejects(cipher.decryptBytes(sealed, aadOf(2)), refusesWith(/integrity/));
      await assert.rejects(cipher.decryptBytes(Buffer.from(cipher.encryptField('x', aadOf(1))), aadOf(1)), refusesWith(/not a v1/));
      await assert.rejects(cipher.decryptBytes(Buffer.concat([Buffer.from([0x01]), randomBytes(6), sealed.subarray(7)]), aadOf(1)), refusesWith(/unknown key/));
    });

    it('refuses a value carried to another municipality, even with the same record key', async () => {
      const other = await fieldCipher(db, master, otherCity);
      await assert.rejects(other.decryptField(await stored(1), aadOf(1)), refusesWith(/unknown key/));
      const fromOther = other.encryptField(numbers[0]!, aadOf(1));
      await assert.rejects(cipher.decryptField(fromOther, aadOf(1)), refusesWith(/unknown key/));
    });

    it('never puts key bytes or the clear value in a thrown error, however it is printed', async () => {
      const text = await stored(1);
      const attempts = [
        () => cipher.decryptField(text, aadOf(2)),
        () => cipher.decryptField(`${text.slice(0, -4)}AAAA`, aadOf(1)),
        () => cipher.decryptField(text.replace(/^v1\.[0-9a-f]{12}/, 'v1.abcdefabcdef'), aadOf(1)),
        () => cipher.decryptField(numbers[0]!, aadOf(1)),
      ];
      const secrets = [cipher.keyring.active('field').key.export(), cipher.keyring.active('index').key.export(), masterSecret.export()].flatMap(encodings);
      for (const attempt of attempts) {
        const error = await attempt().then(() => assert.fail('decrypted'), (e: unknown) => e);
        const printed = everyRendering(error);
        for (const n of numbers) assert.ok(!printed.includes(n), 'the clear value leaks');
        for (const s of secrets) assert.ok(!printed.includes(s), 'a key leaks');
      }
      const keyPrinted = inspect(cipher.keyring.active('field'), { depth: null, showHidden: true }) + JSON.stringify(cipher.keyring.active('field'));
      for (const s of secrets) assert.ok(!keyPrinted.includes(s), 'a loaded key prints its bytes');
    });

    it('gives equal blind indexes for equal values, and different ones per purpose and per municipality', async () => {
      const a = cipher.blindIndex('test.individual_number', '990000000019');
      assert.equal(cipher.blindIndex('test.individual_number', '990000000019'), a);
      assert.match(a, /^[A-Za-z0-9_-]{43}$/);
      assert.notEqual(cipher.blindIndex('test.individual_number', '123456789018'), a);
      assert.notEqual(cipher.blindIndex('test.kana_birth', '990000000019'), a);
      assert.notEqual((await fieldCipher(db, master, otherCity)).blindIndex('test.individual_number', '990000000019'), a);
      assert.throws(() => cipher.blindIndex('Not A Purpose', 'x'), TypeError);
    });

    it('unwraps the same keys from data_key in a new keyring, and refuses another master key naming both fingerprints', async () => {
      const again = new Keyring(db, master, city);
      await again.load();
      assert.equal(again.active('field').id, cipher.keyring.active('field').id);
      assert.ok(again.active('field').key.equals(cipher.keyring.active('field').key));
      assert.ok(again.active('index').key.equals(cipher.keyring.active('index').key));

      const wrong = masterKeyFrom(newSecretKey(), 'other');
      await assert.rejects(new Keyring(db, wrong, city).load(), (e: unknown) =>
        e instanceof AppError && e.code === 'master_key_mismatch' && e.message.includes(master.id) && e.message.includes(wrong.id));
    });

    it('refuses a wrapped data key moved to another municipality', async () => {
      const keyId = cipher.keyring.active('field').id;
      await sql`delete from data_key where municipality_code = ${otherCity}`.execute(db.kysely);
      await sql`insert into data_key (municipality_code, key_id, purpose, wrapped_key, master_key_id)
        select ${otherCity}, key_id, purpose, wrapped_key, master_key_id from data_key where municipality_code = ${city} and key_id = ${keyId}`.execute(db.kysely);
      await assert.rejects(new Keyring(db, master, otherCity).load(), (e: unknown) => e instanceof AppError && e.code === 'decryption_failed');
      await sql`delete from data_key where municipality_code = ${otherCity}`.execute(db.kysely);
    });

    it('makes exactly one active key per purpose when two keyrings start at once', async () => {
      await sql`delete from data_key where municipality_code = ${otherCity}`.execute(db.kysely);
      const [a, b] = [new Keyring(db, master, otherCity), new Keyring(db, master, otherCity)];
      await Promise.all([a.load(), b.load()]);
      assert.equal(a.active('field').id, b.active('field').id);
      assert.equal(a.active('index').id, b.active('index').id);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from data_key where municipality_code = ${otherCity}`.execute(db.kysely);
      assert.equal(rows[0]!.n, 2);
    });
  });
}
