// カード進捗管理の設定: shown and saved by a clerk with card.issuance.manage over every site (the settings are the
// municipality's, so a satellite's clerk may not change them); saving writes the audit event in the same transaction.
import type { FastifyInstance } from 'fastify';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { audited, auditClient, staffActor } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import type { CardStaffDeps } from '../staff/routes.ts';
import { sitesFor } from '../staff/scope.ts';
import { cardProgressOperations as ops } from './audit.ts';
import { PROGRESS_SETTINGS_PATH } from './pages/progress-page.tsx';
import { SettingsPage, settingsFields } from './pages/settings-page.tsx';
import { readSettingsForm } from './settings.ts';
import { findProgressSettings, saveProgressSettings } from './store.ts';

const field = { type: 'string', maxLength: 4 } as const;

export function installProgressSettingsRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;

  app.get(PROGRESS_SETTINGS_PATH, {
    config: { capability: 'card.issuance.manage' },
    schema: { hide: true, querystring: { type: 'object', properties: { lang: { type: 'string', maxLength: 2 }, done: { type: 'string', maxLength: 10 } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const [ctx, saved] = await Promise.all([deps.pageContext(req), findProgressSettings(db.kysely, staff.municipalityCode)]);
    const fields = settingsFields(saved.waitingDays, saved.policy);
    return html(reply, 200, SettingsPage({ ...ctx, csrf: staff.csrfToken, fields, saved: (req.query as { done?: string }).done === 'saved' }));
  });

  app.post(PROGRESS_SETTINGS_PATH, {
    config: { capability: 'card.issuance.manage' },
    schema: { hide: true, body: { type: 'object', properties: { csrf: { type: 'string', maxLength: 200 } }, patternProperties: { '^(n_[a-z_]+|reminder_days|dispose_months)$': field } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    if (sitesFor(currentPrincipal(req), 'card.issuance.manage') !== undefined) throw new AppError('forbidden');
    const body = req.body as Record<string, string>;
    const read = readSettingsForm(body);
    if ('invalid' in read) {
      const ctx = await deps.pageContext(req);
      return html(reply, 400, SettingsPage({ ...ctx, csrf: staff.csrfToken, fields: body, invalid: read.invalid }));
    }
    const s = read.settings;
    await audited(db, {
      municipalityCode: staff.municipalityCode, operation: ops['card.progress.settings'], actor: staffActor(staff), client: auditClient(req), subjects: [],
      detail: `waiting days ${Object.entries(s.waitingDays).map(([k, v]) => `${k} ${v}`).join(', ')}; reminder ${s.policy.reminderAfterDays} days; disposal ${s.policy.disposeAfterMonths} months`,
    }, (tx) => saveProgressSettings(tx, staff.municipalityCode, s, staffActor(staff).userId));
    return reply.redirect(`${PROGRESS_SETTINGS_PATH}?done=saved`, 303);
  });
}
