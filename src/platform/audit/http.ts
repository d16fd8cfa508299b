// クライアント情報 from a request: the address Fastify resolved (X-Forwarded-For only behind a trusted proxy) and the browser.
import type { FastifyRequest } from 'fastify';
import type { AuditClient } from './event.ts';

/** The client information of a request, for an audit event (the user agent is truncated when written). */
export function auditClient(req: FastifyRequest): AuditClient {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, ...(typeof ua === 'string' ? { userAgent: ua } : {}) };
}
