// What a caller says about an operation, and its checks before it is written: ids, never personal data values.
import { isIP } from 'node:net';
import type { AuditOperationRef, AuditOutcome } from './operations.ts';

/** Who acted: a member of staff (ユーザーID, ユーザー名, 部課名) or a job / the command line. */
export interface AuditActor {
  /** Login id, or `system:<job>` / `cli` when no person acted, or `api_client:<id>` for a registered system. */
  userId: string;
  /** Display name at the time (personal data of staff). */
  userName?: string;
  department?: string;
}

/** クライアント情報: where the request came from. */
export interface AuditClient {
  ip?: string;
  userAgent?: string;
}

/** One operation to log. Subjects and detail name records by internal id only, never by a personal value. */
export interface AuditEvent {
  municipalityCode: string;
  operation: AuditOperationRef;
  actor: AuditActor;
  client?: AuditClient;
  /** 処理内容: words and internal ids, e.g. "status checked_in → issued"; never a name, address or number. */
  detail?: string;
  /** 個人番号アクセス: the operation displayed, used or exported an individual number. */
  individualNumberAccess?: boolean;
  /** Records touched, as `kind:id` (build them with subjectId). */
  subjects?: readonly string[];
  outcome?: AuditOutcome;
  startedAt?: Date;
  endedAt?: Date;
}

/** The columns an insert writes; seq, prev_hash and hash are the trigger's. */
export interface AuditEventValues {
  municipalityCode: string;
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
  outcome: AuditOutcome;
  subjects: string[];
  startedAt: Date;
  endedAt: Date;
}

const subjectPattern = /^[a-z][a-z0-9_]*:[A-Za-z0-9._:-]{1,100}$/;
export const maxUserAgent = 256;
export const maxDetail = 2000;

/** True for a well-formed subject id `kind:id`. */
export function isSubjectId(s: string): boolean {
  return subjectPattern.test(s);
}

/** A subject id `kind:id` (e.g. subjectId('resident', 123) → 'resident:123'); throws on anything that is not an id. */
export function subjectId(kind: string, id: string | number): string {
  const s = `${kind}:${id}`;
  if (!subjectPattern.test(s)) throw new TypeError(`Audit subject ${JSON.stringify(s)} is not kind:internal-id`);
  return s;
}

/** A member of staff as actor: login id, and the display name and department they had at the time. */
export function staffActor(staff: { loginId: string; displayName: string; department: string }): AuditActor {
  return { userId: staff.loginId, userName: staff.displayName, department: staff.department };
}

/** A registered API client as actor: `api_client:<client id>`, with the name it was registered under (a system's name). */
export function apiClientActor(client: { clientId: string; name: string }): AuditActor {
  return { userId: `api_client:${client.clientId}`, userName: client.name };
}

/** The actor of a background job, e.g. systemActor('retention'). */
export function systemActor(job: string): AuditActor {
  return { userId: `system:${job}` };
}

/** Checks an event and fills in its defaults; a malformed subject or detail is a programming error and throws. */
export function auditEventValues(event: AuditEvent, eventKey: string, now = new Date()): AuditEventValues {
  const subjects = [...(event.subjects ?? [])];
  for (const s of subjects) if (!subjectPattern.test(s)) throw new TypeError(`Audit subject ${JSON.stringify(s)} is not kind:internal-id`);
  const detail = event.detail ?? '';
  if (detail.length > maxDetail) throw new TypeError(`Audit detail is longer than ${maxDetail} characters`);
  const ip = (event.client?.ip ?? '').split('%')[0] ?? ''; // an IPv6 zone id names our interface, not the client
  const endedAt = event.endedAt ?? now;
  return {
    municipalityCode: event.municipalityCode,
    eventKey,
    // The log must never fail an action over client information, so odd values are dropped or cut.
    clientIp: isIP(ip) ? ip : '',
    clientUserAgent: [...(event.client?.userAgent ?? '')].slice(0, maxUserAgent).join(''),
    userId: event.actor.userId,
    userName: event.actor.userName ?? '',
    department: event.actor.department ?? '',
    operationCode: event.operation.code,
    operationName: event.operation.nameJa,
    category: event.operation.category,
    detail,
    individualNumberAccess: event.individualNumberAccess ?? false,
    outcome: event.outcome ?? 'success',
    subjects,
    startedAt: event.startedAt ?? endedAt,
    endedAt,
  };
}
