// The HTTP kernel: Fastify with TypeBox schemas, OpenAPI, request ids, one error shape, metrics and security headers.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { type GuardedRoute, installAccessGuard } from '../access/guard.ts';
import { installRequestAudit } from '../audit/request.ts';
import { createAuditWriter } from '../audit/writer.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { loggerOptions } from '../log.ts';
import { type ErrorPageRenderer, installErrorHandlers } from './error-handler.ts';
import { installInputHygiene } from './input-hygiene.ts';
import { installMetrics } from './metrics.ts';
import { installSecurityHeaders } from './security-headers.ts';

export type App = FastifyInstance & ReturnType<FastifyInstance['withTypeProvider']>;

export interface ServerOptions {
  config: Config;
  db: Db;
  /** Version shown in the API docs. */
  version: string;
  renderErrorPage?: ErrorPageRenderer;
  /** Where logs go (tests capture them); stdout when absent. */
  logStream?: DestinationStream;
}

/**
 * One log line per request, when it is answered (with its status and time): Fastify's default adds an "incoming
 * request" line before it, and every line passes through redaction, a cost the portal's busiest routes paid twice.
 */
class AnsweredRequestsOnly extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}

/** Body limit for JSON and forms; upload routes raise their own. */
export const defaultBodyLimit = 1024 * 1024;

const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

/** A Fastify instance with the platform's kernel installed; roles add their routes to it. */
export async function createServer(options: ServerOptions): Promise<{ app: FastifyInstance; routes: GuardedRoute[] }> {
  const { config, db } = options;
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    bodyLimit: defaultBodyLimit,
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    requestIdHeader: false,
    logController: new AnsweredRequestsOnly(),
    // Keep a caller's request id when it looks like one; never echo arbitrary text.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await installSecurityHeaders(app, { tls: false });
  await app.register(formbody, { bodyLimit: defaultBodyLimit });
  installInputHygiene(app);
  await app.register(cookie);
  const routes = installAccessGuard(app, db);
  installRequestAudit(app, createAuditWriter(db));
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'madoguchi API',
        description: '窓口 — 自治体デジタル窓口プラットフォームの API / the digital counter platform API',
        version: options.version,
      },
      // Registered API clients (the review's match) send Authorization: Bearer <token>; staff use the console's session.
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
  });
  installErrorHandlers(app, options.renderErrorPage);
  installMetrics(app);

  app.get('/healthz', {
    config: { public: true },
    schema: { tags: ['platform'], summary: '死活監視 / Health check (checks the database)' },
  }, async (_req, reply) => {
    await db.ping();
    return reply.header('cache-control', 'no-store').send({ status: 'ok', database: db.backend });
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  return { app, routes };
}
