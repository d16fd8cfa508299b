// 延長: the idle time-out warning's button. The guard has already renewed the session by the time this answers.
import type { FastifyInstance } from 'fastify';

/** Registers POST /console/session/extend for any logged-in member of staff. */
export function installSessionExtend(app: FastifyInstance): void {
  app.post('/console/session/extend', { config: { authenticated: true }, schema: { hide: true } }, async (_req, reply) => reply.status(204).send());
}
