// Each municipality's Ed25519 audit key: <dataDir>/keys/audit-<code>.pem (mode 0600), made on first use,
// with the public half beside it (audit-<code>.pub.pem) to hand to auditors.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

/** A municipality's signing key with its public half and fingerprint. */
export interface AuditKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

function keyFile(dataDir: string, municipalityCode: string, suffix: '.pem' | '.pub.pem'): string {
  // The code becomes a file name, so it must be exactly six digits.
  if (!/^\d{6}$/.test(municipalityCode)) throw new AppError('municipality_code_invalid', { code: municipalityCode });
  return path.join(dataDir, 'keys', `audit-${municipalityCode}${suffix}`);
}

/** Where the private key lives. */
export function auditKeyPath(dataDir: string, municipalityCode: string): string {
  return keyFile(dataDir, municipalityCode, '.pem');
}

/** Where the public key lives. */
export function auditPublicKeyPath(dataDir: string, municipalityCode: string): string {
  return keyFile(dataDir, municipalityCode, '.pub.pem');
}

/** The first 16 hex digits of SHA-256 over the public key (SPKI DER): names the key in each anchor. */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Writes a file that appears complete or not at all; false when another process made it first. */
function createExclusive(file: string, text: string, mode: number): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  try {
    const fd = fs.openSync(tmp, 'wx', mode);
    try {
      fs.fchmodSync(fd, mode); // whatever the umask
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.linkSync(tmp, file); // fails when the name exists, so two first uses cannot both win
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readPrivateKey(file: string): KeyObject {
  // One descriptor for the mode check and the read, so the file cannot be swapped in between.
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new AppError('audit_key_file_unsafe', { path: file, mode: `0${(stat.mode & 0o777).toString(8)}` });
    }
    const key = createPrivateKey(fs.readFileSync(fd, 'utf8'));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('audit_key_file_invalid', { path: file }, { cause: e });
  } finally {
    fs.closeSync(fd);
  }
}

/** The municipality's signing key, created with mode 0600 on first use. */
export function loadAuditKey(config: Pick<Config, 'dataDir'>, municipalityCode: string): AuditKey {
  const file = auditKeyPath(config.dataDir, municipalityCode);
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    createExclusive(file, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o600);
  }
  const privateKey = readPrivateKey(file);
  const publicKey = createPublicKey(privateKey);
  const pub = auditPublicKeyPath(config.dataDir, municipalityCode);
  if (!fs.existsSync(pub)) createExclusive(pub, publicKey.export({ type: 'spki', format: 'pem' }) as string, 0o644);
  return { privateKey, publicKey, keyId: auditKeyId(publicKey) };
}

/** A public key from a PEM file, e.g. the copy an auditor keeps away from the server. */
export function readAuditPublicKey(file: string): KeyObject {
  try {
    const key = createPublicKey(fs.readFileSync(file, 'utf8'));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch (e) {
    throw new AppError('audit_key_file_invalid', { path: file }, { cause: e });
  }
}
