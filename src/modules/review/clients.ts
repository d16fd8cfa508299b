// 審査アシストの接続先: the systems that may call POST /api/v1/review/match, registered by an administrator, and
// recognised again by their bearer token on every call.
//
// A token is `<municipality code>.<client id>.<43 characters of base64url>`, 256 random bits in all. The first two
// parts find the row; the SHA-256 of the whole token is compared with the stored one in constant time. A plain hash is
// enough where a password needs argon2id: nobody can guess 256 random bits, so there is no dictionary to slow down,
// and a hash costs a microsecond where argon2id would cost 50 ms of a call that must answer in 20. Rows are cached
// for a few seconds, so a busy client costs no database read per call; a suspension made elsewhere (the command line,
// another server) takes effect within that time, one made here (the alert) at once. The review server reads a row,
// and suspends a client, only through the SECURITY DEFINER functions of migration 0013: its login cannot read the table.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuditActor } from '../../platform/audit/index.ts';
import { appendAudit, subjectId } from '../../platform/audit/index.ts';
import { type NetworkAllowList, parseAllowList } from '../../platform/access/networks.ts';
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { reviewClientOperations as ops } from './clients-audit.ts';
import {
  findReviewClient,
  insertReviewClient,
  listReviewClientRows,
  type ReviewClientAuthRow,
  type ReviewClientRow,
  setReviewClientSuspension,
  suspendReviewClientByFunction,
} from './clients-store.ts';

/** The default of rate_limit_per_minute: calls in any 60 seconds. */
export const defaultRatePerMinute = 600;
export const maxRatePerMinute = 1_000_000;

const tokenPattern = /^(\d{6})\.(rc_[0-9a-f]{16})\.[A-Za-z0-9_-]{43}$/;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A client as the API admits it: who it is, and what it may do. */
export interface ReviewClient {
  municipalityCode: string;
  clientId: string;
  name: string;
  ratePerMinute: number;
  suspendOnAlert: boolean;
  /** Set while the client is suspended. */
  suspended: { at: Date; reason: string } | undefined;
  /** Whether an address may call as this client; admits every address when no networks are registered. */
  admits: NetworkAllowList;
}

/** What an administrator gives when registering a client. */
export interface NewReviewClient {
  municipalityCode: string;
  /** What the client is called, e.g. スマート申請 審査サーバー (a system, not a person). */
  name: string;
  /** CIDR blocks or addresses it may call from; empty for any. */
  networks?: readonly string[];
  ratePerMinute?: number;
  /** Suspend it automatically when a burst of no_match answers raises the alert. */
  suspendOnAlert?: boolean;
}

/** Checks what an administrator typed; the message names the field, never echoes a secret (there is none yet). */
function checkNewClient(c: NewReviewClient): void {
  const name = c.name.trim();
  if (name.length < 1 || name.length > 100 || /\p{Cc}/u.test(name)) throw new AppError('validation_failed', { field: 'name' });
  const rate = c.ratePerMinute ?? defaultRatePerMinute;
  if (!Number.isSafeInteger(rate) || rate < 1 || rate > maxRatePerMinute) throw new AppError('validation_failed', { field: 'ratePerMinute' });
  try {
    parseAllowList(c.networks ?? []);
  } catch {
    throw new AppError('validation_failed', { field: 'networks' });
  }
}

/**
 * Registers a client (接続先の登録) with its audit event; returns its id and its bearer token. The token is not stored
 * and cannot be shown again: a lost token means registering a new client and suspending the old one.
 */
export async function registerReviewClient(db: Db, c: NewReviewClient, actor: AuditActor): Promise<{ clientId: string; token: string }> {
  checkNewClient(c);
  const clientId = `rc_${randomBytes(8).toString('hex')}`;
  const token = `${c.municipalityCode}.${clientId}.${randomBytes(32).toString('base64url')}`;
  const networks = (c.networks ?? []).map((n) => n.trim());
  const ratePerMinute = c.ratePerMinute ?? defaultRatePerMinute;
  const suspendOnAlert = c.suspendOnAlert ?? false;
  await db.transaction(async (tx) => {
    await insertReviewClient(tx, { municipalityCode: c.municipalityCode, clientId, name: c.name.trim(), secretSha256: sha256(token), allowedNetworks: networks, ratePerMinute, suspendOnAlert, createdBy: actor.userId });
    await appendAudit(tx, {
      municipalityCode: c.municipalityCode,
      operation: ops['review.client.register'],
      actor,
      subjects: [subjectId('review_client', clientId)],
      detail: `rate ${ratePerMinute}/min, networks ${networks.length ? networks.join(' ') : 'any'}, suspend on alert ${suspendOnAlert}`,
    });
  });
  return { clientId, token };
}

/** A suspension (利用停止) or its end, as asked of changeReviewClientSuspension. */
export interface SuspensionChange {
  municipalityCode: string;
  clientId: string;
  suspend: boolean;
  /** Why, in words and ids only (e.g. "cli", or the alert's counts); kept on the row while suspended. */
  reason: string;
}

/**
 * Suspends or resumes a client inside the caller's transaction, with its audit event; throws review_client_not_found.
 * `by: 'review_server'` suspends as the review server's login may, through review_api_client_suspend (migration
 * 0013), which cannot resume; the administrator's command line writes the table.
 */
export async function applySuspensionChange(tx: Tx, change: SuspensionChange, actor: AuditActor, options: { by?: 'administrator' | 'review_server' } = {}): Promise<void> {
  const { municipalityCode, clientId, suspend, reason } = change;
  const byServer = options.by === 'review_server';
  if (byServer && !suspend) throw new Error('the review server may suspend a client, never resume one');
  const found = byServer
    ? await suspendReviewClientByFunction(tx, municipalityCode, clientId, reason)
    : await setReviewClientSuspension(tx, municipalityCode, clientId, suspend ? reason : null);
  if (!found) throw new AppError('review_client_not_found', { clientId });
  await appendAudit(tx, {
    municipalityCode,
    operation: ops[suspend ? 'review.client.suspend' : 'review.client.resume'],
    actor,
    subjects: [subjectId('review_client', clientId)],
    detail: reason,
  });
}

/** Suspends or resumes a client, with its audit event (the command line's review client suspend|resume). */
export async function changeReviewClientSuspension(db: Db, change: SuspensionChange, actor: AuditActor): Promise<void> {
  await db.transaction((tx) => applySuspensionChange(tx, change, actor));
}

/** Every client of a municipality, as the administrator lists them (without the token's hash). */
export async function listReviewClients(db: Db, municipalityCode: string): Promise<Array<Omit<ReviewClientRow, 'secretSha256'>>> {
  return (await listReviewClientRows(db, municipalityCode)).map((row) => {
    const client: Partial<ReviewClientRow> = { ...row };
    delete client.secretSha256;
    return client as Omit<ReviewClientRow, 'secretSha256'>;
  });
}

/** A row as the API uses it; a stored network that no longer parses admits nobody rather than everybody. */
function clientOf(row: ReviewClientAuthRow): ReviewClient {
  let admits: NetworkAllowList;
  try {
    admits = row.allowedNetworks.length ? parseAllowList(row.allowedNetworks) : () => true;
  } catch {
    admits = () => false;
  }
  return {
    municipalityCode: row.municipalityCode,
    clientId: row.clientId,
    name: row.name,
    ratePerMinute: row.ratePerMinute,
    suspendOnAlert: row.suspendOnAlert,
    suspended: row.suspendedAt ? { at: row.suspendedAt, reason: row.suspendedReason ?? '' } : undefined,
    admits,
  };
}

/** Knows clients by their token, from a short-lived cache of their rows. */
export interface ReviewClientDirectory {
  /** The client a token belongs to; throws AppError('invalid_api_token') for any token that is not a live one. */
  authenticate(token: string): Promise<ReviewClient>;
  /** Drops a client from the cache, so its next call reads the row again (after this process changed it). */
  forget(municipalityCode: string, clientId: string): void;
}

interface Cached {
  expires: number;
  row: Promise<ReviewClientAuthRow | undefined>;
}

/** A directory over the database; `ttlMs` is how long a row (or its absence) is believed. */
export function createReviewClientDirectory(db: Db, options: { ttlMs?: number; now?: () => number; maxEntries?: number } = {}): ReviewClientDirectory {
  const ttlMs = options.ttlMs ?? 5_000;
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000; // made-up client ids must not grow the cache without end
  const cache = new Map<string, Cached>();
  const clients = new WeakMap<ReviewClientAuthRow, ReviewClient>();

  const rowOf = (municipalityCode: string, clientId: string): Promise<ReviewClientAuthRow | undefined> => {
    const key = `${municipalityCode}.${clientId}`;
    const hit = cache.get(key);
    if (hit && hit.expires > now()) return hit.row;
    if (cache.size >= maxEntries) cache.clear();
    // One read however many calls arrive while it runs; a failed read is not remembered.
    const row = findReviewClient(db, municipalityCode, clientId);
    cache.set(key, { expires: now() + ttlMs, row });
    row.catch(() => cache.delete(key));
    return row;
  };

  return {
    async authenticate(token) {
      const m = tokenPattern.exec(token);
      if (!m) throw new AppError('invalid_api_token');
      const row = await rowOf(m[1]!, m[2]!);
      const given = Buffer.from(sha256(token), 'hex');
      if (!row || !timingSafeEqual(given, Buffer.from(row.secretSha256, 'hex'))) throw new AppError('invalid_api_token');
      let client = clients.get(row);
      if (!client) clients.set(row, (client = clientOf(row)));
      return client;
    },
    forget(municipalityCode, clientId) {
      cache.delete(`${municipalityCode}.${clientId}`);
    },
  };
}
