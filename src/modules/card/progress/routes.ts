// 進捗管理: the dashboard (counts only, no person: not an audited read), the cards behind each of its numbers and the
// uncollected cards (names: audited reads), and the 督促状 PDF, whose printing records 督促状送付日 on each card with a
// history line and the audit event in one transaction. All scoped by the clerk's sites.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { appendAudit, auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { formatInstant } from '../../../platform/ui/format.ts';
import { isPlainDate, todayInJapan } from '../../../platform/text/index.ts';
import { isCardStatus } from '../domain/card-status.ts';
import { listSites } from '../reservations/store.ts';
import { type CardStaffDeps, namedMasters } from '../staff/routes.ts';
import { inScope, sitesFor } from '../staff/scope.ts';
import type { Capability } from '../../../platform/access/capabilities.ts';
import { dashboardLines, isAgingBand, readWaitingDays, waitingCutoff, waitingDaysQuery } from './aging.ts';
import { cardProgressOperations as ops } from './audit.ts';
import { disposalNoticeCutoff, readCollectionPolicy, reminderNoticeCutoff } from './collection.ts';
import { afterToken, CardsPage } from './pages/cards-page.tsx';
import { PROGRESS_CARDS_PATH, PROGRESS_PATH, ProgressPage, UNCOLLECTED_PATH } from './pages/progress-page.tsx';
import { REMINDERS_PDF_PATH, UncollectedPage } from './pages/uncollected-page.tsx';
import { renderReminders } from './reminder-pdf.ts';
import { type After, type Behind, cardsBehind, disposalDue, findProgressSettings, recordReminders, remindedOn, remindersDue, type SiteFilter, statusCounts, type UncollectedCard } from './store.ts';

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const progressQuery = {
  type: 'object',
  properties: { site: text(40), lang: text(2), status: text(30), which: text(10), after: text(60), reminder_days: text(4), dispose_months: text(4), done: text(20) },
  patternProperties: { '^n_[a-z_]+$': text(4) },
} as const;

/** The most cards one list page shows. */
export const cardsPerPage = 200;
/** The most cards the uncollected lists show and one batch of reminders prints. */
export const uncollectedLimit = 500;

/** The sites the request may look at with the capability, narrowed to the one asked for (refused outside the scope). */
function siteFilter(req: FastifyRequest, capability: Capability, site: string | undefined): SiteFilter {
  const scope = sitesFor(currentPrincipal(req), capability);
  if (site && !inScope(scope, site)) throw new AppError('forbidden');
  return { scope, site: site || undefined };
}

function readAfter(token: string | undefined): After | undefined {
  const m = token ? /^(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)_(\d{23})$/.exec(token) : null;
  if (!m) return undefined;
  const since = new Date(m[1]!);
  return Number.isNaN(since.getTime()) ? undefined : { since, applicantId: m[2]! };
}

export function installProgressRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;
  const masters = (req: FastifyRequest, f: SiteFilter) => namedMasters(db, currentStaff(req).municipalityCode, f.scope);

  app.get(PROGRESS_PATH, { config: { capability: 'card.issuance.read' }, schema: { hide: true, querystring: progressQuery } }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const f = siteFilter(req, 'card.issuance.read', q.site);
    const mc = currentStaff(req).municipalityCode;
    const saved = await findProgressSettings(db.kysely, mc);
    const waitingDays = readWaitingDays(q, saved.waitingDays);
    const now = new Date();
    const [ctx, { sites }, counts] = await Promise.all([deps.pageContext(req), masters(req, f), statusCounts(db.kysely, mc, f, waitingDays, now)]);
    const { lines, overdueBySite } = dashboardLines(counts);
    const mayConfigure = sitesFor(currentPrincipal(req), 'card.issuance.manage') === undefined;
    return html(reply, 200, ProgressPage({
      ...ctx, site: f.site ?? '', sites, waitingDays, savedWaitingDays: saved.waitingDays, lines, overdueBySite, asOf: formatInstant(now), mayConfigure,
    }));
  });

  app.get(PROGRESS_CARDS_PATH, {
    config: { capability: 'card.issuance.read', personalData: true, audit: ops['card.progress.list'] },
    schema: { hide: true, querystring: progressQuery },
  }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const f = siteFilter(req, 'card.issuance.read', q.site);
    const status = q.status ?? '';
    const which = q.which ?? 'all';
    if (!isCardStatus(status) || !(which === 'all' || which === 'overdue' || isAgingBand(which))) throw new AppError('bad_request');
    const mc = currentStaff(req).municipalityCode;
    const saved = await findProgressSettings(db.kysely, mc);
    const waitingDays = readWaitingDays(q, saved.waitingDays);
    const now = new Date();
    const limit = (waitingDays as Partial<Record<string, number>>)[status];
    const behind: Behind = which === 'all' ? { all: true } : which === 'overdue' ? { waitingSince: waitingCutoff(now, limit ?? 0) } : { band: which };
    if (which !== 'all' && limit === undefined) throw new AppError('bad_request');
    const [ctx, { sites }, cards] = await Promise.all([
      deps.pageContext(req), masters(req, f), cardsBehind(db.kysely, mc, f, status, behind, now, cardsPerPage, readAfter(q.after)),
    ]);
    auditSubjects(req, { subjects: cards.map((c) => subjectId('card', c.applicantId)), detail: `${status} ${which} ${f.site ?? 'all sites'}: ${cards.length}` });
    const last = cards.at(-1);
    const next = last && cards.length === cardsPerPage
      ? `${PROGRESS_CARDS_PATH}?status=${status}&which=${which}&site=${encodeURIComponent(f.site ?? '')}${waitingDaysQuery(waitingDays, saved.waitingDays)}&after=${encodeURIComponent(afterToken(last))}`
      : undefined;
    return html(reply, 200, CardsPage({ ...ctx, site: f.site ?? '', sites, status, which, waitingDays, savedWaitingDays: saved.waitingDays, cards, next, now }));
  });

  app.get(UNCOLLECTED_PATH, {
    config: { capability: 'card.issuance.read', personalData: true, audit: ops['card.progress.uncollected'] },
    schema: { hide: true, querystring: progressQuery },
  }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const f = siteFilter(req, 'card.issuance.read', q.site);
    const mc = currentStaff(req).municipalityCode;
    const policy = readCollectionPolicy(q, (await findProgressSettings(db.kysely, mc)).policy);
    const today = todayInJapan();
    const [reminderCutoff, disposalCutoff] = [reminderNoticeCutoff(today, policy), disposalNoticeCutoff(today, policy)];
    const [ctx, { sites }, due, disposal] = await Promise.all([
      deps.pageContext(req), masters(req, f), remindersDue(db.kysely, mc, f, reminderCutoff, uncollectedLimit), disposalDue(db.kysely, mc, f, disposalCutoff, uncollectedLimit),
    ]);
    auditSubjects(req, { subjects: [...due, ...disposal].map((c) => subjectId('card', c.applicantId)), detail: `${f.site ?? 'all sites'}: reminders ${due.length}, disposal ${disposal.length}` });
    const manage = sitesFor(currentPrincipal(req), 'card.issuance.manage');
    const mayRemind = f.site ? inScope(manage, f.site) : manage === undefined || manage.length > 0;
    const notice = q.done === 'none' ? t(ctx.lang, '督促状の送付対象はありませんでした。', 'No card was due a reminder.') : undefined;
    return html(reply, 200, UncollectedPage({
      ...ctx, site: f.site ?? '', sites, policy, reminderCutoff, disposalCutoff, due, disposal, limit: uncollectedLimit, mayRemind, csrf: currentStaff(req).csrfToken, notice,
    }));
  });

  app.post(REMINDERS_PDF_PATH, {
    config: { capability: 'card.issuance.manage' },
    schema: { hide: true, body: { type: 'object', properties: { csrf: text(200), site: text(40), reminder_days: text(4) } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const body = req.body as Record<string, string | undefined>;
    const f = siteFilter(req, 'card.issuance.manage', body.site);
    const policy = readCollectionPolicy(body, (await findProgressSettings(db.kysely, staff.municipalityCode)).policy);
    const today = todayInJapan();
    const cutoff = reminderNoticeCutoff(today, policy);
    const reminded = await db.transaction(async (tx) => {
      const due = await remindersDue(tx, staff.municipalityCode, f, cutoff, uncollectedLimit);
      const recorded = await recordReminders(tx, staff.municipalityCode, due.map((c) => c.applicantId), cutoff, today, staffActor(staff).userId);
      await appendAudit(tx, {
        municipalityCode: staff.municipalityCode, operation: ops['card.progress.reminders'], actor: staffActor(staff), client: auditClient(req),
        subjects: recorded.map((c) => subjectId('card', c.applicantId)), detail: `${f.site ?? 'all sites'} notices up to ${cutoff}: ${recorded.length}`,
      });
      return recorded;
    });
    if (reminded.length === 0) return reply.redirect(`${UNCOLLECTED_PATH}?site=${encodeURIComponent(f.site ?? '')}&reminder_days=${policy.reminderAfterDays}&done=none`, 303);
    return sendReminders(req, reply, reminded, today, policy.disposeAfterMonths);
  });

  app.get(REMINDERS_PDF_PATH, {
    config: { capability: 'card.issuance.manage', personalData: true, audit: ops['card.progress.reminders_reprint'] },
    schema: { hide: true, querystring: { type: 'object', required: ['on'], properties: { on: text(10), site: text(40), lang: text(2) } } },
  }, async (req, reply) => {
    const q = req.query as { on: string; site?: string };
    const f = siteFilter(req, 'card.issuance.manage', q.site);
    if (!isPlainDate(q.on)) throw new AppError('bad_request');
    const mc = currentStaff(req).municipalityCode;
    const [cards, saved] = await Promise.all([remindedOn(db.kysely, mc, f, q.on, uncollectedLimit), findProgressSettings(db.kysely, mc)]);
    auditSubjects(req, { subjects: cards.map((c) => subjectId('card', c.applicantId)), detail: `reminders of ${q.on} ${f.site ?? 'all sites'}: ${cards.length}` });
    if (cards.length === 0) throw new AppError('not_found');
    return sendReminders(req, reply, cards, q.on, saved.policy.disposeAfterMonths);
  });

  /** The 督促状 of these cards, dated `on`, as the PDF answer. */
  async function sendReminders(req: FastifyRequest, reply: FastifyReply, cards: UncollectedCard[], on: string, disposeAfterMonths: number) {
    const [ctx, sites] = await Promise.all([deps.pageContext(req), listSites(db.kysely, currentStaff(req).municipalityCode)]);
    const byCode = new Map(sites.map((s) => [s.siteCode, { name: s.nameJa, address: s.address }]));
    const pdf = await renderReminders({
      municipalityName: ctx.municipalityName, on, disposeAfterMonths,
      reminders: cards.map((c) => ({ ...c, site: byCode.get(c.storageSiteCode) ?? { name: c.storageSiteCode, address: '' } })),
    });
    return reply.type('application/pdf').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="card-reminders-${on}.pdf"`).send(pdf);
  }
}
