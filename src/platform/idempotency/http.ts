// Idempotency on a route: the key comes from the Idempotency-Key header, or else the request id.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { requestHash, runIdempotent } from './idempotent.ts';

const keyPattern = /^[A-Za-z0-9._:-]{8,200}$/;

/** Answers the request through runIdempotent; replays carry the header `Idempotent-Replayed: true`. */
export async function replyIdempotently(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  scope: { municipalityCode: string; clientId: string },
  action: (tx: Tx) => Promise<{ status: number; body: unknown }>,
): Promise<FastifyReply> {
  const header = req.headers['idempotency-key'];
  const key = typeof header === 'string' ? header : req.id;
  if (!keyPattern.test(key)) throw new AppError('validation_failed', { field: 'Idempotency-Key' });
  const answer = await runIdempotent(db, { ...scope, key }, requestHash(req.method, req.url.split('?')[0] ?? '', req.body), action);
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(answer.status).send(answer.body);
}
