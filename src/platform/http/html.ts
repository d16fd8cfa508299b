// A server-rendered page as the answer, with its status.
import type { FastifyReply } from 'fastify';

export const html = (reply: FastifyReply, status: number, page: string | Promise<string>): Promise<FastifyReply> =>
  Promise.resolve(page).then((p) => reply.status(status).type('text/html; charset=utf-8').send(p));
