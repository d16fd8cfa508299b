import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, city, otherCity } from '../../../test/support/audit.ts';
import { freshDb } from '../../../test/support/db.ts';
import { type FieldCipher, fieldCipher, masterKeyFrom, newSecretKey } from '../crypto/index.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { encryptedFiles } from './encrypted-files.ts';

describe('encrypted file store', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-files-'));
  const files = encryptedFiles(root);
  const master = masterKeyFrom(newSecretKey(), 'test');
  let db: Db;
  let cipher: FieldCipher;
  let other: FieldCipher;
  before(async () => {
    db = await freshDb('pglite');
    await addMunicipality(db);
    await addMunicipality(db, otherCity);
    cipher = await fieldCipher(db, master, city);
    other = await fieldCipher(db, master, otherCity);
  });
  after(async () => {
    await db.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const ref = (id = randomUUID(), kind = 'test_file') => ({ municipalityCode: city, kind, id });
  const pathOf = (r: ReturnType<typeof ref>) => path.join(root, r.municipalityCode, r.kind, r.id.slice(0, 2), r.id);

  it('writes a file sealed under the active key, owner-only, reads it back, and answers undefined for none', async () => {
    const r = ref();
    const content = Buffer.from('住民票の写し 見本 太郎');
    await files.write(cipher, r, content);
    const stored = fs.readFileSync(pathOf(r));
    assert.ok(!stored.includes(content));
    assert.equal(fs.statSync(pathOf(r)).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(pathOf(r))).mode & 0o777, 0o700);
    assert.equal(await files.keyIdOf(r), cipher.keyring.active('field').id);
    assert.ok((await files.read(cipher, r))?.equals(content));
    assert.equal(await files.read(cipher, ref()), undefined);
    assert.equal(await files.keyIdOf(ref()), undefined);
  });

  it('replaces a file whole, leaving no temporary behind', async () => {
    const r = ref();
    await files.write(cipher, r, Buffer.from('first'));
    await files.write(cipher, r, Buffer.from('second, longer than the first'));
    assert.equal((await files.read(cipher, r))?.toString(), 'second, longer than the first');
    assert.deepEqual(fs.readdirSync(path.dirname(pathOf(r))).filter((n) => n.startsWith(r.id) && n !== r.id), []);
  });

  it('refuses a file altered, moved to another name or kind, or opened with another municipality’s cipher', async () => {
    const a = ref();
    const b = ref();
    await files.write(cipher, a, Buffer.from('a'));
    await files.write(cipher, b, Buffer.from('b'));
    const failed = (e: unknown) => e instanceof AppError && e.code === 'decryption_failed';
    fs.copyFileSync(pathOf(a), pathOf(b));
    await assert.rejects(files.read(cipher, b), failed);
    const otherKind = ref(a.id, 'other_file');
    fs.mkdirSync(path.dirname(pathOf(otherKind)), { recursive: true });
    fs.copyFileSync(pathOf(a), pathOf(otherKind));
    await assert.rejects(files.read(cipher, otherKind), failed);
    const bytes = fs.readFileSync(pathOf(a));
    bytes[bytes.length - 20]! ^= 1;
    fs.writeFileSync(pathOf(a), bytes);
    await assert.rejects(files.read(cipher, a), failed);
    await assert.rejects(files.read(other, a), /another municipality/);
    await assert.rejects(files.write(other, a, Buffer.from('x')), /another municipality/);
  });

  it('builds no path from anything but a municipality code, a plain kind and a UUID', async () => {
    for (const bad of [
      { municipalityCode: '../../etc', kind: 'test_file', id: randomUUID() },
      { municipalityCode: city, kind: '../x', id: randomUUID() },
      { municipalityCode: city, kind: 'test_file', id: '../../../passwd' },
      { municipalityCode: city, kind: 'test_file', id: `${randomUUID()}/..` },
    ]) {
      await assert.rejects(files.write(cipher, bad, Buffer.from('x')), TypeError);
      await assert.rejects(files.read(cipher, bad), TypeError);
      await assert.rejects(files.remove(bad), TypeError);
    }
  });

  it('lists a kind’s files (not temporaries), removes one once, and writes again after its directory went', async () => {
    const kind = 'listed_file';
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await files.write(cipher, ref(id, kind), Buffer.from(id));
    fs.writeFileSync(`${pathOf(ref(ids[0], kind))}.0123456789ab.tmp`, 'cut off');
    const listed = [];
    for await (const f of files.list(city, kind)) listed.push(f.id);
    assert.deepEqual(listed.sort(), [...ids].sort());
    assert.equal(await files.remove(ref(ids[1], kind)), true);
    assert.equal(await files.remove(ref(ids[1], kind)), false);
    fs.rmSync(path.join(root, city, kind), { recursive: true });
    await files.write(cipher, ref(ids[2], kind), Buffer.from('again'));
    assert.equal((await files.read(cipher, ref(ids[2], kind)))?.toString(), 'again');
  });
});
