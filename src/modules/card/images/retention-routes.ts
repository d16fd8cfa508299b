// 保存年限 by document category: the defaults of domain/document.ts with the municipality's own where it set one.
//   GET  /console/card/images/retention   the years of each category and the day retention ends for this fiscal year (read)
//   POST /console/card/images/retention   sets one category's years (manage; audited)
import type { FastifyInstance } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, audited, staffActor } from '../../../platform/audit/index.ts';
import { html } from '../../../platform/http/html.ts';
import { cardImageOperations as ops } from './audit.ts';
import type { CardImageDeps } from './deps.ts';
import { type DocumentCategory, documentCategories, retentionYears } from './domain/document.ts';
import { RETENTION_PATH } from './pages/paths.ts';
import { RetentionPage } from './pages/retention-page.tsx';
import { retentionOverrides, saveRetentionYears } from './store.ts';

const categories = Object.keys(documentCategories) as DocumentCategory[];

export function installRetentionRoutes(app: FastifyInstance, deps: CardImageDeps): void {
  const { db } = deps;

  app.get(RETENTION_PATH, {
    config: { capability: 'card.images.read' },
    schema: { hide: true, querystring: { type: 'object', properties: { done: { type: 'string', enum: ['saved'] }, lang: { type: 'string', maxLength: 2 } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const [ctx, overrides] = await Promise.all([deps.pageContext(req), retentionOverrides(db.kysely, staff.municipalityCode)]);
    const mayManage = can(currentPrincipal(req), 'card.images.manage', { municipalityCode: staff.municipalityCode });
    return html(reply, 200, RetentionPage({
      ...ctx, years: retentionYears(overrides), overridden: new Set(Object.keys(overrides) as DocumentCategory[]),
      manage: mayManage ? { csrf: staff.csrfToken } : undefined, saved: (req.query as { done?: string }).done === 'saved',
    }));
  });

  app.post(RETENTION_PATH, {
    config: { capability: 'card.images.manage' },
    schema: {
      hide: true,
      body: {
        type: 'object', required: ['category', 'years'],
        properties: { csrf: { type: 'string', maxLength: 200 }, category: { type: 'string', enum: categories }, years: { type: 'string', pattern: '^[1-9][0-9]?$' } },
      },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { category, years } = req.body as { category: DocumentCategory; years: string };
    const event = {
      municipalityCode: staff.municipalityCode, operation: ops['card.images.retention'], actor: staffActor(staff), client: auditClient(req),
      subjects: [], detail: `${category}: ${years} years`,
    };
    await audited(db, event, (tx) => saveRetentionYears(tx, staff.municipalityCode, category, Number(years), staff.loginId));
    return reply.redirect(`${RETENTION_PATH}?done=saved`, 303);
  });
}
