// Every staff request to a route that shows or exports personal data is an audit event naming whose data it was;
// so is every call of a registered API client to a route that declares its operation (the review's match).
// The route declares its operation (config.audit); the handler names the records it returned (auditSubjects); the
// event is written by group commit before the answer leaves, so nothing is shown that is not logged. A refused or
// failed attempt is logged too, with what the caller asked for.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditOutcome, AuditOperationRef } from './operations.ts';
import { apiClientActor, type AuditActor, staffActor } from './event.ts';
import { auditClient } from './http.ts';
import type { AuditWriter } from './writer.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The operation a staff request to this route is logged as; required with personalData on a staff route. */
    audit?: AuditOperationRef;
  }
  interface FastifyRequest {
    /** What the handler says it touched, for the route's audit event. */
    auditNote?: AuditNote;
  }
}

/** The records a request read, and what about them. */
export interface AuditNote {
  /** `kind:id` of every record shown or exported (build with subjectId). */
  subjects: string[];
  detail?: string;
  individualNumberAccess?: boolean;
  /** Overrides the outcome the status code implies (e.g. denied for a redirect to step-up that showed nothing). */
  outcome?: AuditOutcome;
}

/** Names the records this request shows or exports; called by the handler, more than once if need be. */
export function auditSubjects(req: FastifyRequest, note: AuditNote): void {
  const before = req.auditNote;
  req.auditNote = {
    subjects: [...(before?.subjects ?? []), ...note.subjects],
    ...((note.detail ?? before?.detail) !== undefined ? { detail: note.detail ?? before?.detail } : {}),
    individualNumberAccess: Boolean(before?.individualNumberAccess || note.individualNumberAccess),
    ...((note.outcome ?? before?.outcome) ? { outcome: note.outcome ?? before?.outcome } : {}),
  };
}

/** success for an answer, denied when a permission or login check refused it, failure otherwise. */
export function outcomeOfStatus(status: number): AuditOutcome {
  if (status < 400) return 'success';
  return status === 401 || status === 403 || status === 404 ? 'denied' : 'failure';
}

/** Refuses at registration a staff route that carries personal data without naming its audit operation. */
export function checkAuditDeclared(url: string, config: { public?: boolean; personalData?: boolean; audit?: AuditOperationRef }): void {
  if (config.personalData && !config.public && !config.audit) {
    throw new Error(`Route ${url} carries personal data to staff but declares no config.audit operation`);
  }
}

/** Whose act a request is: the member of staff of its session, or the API client its bearer token named. */
function requestActor(req: FastifyRequest): { municipalityCode: string; actor: AuditActor } | undefined {
  const staff = req.staff;
  if (staff) return { municipalityCode: staff.municipalityCode, actor: staffActor(staff) };
  const principal = req.principal;
  if (principal?.kind === 'api_client') return { municipalityCode: principal.municipalityCode, actor: apiClientActor(principal) };
  return undefined;
}

/** Installs the hook that writes each audited route's event before its answer is sent. */
export function installRequestAudit(app: FastifyInstance, writer: AuditWriter): void {
  app.addHook('onRoute', (route) => checkAuditDeclared(route.url, route.config ?? {}));
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply) => {
    const operation = req.routeOptions.config.audit;
    const who = requestActor(req);
    if (!operation || !who) return; // without a session the login's own events say who tried
    const note = req.auditNote;
    await writer.append({
      municipalityCode: who.municipalityCode,
      operation,
      actor: who.actor,
      client: auditClient(req),
      outcome: note?.outcome ?? outcomeOfStatus(reply.statusCode),
      subjects: note?.subjects ?? [],
      ...(note?.detail ? { detail: note.detail } : {}),
      individualNumberAccess: note?.individualNumberAccess ?? false,
      startedAt: new Date(Date.now() - reply.elapsedTime),
    });
  });
  app.addHook('onClose', async () => writer.close());
}
