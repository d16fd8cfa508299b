// 再認証 on the console: GET shows the form, POST checks the password or TOTP code and returns to `next` (a console path only).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentStaff } from '../platform/access/guard.ts';
import { auditClient } from '../platform/audit/index.ts';
import { reauthenticate } from '../platform/auth/reauthenticate.ts';
import { cookieOptions, sessionCookieName } from '../platform/auth/session.ts';
import { safeNextPath, stepUpPath } from '../platform/auth/step-up.ts';
import type { TotpSecretBox } from '../platform/auth/totp-secret.ts';
import type { Db } from '../platform/db/index.ts';
import { pageContext } from './pages/page-context.ts';
import { StepUpPage } from './pages/step-up.tsx';
import type { Municipality } from './store.ts';

const stepUpBody = {
  type: 'object',
  required: ['csrf'],
  properties: {
    csrf: { type: 'string', maxLength: 128 },
    next: { type: 'string', maxLength: 2000 },
    password: { type: 'string', maxLength: 256 },
    code: { type: 'string', maxLength: 32 },
  },
} as const;

/** Registers GET and POST /console/step-up for any logged-in member of staff. */
export function installStepUp(app: FastifyInstance, db: Db, municipality: () => Promise<Municipality | undefined>, box: TotpSecretBox): void {
  const render = async (req: FastifyRequest, next: string, failed: boolean) => {
    const staff = currentStaff(req);
    return StepUpPage({ ...pageContext(req, await municipality()), csrfToken: staff.csrfToken, next, withCode: staff.mfaEnabled, failed });
  };

  app.get(stepUpPath, {
    config: { authenticated: true },
    schema: { hide: true, querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 2000 }, lang: { type: 'string' } } } },
  }, async (req, reply) => {
    const page = await render(req, safeNextPath((req.query as { next?: string }).next), false);
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.post(stepUpPath, { config: { authenticated: true }, schema: { hide: true, body: stepUpBody } }, async (req, reply) => {
    const staff = currentStaff(req);
    const body = req.body as { next?: string; password?: string; code?: string };
    const next = safeNextPath(body.next);
    const outcome = await reauthenticate(db, box, staff, req.cookies[sessionCookieName(req)]!, { password: body.password, code: body.code }, auditClient(req));
    if (outcome === 'confirmed') return reply.redirect(next, 303);
    if (outcome === 'locked') return reply.clearCookie(sessionCookieName(req), cookieOptions).redirect('/console/login', 303);
    return reply.status(401).type('text/html; charset=utf-8').send(await render(req, next, true));
  });
}
