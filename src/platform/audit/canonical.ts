// The canonical form of an audit event and its hash, written again here from the specification in README.md
// rather than trusted from the database's trigger: the verifier must not depend on what it verifies.
import { createHash } from 'node:crypto';

/** An event as stored, with instants as canonical UTC text (microseconds), which is what the hash covers. */
export interface AuditRow {
  municipalityCode: string;
  seq: number;
  eventKey: string;
  clientIp: string;
  clientUserAgent: string;
  userId: string;
  userName: string;
  department: string;
  operationCode: string;
  operationName: string;
  category: string;
  detail: string;
  individualNumberAccess: boolean;
  outcome: string;
  subjects: string[];
  /** e.g. 2025-04-01T00:30:00.123000Z */
  startedAt: string;
  endedAt: string;
  prevHash: string;
  hash: string;
}

/** prev_hash of the first event of a chain. */
export const genesisHash = '0'.repeat(64);

/** The first line of the canonical form; a future format gets a new version and keeps this one verifiable. */
export const canonicalVersion = 'madoguchi-audit-v1';

const item = (value: string) => `${Buffer.byteLength(value, 'utf8')}:${value}\n`;

/** The canonical text of an event (README.md, "Canonical form"); its UTF-8 bytes are what is hashed. */
export function canonicalForm(row: Omit<AuditRow, 'hash'>): string {
  return [
    `${canonicalVersion}\n`,
    item(row.municipalityCode),
    item(String(row.seq)),
    item(row.eventKey.toLowerCase()),
    item(row.clientIp),
    item(row.clientUserAgent),
    item(row.userId),
    item(row.userName),
    item(row.department),
    item(row.operationCode),
    item(row.operationName),
    item(row.category),
    item(row.detail),
    item(String(row.individualNumberAccess)),
    item(row.outcome),
    // JSON.stringify escapes exactly as PostgreSQL's to_json does (", \\, control characters), so it is one item.
    item(JSON.stringify(row.subjects)),
    item(row.startedAt),
    item(row.endedAt),
    item(row.prevHash),
  ].join('');
}

/** SHA-256 of the canonical form, lower-case hex: the value stored in audit_event.hash. */
export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(canonicalForm(row), 'utf8').digest('hex');
}
