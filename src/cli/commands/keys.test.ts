import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { runCommand } from '../../../test/support/cli.ts';
import { loadConfig } from '../../platform/config.ts';
import { fieldCipher, loadMasterKey, masterKeyPath } from '../../platform/crypto/index.ts';
import { openPglite } from '../../platform/db/index.ts';
import { encryptedFiles } from '../../platform/files/index.ts';

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-keys-cli-'));
  made.push(dir);
  return dir;
};
const city = '279994';

/** Opens the embedded database of a data directory while no command holds it. */
async function withData<T>(data: string, fn: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<T>): Promise<T> {
  const db = await openPglite(path.join(data, 'pglite'));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const fieldKeys = (data: string) =>
  withData(data, async (db) =>
    (await sql<{ key_id: string; retired: boolean; master_key_id: string }>`select key_id, retired_at is not null as retired, master_key_id
      from data_key where purpose = 'field' order by created_at`.execute(db.kysely)).rows);

describe('madoguchi keys', () => {
  it('rotates the data key, then re-wraps every data key under a new key file, and old values still decrypt', { skip: process.platform === 'win32' }, async () => {
    const data = tempDir();
    assert.equal((await runCommand(['migrate', '--data', data])).code, 0);
    const nothing = await runCommand(['keys', 'rotate', '--data', data]);
    assert.equal(nothing.code, 0, nothing.stderr);
    assert.match(nothing.stdout, /nothing to rotate/);

    // A value and an attachment file (in <data>/files, the default file store) under the first key.
    const files = encryptedFiles(path.join(data, 'files'));
    const file = { municipalityCode: city, kind: 'application_attachment', id: randomUUID() };
    const ciphertext = await withData(data, async (db) => {
      await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja) values ('${city}', '見本市', 'Mihon', '大阪府', '見本市長')`);
      const cipher = await fieldCipher(db, loadMasterKey({ dataDir: data }), city);
      await files.write(cipher, file, Buffer.from('免許証の画像'));
      return cipher.encryptField('990000000019', 'aad');
    });
    const [first] = await fieldKeys(data);

    const rotated = await runCommand(['keys', 'rotate', '--data', data]);
    assert.equal(rotated.code, 0, rotated.stderr);
    const keys = await fieldKeys(data);
    assert.deepEqual(keys.map((k) => [k.key_id, k.retired]), [[first!.key_id, true], [keys[1]!.key_id, false]]);
    assert.match(rotated.stdout, new RegExp(`279994: .*new key ${keys[1]!.key_id}, .*retired ${first!.key_id}.* and 1 files`));
    assert.equal(await files.keyIdOf(file), keys[1]!.key_id);

    const keyFile = masterKeyPath(data);
    const oldMaster = loadMasterKey({ dataDir: data });
    const rewrapped = await runCommand(['keys', 'rotate', '--master', '--data', data]);
    assert.equal(rewrapped.code, 0, rewrapped.stderr);
    const newMaster = loadMasterKey({ dataDir: data });
    assert.notEqual(newMaster.id, oldMaster.id);
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(fs.statSync(`${keyFile}.retired-${oldMaster.id}`).mode & 0o777, 0o600);
    assert.ok(!fs.existsSync(`${keyFile}.new`));
    assert.deepEqual([...new Set((await fieldKeys(data)).map((k) => k.master_key_id))], [newMaster.id]);
    assert.ok(!rewrapped.stdout.includes(fs.readFileSync(keyFile, 'utf8').trim()), 'the new key is printed');
    const [clear, image] = await withData(data, async (db) => {
      const cipher = await fieldCipher(db, newMaster, city);
      return [await cipher.decryptField(ciphertext, 'aad'), (await files.read(cipher, file))?.toString()];
    });
    assert.equal(clear, '990000000019');
    assert.equal(image, '免許証の画像');
  });

  it('re-wraps under MADOGUCHI_NEW_MASTER_KEY when the master key comes from the environment, printing neither key', async () => {
    const data = tempDir();
    const [current, next] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    assert.equal((await runCommand(['migrate', '--data', data])).code, 0);
    await withData(data, async (db) => {
      await db.script(`insert into municipality (municipality_code, name_ja, name_en, prefecture_ja, mayor_title_ja) values ('${city}', '見本市', 'Mihon', '大阪府', '見本市長')`);
      await fieldCipher(db, loadMasterKey(loadConfig({ data }, { MADOGUCHI_MASTER_KEY: current })), city);
    });
    const r = await runCommand(['keys', 'rotate', '--master', '--data', data], { MADOGUCHI_MASTER_KEY: current, MADOGUCHI_NEW_MASTER_KEY: next });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /now set MADOGUCHI_MASTER_KEY to the new key/);
    for (const key of [current, next]) assert.ok(!(r.stdout + r.stderr).includes(key), 'a master key is printed');
    const nextMaster = loadMasterKey(loadConfig({ data }, { MADOGUCHI_MASTER_KEY: next }));
    assert.deepEqual([...new Set((await fieldKeys(data)).map((k) => k.master_key_id))], [nextMaster.id]);
    assert.equal(fs.existsSync(path.join(data, 'keys')), false, 'no key file is made when the key comes from the environment');
  });

  const mistakes: Array<[string[], Record<string, string>, RegExp]> = [
    [['keys'], {}, /keys needs a subcommand/],
    [['keys', 'frobnicate'], {}, /Unknown command: keys frobnicate/],
    [['keys', 'rotate', '--batch', '0'], {}, /--batch must be an integer/],
    [['keys', 'rotate', '--master', '--batch', '10'], {}, /--master cannot be combined/],
    [['keys', 'rotate', '--master'], { MADOGUCHI_MASTER_KEY: randomBytes(32).toString('base64') }, /Set MADOGUCHI_NEW_MASTER_KEY/],
  ];
  for (const [args, env, message] of mistakes) {
    it(`answers \`${args.join(' ')}\`${Object.keys(env).length ? ' with a master key in the environment' : ''} with a clear error and exit code 2`, async () => {
      const data = tempDir();
      const r = await runCommand([...args, '--data', data], env);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    });
  }

  it('refuses a key file other users can read, exit 1, naming the file and chmod 600', { skip: process.platform === 'win32' }, async () => {
    const data = tempDir();
    loadMasterKey({ dataDir: data });
    fs.chmodSync(masterKeyPath(data), 0o644);
    const r = await runCommand(['keys', 'rotate', '--data', data]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /chmod 600/);
    assert.ok(r.stderr.includes(masterKeyPath(data)));
    assert.ok(!r.stderr.includes(fs.readFileSync(masterKeyPath(data), 'utf8').trim()));
  });
});
