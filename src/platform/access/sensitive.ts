// Showing a 個人番号 or 要配慮個人情報 takes a capability of its own, a recent password or TOTP entry for a 個人番号,
// and always an audit event naming whose data it was: one call before the value is put on the page or in the answer.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditSubjects } from '../audit/request.ts';
import { requireRecentAuthentication } from '../auth/step-up.ts';
import { AppError } from '../errors.ts';
import type { Capability } from './capabilities.ts';
import { can, type Resource } from './can.ts';
import { currentPrincipal } from './guard.ts';

/** individual_number: a 個人番号; sensitive: 要配慮個人情報 (health, benefits, DV support …). */
export type SensitiveKind = 'individual_number' | 'sensitive';

const capabilityOf: Record<SensitiveKind, Capability> = {
  individual_number: 'personal.individual_number.read',
  sensitive: 'personal.sensitive.read',
};

/**
 * Clears the caller to see sensitive data of the given records, on a route that declares config.audit: the event
 * names the records and, for a 個人番号, carries the individual-number access flag — also when refused. Throws
 * forbidden without the capability; returns false when the reply went to the step-up page (return the reply then).
 */
export function allowSensitiveView(req: FastifyRequest, reply: FastifyReply, view: { kind: SensitiveKind; subjects: string[]; resource?: Resource }): boolean {
  if (!req.routeOptions.config.audit) throw new Error(`Route ${req.routeOptions.url} shows sensitive data but declares no config.audit`);
  auditSubjects(req, { subjects: view.subjects, individualNumberAccess: view.kind === 'individual_number' });
  if (!can(currentPrincipal(req), capabilityOf[view.kind], view.resource)) throw new AppError('forbidden');
  if (view.kind !== 'individual_number' || requireRecentAuthentication(req, reply)) return true;
  auditSubjects(req, { subjects: [], detail: 'step-up required: not shown', outcome: 'denied' });
  return false;
}
