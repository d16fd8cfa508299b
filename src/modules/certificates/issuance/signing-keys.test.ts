import assert from 'node:assert/strict';
import { sign, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, city, otherCity } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import { type FieldCipher, fieldCipher, masterKeyFrom, newSecretKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { activeSigningKey, publicKeyObject, publishedKeys, rotateSigningKey } from './signing-keys.ts';

const master = masterKeyFrom(newSecretKey(), 'test');

for (const backend of backends) {
  describe(`certificate signing keys on ${backend}`, () => {
    let db: Db;
    let cipher: FieldCipher;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
      cipher = await fieldCipher(db, master, city);
    });
    after(() => db.close());

    it('makes one key on first use, however many ask at once, and publishes its public half', async () => {
      const keys = await Promise.all(Array.from({ length: 8 }, () => activeSigningKey(db, cipher)));
      assert.equal(new Set(keys.map((k) => k.keyId)).size, 1);
      const published = (await publishedKeys(db)).filter((k) => k.municipalityCode === city);
      assert.equal(published.length, 1);
      assert.equal(published[0]!.kid, keys[0]!.keyId);
      const message = Buffer.from('令和8年度 課税証明書');
      assert.ok(verify(null, message, publicKeyObject(published[0]!), sign(null, message, keys[0]!.privateKey)));
    });

    it('keeps the private half sealed: the stored bytes are not a PKCS#8 key and open only under their own key and place', async () => {
      const row = await db.kysely.selectFrom('certificate_signing_key').select(['key_id', 'private_key_sealed']).where('municipality_code', '=', city).executeTakeFirstOrThrow();
      const aad = `certificate_signing_key:${city}:${row.key_id}`;
      const pkcs8Prefix = Buffer.from('302e020100300506032b6570', 'hex'); // SEQUENCE, version 0, OID 1.3.101.112 (Ed25519)
      assert.equal(Buffer.from(row.private_key_sealed).includes(pkcs8Prefix), false);
      assert.ok((await cipher.decryptBytes(row.private_key_sealed, aad)).subarray(0, 12).equals(pkcs8Prefix));
      await assert.rejects(cipher.decryptBytes(row.private_key_sealed, `certificate_signing_key:${city}:0000000000000000`));
      await assert.rejects((await fieldCipher(db, master, otherCity)).decryptBytes(row.private_key_sealed, aad));
    });

    it('rotates: the old key stays published as retired, the new one signs', async () => {
      const before = await activeSigningKey(db, cipher);
      const newId = await rotateSigningKey(db, cipher);
      assert.notEqual(newId, before.keyId);
      assert.equal((await activeSigningKey(db, cipher)).keyId, newId);
      const published = (await publishedKeys(db)).filter((k) => k.municipalityCode === city);
      assert.deepEqual(published.map((k) => [k.kid, k.retiredAt === null]), [[before.keyId, false], [newId, true]]);
    });
  });
}
