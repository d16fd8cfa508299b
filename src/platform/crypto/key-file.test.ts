import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { createKeyFile, loadMasterKey, masterKeyPath, readKeyFile } from './key-file.ts';
import { masterKeyFrom, newSecretKey } from './master-key.ts';

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-keys-'));
  made.push(dir);
  return dir;
};
const posix = process.platform !== 'win32';
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('master key file', () => {
  it('is created on first use under <dataDir>/keys with mode 0600 in a 0700 folder, and read back the same afterwards', { skip: !posix }, () => {
    const dataDir = tempDir();
    const first = loadMasterKey({ dataDir });
    const file = masterKeyPath(dataDir);
    assert.equal(file, path.join(dataDir, 'keys', 'master.key'));
    assert.equal(mode(file), 0o600);
    assert.equal(mode(path.dirname(file)), 0o700);
    assert.match(fs.readFileSync(file, 'utf8'), /^[A-Za-z0-9+/]{43}=\n$/);
    assert.equal(first.source, file);
    assert.match(first.id, /^[0-9a-f]{16}$/);
    assert.equal(loadMasterKey({ dataDir }).id, first.id);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['master.key'], 'no temporary file is left behind');
  });

  it('is 0600 even under a permissive umask', { skip: !posix }, () => {
    const previous = process.umask(0);
    try {
      const dataDir = tempDir();
      loadMasterKey({ dataDir });
      assert.equal(mode(masterKeyPath(dataDir)), 0o600);
    } finally {
      process.umask(previous);
    }
  });

  for (const unsafe of [0o644, 0o640, 0o604, 0o660]) {
    it(`is refused when its mode is 0${unsafe.toString(8)}, with a message naming the file, its mode and chmod 600`, { skip: !posix }, () => {
      const dataDir = tempDir();
      loadMasterKey({ dataDir });
      const file = masterKeyPath(dataDir);
      fs.chmodSync(file, unsafe);
      const key = fs.readFileSync(file, 'utf8').trim();
      assert.throws(() => loadMasterKey({ dataDir }), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'master_key_file_unsafe');
        assert.ok(e.message.includes(file) && e.message.includes(`0${unsafe.toString(8)}`) && e.message.includes('chmod 600'));
        assert.ok(!inspect(e, { showHidden: true }).includes(key), 'the key is in the error');
        return true;
      });
    });
  }

  it('is accepted read-only for its owner (0400)', { skip: !posix }, () => {
    const dataDir = tempDir();
    const id = loadMasterKey({ dataDir }).id;
    fs.chmodSync(masterKeyPath(dataDir), 0o400);
    assert.equal(loadMasterKey({ dataDir }).id, id);
  });

  for (const [content, why] of [['', 'empty'], ['not base64 at all!', 'not base64'], [`${randomBytes(16).toString('base64')}\n`, '16 bytes'], [`${randomBytes(33).toString('base64')}\n`, '33 bytes']]) {
    it(`is refused when it holds ${why}`, () => {
      const file = path.join(tempDir(), 'master.key');
      fs.writeFileSync(file, content!, { mode: 0o600 });
      assert.throws(() => readKeyFile(file), (e: unknown) => e instanceof AppError && e.code === 'master_key_file_invalid' && e.message.includes(file));
    });
  }

  it('is never overwritten by a second creation (two processes starting at once)', () => {
    const file = path.join(tempDir(), 'keys', 'master.key');
    assert.equal(createKeyFile(file, newSecretKey()), true);
    const before = fs.readFileSync(file, 'utf8');
    assert.equal(createKeyFile(file, newSecretKey()), false);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });
});

describe('master key from MADOGUCHI_MASTER_KEY', () => {
  const bytes = randomBytes(32);
  const base64 = bytes.toString('base64');

  it('is used when given, and no key file is created', () => {
    const dataDir = tempDir();
    const config = loadConfig({ data: dataDir }, { MADOGUCHI_MASTER_KEY: base64 });
    const master = loadMasterKey(config);
    assert.equal(master.source, 'MADOGUCHI_MASTER_KEY');
    assert.equal(master.id, masterKeyFrom(createSecretKey(bytes), 'x').id);
    assert.equal(fs.existsSync(path.join(dataDir, 'keys')), false);
  });

  it('never shows its bytes when the configuration is printed or serialised', () => {
    const config = loadConfig({}, { MADOGUCHI_MASTER_KEY: base64, MADOGUCHI_NEW_MASTER_KEY: randomBytes(32).toString('base64') });
    const printed = inspect(config, { depth: null, showHidden: true }) + JSON.stringify(config);
    for (const form of [base64, bytes.toString('hex'), bytes.toString('base64url')]) assert.ok(!printed.includes(form));
    const master = loadMasterKey(config);
    assert.ok(!(inspect(master, { depth: null, showHidden: true }) + JSON.stringify(master)).includes(base64));
  });

  const malformed: Array<[string, string]> = [
    ['c2hvcnQ=', 'too short'],
    [randomBytes(33).toString('base64'), '33 bytes'],
    [`${base64.slice(0, 20)}!${base64.slice(21)}`, 'a character outside base64'],
    [bytes.toString('hex'), 'hex instead of base64'],
  ];
  for (const variable of ['MADOGUCHI_MASTER_KEY', 'MADOGUCHI_NEW_MASTER_KEY']) {
    for (const [value, why] of malformed) {
      it(`stops start-up naming ${variable} when it is ${why}, without echoing the value`, () => {
        assert.throws(() => loadConfig({}, { [variable]: value }), (e: unknown) => {
          assert.ok(e instanceof AppError && e.code === 'config_invalid');
          assert.ok(e.message.includes(variable) && e.localized('ja').includes(variable));
          assert.ok(!inspect(e, { showHidden: true }).includes(value));
          return true;
        });
      });
    }
  }

  it('is absent when the variable is unset or blank', () => {
    assert.equal(loadConfig({}, {}).masterKey, undefined);
    assert.equal(loadConfig({}, { MADOGUCHI_MASTER_KEY: '  ' }).masterKey, undefined);
  });
});
