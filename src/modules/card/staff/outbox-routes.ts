// 送信メール for administrators: an audited read (addresses and bodies are personal data) naming every mail shown.
import type { FastifyInstance } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditSubjects, subjectId } from '../../../platform/audit/index.ts';
import { html } from '../../../platform/http/html.ts';
import { listOutbox } from '../../../platform/mail/index.ts';
import { cardStaffOperations as ops } from './audit.ts';
import { OUTBOX_PATH, OutboxPage } from './pages/outbox-page.tsx';
import type { CardStaffDeps } from './routes.ts';

export function installOutboxRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  app.get(OUTBOX_PATH, {
    config: { capability: 'mail.outbox.read', personalData: true, audit: ops['mail.outbox.read'] },
    schema: { hide: true, querystring: { type: 'object', properties: { category: { type: 'string', maxLength: 60 }, lang: { type: 'string', maxLength: 2 } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const category = ((req.query as { category?: string }).category ?? '').trim();
    const mails = (await listOutbox(deps.db.kysely, staff.municipalityCode, { limit: category ? 1000 : 200 })).filter((m) => m.category.startsWith(category)).slice(0, 200);
    auditSubjects(req, { subjects: mails.map((m) => subjectId('mail', m.mailId)), detail: `outbox ${category || 'all'}: ${mails.length}` });
    return html(reply, 200, OutboxPage({ ...(await deps.pageContext(req)), mails, category }));
  });
}
