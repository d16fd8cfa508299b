// Anchors: the chain head signed with the municipality's Ed25519 key, one JSON line per anchor in a file outside
// the database. A rewrite of the whole chain recomputes every hash, but it cannot re-sign the anchors already
// shipped off the server, so verifyAgainstAnchors finds it.
import { type KeyObject, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { loadAuditKey } from './keys.ts';
import { auditedMunicipalities, findAuditRow } from './store.ts';
import { type ChainBreak, verifyAuditChain } from './verify.ts';

/** One line of the anchors file. */
export interface AuditAnchor {
  v: 1;
  municipalityCode: string;
  seq: number;
  hash: string;
  /** ISO 8601 UTC, when it was signed. */
  anchoredAt: string;
  /** auditKeyId of the signing key. */
  keyId: string;
  /** Ed25519 signature (base64) over anchorMessage(). */
  signature: string;
}

/** The anchors file the embedded deployment writes by default; copy it off the server (README.md). */
export function defaultAnchorsFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'audit-anchors.jsonl');
}

/** The exact bytes an anchor's signature covers: a versioned line per field. */
export function anchorMessage(a: Pick<AuditAnchor, 'municipalityCode' | 'seq' | 'hash' | 'anchoredAt'>): Buffer {
  return Buffer.from(`madoguchi-audit-anchor-v1\n${a.municipalityCode}\n${a.seq}\n${a.hash}\n${a.anchoredAt}\n`, 'utf8');
}

/** The anchors in a file, each with its line number; a line that is not an anchor is returned as malformed. */
export function readAnchors(file: string): Array<{ line: number; anchor: AuditAnchor | undefined }> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('audit_anchors_missing', { path: file }, { cause: e });
  }
  return text.split('\n').flatMap((raw, i) => (raw.trim() ? [{ line: i + 1, anchor: parseAnchor(raw) }] : []));
}

function parseAnchor(raw: string): AuditAnchor | undefined {
  try {
    const a = JSON.parse(raw) as Partial<AuditAnchor>;
    const wellFormed = a.v === 1 && typeof a.municipalityCode === 'string' && Number.isSafeInteger(a.seq) && typeof a.hash === 'string'
      && typeof a.anchoredAt === 'string' && typeof a.keyId === 'string' && typeof a.signature === 'string';
    return wellFormed ? (a as AuditAnchor) : undefined;
  } catch {
    return undefined;
  }
}

/** The result of anchoring: the new anchor, nothing to anchor (empty chain), or a chain that must not be signed. */
export type AnchorResult = { anchored: AuditAnchor } | { empty: true } | { broken: ChainBreak };

/**
 * Signs the chain head and appends it to the anchors file. The chain since the last anchor (or since the start)
 * is verified first, so an anchor always vouches for an intact chain; the daily job calls this per municipality.
 */
export async function anchorAuditChain(
  db: Db,
  config: Pick<Config, 'dataDir'>,
  municipalityCode: string,
  options: { anchorsFile?: string; now?: Date } = {},
): Promise<AnchorResult> {
  const file = options.anchorsFile ?? defaultAnchorsFile(config);
  const previous = fs.existsSync(file) ? readAnchors(file).map((l) => l.anchor).filter((a) => a?.municipalityCode === municipalityCode).at(-1) : undefined;
  const still = previous && (await findAuditRow(db, municipalityCode, previous.seq))?.hash === previous.hash;
  const verdict = await verifyAuditChain(db, municipalityCode, still ? { after: { seq: previous.seq, hash: previous.hash } } : {});
  if (!verdict.ok) return { broken: verdict.broken };
  if (verdict.head.seq === 0) return { empty: true };
  const key = loadAuditKey(config, municipalityCode);
  const unsigned = { municipalityCode, seq: verdict.head.seq, hash: verdict.head.hash, anchoredAt: (options.now ?? new Date()).toISOString() };
  const anchor: AuditAnchor = { v: 1, ...unsigned, keyId: key.keyId, signature: sign(null, anchorMessage(unsigned), key.privateKey).toString('base64') };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o644);
  try {
    fs.writeSync(fd, `${JSON.stringify(anchor)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { anchored: anchor };
}

/** Anchors every municipality that has a chain; what the worker role runs once a day. */
export async function anchorAllAuditChains(db: Db, config: Pick<Config, 'dataDir'>, options: { anchorsFile?: string; now?: Date } = {}): Promise<Map<string, AnchorResult>> {
  const results = new Map<string, AnchorResult>();
  for (const code of await auditedMunicipalities(db)) results.set(code, await anchorAuditChain(db, config, code, options));
  return results;
}

/** Why an anchor does not hold: unreadable, not signed by the key, or the chain no longer has that hash at that seq. */
export type AnchorBreakReason = 'malformed' | 'signature invalid' | 'event missing' | 'hash differs';

/** The verdict of the anchors on a chain. */
export type AnchorVerification =
  | { ok: true; anchors: number }
  | { ok: false; anchors: number; broken: { line: number; seq: number | undefined; reason: AnchorBreakReason } };

/** Checks every anchor of the municipality in the file: its signature, and that the chain still has its hash at its seq. */
export async function verifyAgainstAnchors(db: Db, municipalityCode: string, anchorsFile: string, publicKey: KeyObject): Promise<AnchorVerification> {
  let anchors = 0;
  for (const { line, anchor } of readAnchors(anchorsFile)) {
    const broken = (reason: AnchorBreakReason): AnchorVerification => ({ ok: false, anchors, broken: { line, seq: anchor?.seq, reason } });
    if (!anchor) return broken('malformed');
    if (anchor.municipalityCode !== municipalityCode) continue;
    if (!verify(null, anchorMessage(anchor), publicKey, Buffer.from(anchor.signature, 'base64'))) return broken('signature invalid');
    const row = await findAuditRow(db, municipalityCode, anchor.seq);
    if (!row) return broken('event missing');
    if (row.hash !== anchor.hash) return broken('hash differs');
    anchors++;
  }
  return { ok: true, anchors };
}
