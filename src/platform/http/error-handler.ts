// Every failure leaves as { error: { code, message, details? } } (or an error page); a 500 never shows internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, errorMessage, type Lang } from '../errors.ts';
import { apiLang, pageLang } from './language.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** Renders an HTML error page for page routes; set by the shell so the platform needs no layout. */
export type ErrorPageRenderer = (req: FastifyRequest, status: number, code: ErrorCode, message: string) => string | Promise<string>;

const byStatus: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited',
};

function classify(err: FastifyError | AppError): { status: number; code: ErrorCode; details?: unknown } {
  if (err instanceof AppError) {
    const shown = err.status < 500 ? err.details : undefined;
    return { status: err.status, code: err.code, ...(shown && Object.keys(shown).length ? { details: shown } : {}) };
  }
  if (err.validation) {
    const details = err.validation.map((v) => ({ field: `${err.validationContext ?? ''}${v.instancePath}`, rule: v.keyword, message: v.message }));
    return { status: 400, code: 'validation_failed', details };
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, code: byStatus[status] ?? 'bad_request' };
  return { status: 500, code: 'internal' };
}

/** True for requests that want an HTML page rather than JSON. */
function wantsPage(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0] ?? '';
  return !path.startsWith('/api') && !path.startsWith('/healthz') && !path.startsWith('/metrics') && /text\/html/.test(req.headers.accept ?? '');
}

async function send(req: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, details: unknown, renderPage?: ErrorPageRenderer) {
  const lang: Lang = wantsPage(req) ? pageLang(req) : apiLang(req);
  const message = errorMessage(code, lang);
  if (renderPage && wantsPage(req)) {
    return reply.status(status).type('text/html; charset=utf-8').send(await renderPage(req, status, code, message));
  }
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return reply.status(status).send(body);
}

/** Installs the error and not-found handlers on a server. */
export function installErrorHandlers(app: FastifyInstance, renderPage?: ErrorPageRenderer): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const { status, code, details } = classify(err);
    if (status >= 500) req.log.error({ err, code }, 'request failed');
    else req.log.info({ code, status }, 'request rejected');
    return send(req, reply, status, code, details, renderPage);
  });
  app.setNotFoundHandler((req, reply) => send(req, reply, 404, 'not_found', undefined, renderPage));
}
