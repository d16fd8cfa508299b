// The master key: MADOGUCHI_MASTER_KEY when set, else <dataDir>/keys/master.key, created on first use with mode 0600.
import { createSecretKey, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { type MasterKey, masterKeyFrom, newSecretKey } from './master-key.ts';

/** Where the embedded deployment keeps its master key. */
export function masterKeyPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'master.key');
}

/** The configured master key; creates the key file when there is neither a variable nor a file. */
export function loadMasterKey(config: Pick<Config, 'dataDir' | 'masterKey'>): MasterKey {
  if (config.masterKey) return masterKeyFrom(config.masterKey, 'MADOGUCHI_MASTER_KEY');
  const file = masterKeyPath(config.dataDir);
  if (!fs.existsSync(file)) createKeyFile(file, newSecretKey());
  return masterKeyFrom(readKeyFile(file), file);
}

/** Reads a key file, refusing one that users other than its owner may open. */
export function readKeyFile(file: string): KeyObject {
  // One descriptor for the mode check and the read, so the file cannot be swapped in between.
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new AppError('master_key_file_invalid', { path: file });
    // Windows has no POSIX modes; there the folder's ACL is what protects the file.
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new AppError('master_key_file_unsafe', { path: file, mode: `0${(stat.mode & 0o777).toString(8)}` });
    }
    const text = fs.readFileSync(fd, 'utf8').trim();
    const bytes = Buffer.from(text, 'base64');
    try {
      if (!/^[A-Za-z0-9+/]{43}=?$/.test(text) || bytes.length !== 32) throw new AppError('master_key_file_invalid', { path: file });
      return createSecretKey(bytes);
    } finally {
      bytes.fill(0);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a new key file with mode 0600; false when the file exists (another process won the race), which is left alone. */
export function createKeyFile(file: string, key: KeyObject): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  const bytes = key.export();
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.fchmodSync(fd, 0o600); // whatever the umask
      fs.writeFileSync(fd, `${bytes.toString('base64')}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // link() fails when the name exists, so a complete file appears under it at once or not at all.
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    bytes.fill(0);
    fs.rmSync(tmp, { force: true });
  }
}
