// コンビニ交付の接続先: the issuance center's systems that may call POST /api/v1/kiosk/certificates, registered by an
// administrator. A token is `<municipality code>.<client id>.<43 characters of base64url>` (256 random bits); only
// its SHA-256 is stored and compared in constant time, and the caller's address must be in the client's allow-list.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { type ApiClientPrincipal } from '../../../platform/access/can.ts';
import { parseAllowList } from '../../../platform/access/networks.ts';
import { type AuditActor, appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { certificateOperations as ops } from '../audit.ts';
import { findKioskClient, insertKioskClient, listKioskClientRows, type KioskClientRow } from '../issuance/store.ts';

const tokenPattern = /^(\d{6})\.(kc_[0-9a-f]{16})\.[A-Za-z0-9_-]{43}$/;
const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Registers a client with its audit event; the token is shown once and never stored. */
export async function registerKioskClient(
  db: Db,
  c: { municipalityCode: string; name: string; networks?: readonly string[] },
  actor: AuditActor,
): Promise<{ clientId: string; token: string }> {
  const name = c.name.trim();
  if (name.length < 1 || name.length > 100 || /\p{Cc}/u.test(name)) throw new AppError('validation_failed', { field: 'name' });
  const networks = (c.networks ?? []).map((n) => n.trim()).filter(Boolean);
  try {
    parseAllowList(networks);
  } catch {
    throw new AppError('validation_failed', { field: 'networks' });
  }
  const clientId = `kc_${randomBytes(8).toString('hex')}`;
  const token = `${c.municipalityCode}.${clientId}.${randomBytes(32).toString('base64url')}`;
  await db.transaction(async (tx) => {
    await insertKioskClient(tx, { municipalityCode: c.municipalityCode, clientId, name, secretSha256: sha256(token).toString('hex'), allowedNetworks: networks, createdBy: actor.userId });
    await appendAudit(tx, {
      municipalityCode: c.municipalityCode,
      operation: ops['certificates.kiosk.client.register'],
      actor,
      subjects: [subjectId('kiosk_client', clientId)],
      detail: `networks ${networks.length ? networks.join(' ') : 'any'}`,
    });
  });
  return { clientId, token };
}

/** The clients of a municipality without their hashes. */
export async function listKioskClients(db: Db, municipalityCode: string): Promise<Omit<KioskClientRow, 'secretSha256'>[]> {
  return (await listKioskClientRows(db.kysely, municipalityCode)).map(({ secretSha256: _hidden, ...rest }) => rest);
}

/** The API client a bearer token belongs to, when it is live and called from an allowed address. */
export async function authenticateKioskClient(db: Db, token: string, req: Pick<FastifyRequest, 'ip'>): Promise<ApiClientPrincipal> {
  const m = tokenPattern.exec(token);
  if (!m) throw new AppError('invalid_api_token');
  const row = await findKioskClient(db.kysely, m[1]!, m[2]!);
  if (!row || !timingSafeEqual(sha256(token), Buffer.from(row.secretSha256, 'hex'))) throw new AppError('invalid_api_token');
  if (row.suspendedAt) throw new AppError('api_client_suspended');
  let admitted = row.allowedNetworks.length === 0;
  try {
    admitted ||= parseAllowList(row.allowedNetworks)(req.ip);
  } catch {
    admitted = false; // a stored network that no longer parses admits nobody rather than everybody
  }
  if (!admitted) throw new AppError('api_client_network_refused');
  return { kind: 'api_client', clientKind: 'kiosk', municipalityCode: row.municipalityCode, clientId: row.clientId, name: row.name };
}
