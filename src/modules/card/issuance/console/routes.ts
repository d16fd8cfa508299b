// カード交付管理 in the console:
//
//   GET  /console/card/cards                   the cards filtered (status, storage site, ID and kana prefixes, 申請受付日), a page at a
//                                              time; audited read naming the cards listed (card.issuance.read)
//   POST /console/card/cards/bulk              the confirmation of a bulk step over the ticked cards or the filtered list
//   POST /console/card/cards/bulk/confirm      the bulk step, all or nothing (takeBulkStep); a refusal names the cards
//   GET  /console/card/cards/:applicantId      a card's page; audited read (card.issuance.read)
//   POST /console/card/cards/:applicantId/step | fee | memo | comment   (card.issuance.manage, at the RowStamp shown)
//
// Every card is the clerk's own municipality and a site of their scope: reading with card.issuance.read, acting with
// card.issuance.manage, as the arrivals. A card's forms answer by a redirect back to its page saying what happened or
// why not, so that the page (and its audited read) is the only thing that shows the card.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentPrincipal, currentStaff } from '../../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../../platform/audit/index.ts';
import { AppError, type ErrorCode, type Lang } from '../../../../platform/errors.ts';
import { html } from '../../../../platform/http/html.ts';
import { t } from '../../../../platform/http/language.ts';
import type { PageNotice } from '../../../../platform/ui/notice.tsx';
import { type CardStep, cardStatuses, cardSteps, isCardStep, nextStatus, stepRule, stepsFrom } from '../../domain/card-status.ts';
import { listSites } from '../../reservations/store.ts';
import { inScope, sitesFor, type SiteScope } from '../../staff/scope.ts';
import type { CardStaffDeps } from '../../staff/routes.ts';
import { cardHistory, findCard, statusesOf } from '../store.ts';
import { maxBulkCards, takeBulkStep, takeStep } from '../transition.ts';
import { cardConsoleOperations as ops } from './audit.ts';
import { filterSchema, parseFilter } from './filter.ts';
import { BulkConfirmPage, type BulkRequest } from './pages/bulk-page.tsx';
import { CardPage } from './pages/card-page.tsx';
import { CardListPage, filterQuery } from './pages/list-page.tsx';
import type { SiteName } from './pages/parts.tsx';
import { BULK_CONFIRM_PATH, BULK_PATH, cardPath, CARDS_PATH } from './paths.ts';
import { addComment, changeMemo, collectFee } from './record-changes.ts';
import { feeCollection, filteredIds, listCards, looseComments } from './store.ts';

const read = 'card.issuance.read';
const manage = 'card.issuance.manage';
/** Cards on one page of the list. */
export const pageSize = 100;

const lang = { type: 'string', maxLength: 2 } as const;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const idParams = { type: 'object', required: ['applicantId'], properties: { applicantId: { type: 'string', pattern: '^[0-9]{23}$' } } } as const;
const stepFields = { comment: text(1000), reason: text(200), toSite: text(40) } as const;
const doneNotices = {
  step: { ja: '操作を記録しました。', en: 'The step was recorded.' },
  fee: { ja: '手数料の徴収を記録しました。', en: 'The fee collection was recorded.' },
  memo: { ja: 'メモを保存しました。', en: 'The memo was saved.' },
  comment: { ja: 'コメントを追加しました。', en: 'The comment was added.' },
} as const;
type CardForm = keyof typeof doneNotices;

export function installCardConsoleRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;

  const sitesIn = async (mc: string, scope: SiteScope): Promise<SiteName[]> =>
    (await listSites(db.kysely, mc)).filter((s) => inScope(scope, s.siteCode)).map((s) => ({ code: s.siteCode, ja: s.nameJa, en: s.nameEn }));
  const actor = (req: FastifyRequest) => ({ actor: staffActor(currentStaff(req)), client: auditClient(req) });
  const manageScope = (req: FastifyRequest) => sitesFor(currentPrincipal(req), manage);
  /** True unless the scope is no site at all. */
  const anySite = (scope: SiteScope) => scope === undefined || scope.length > 0;

  app.get(CARDS_PATH, {
    config: { capability: read, personalData: true, audit: ops['card.issuance.list.read'] },
    schema: { hide: true, querystring: { type: 'object', properties: { ...filterSchema, after: { type: 'string', pattern: '^[0-9]{23}$' }, moved: { type: 'string', pattern: '^[0-9]{1,5}$' }, lang } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as Record<string, string | undefined>;
    const filter = parseFilter(q);
    const scope = sitesFor(currentPrincipal(req), read);
    if (filter.site && !inScope(scope, filter.site)) throw new AppError('forbidden');
    const [ctx, sites, found] = await Promise.all([
      deps.pageContext(req), sitesIn(staff.municipalityCode, scope), listCards(db.kysely, staff.municipalityCode, filter, scope, { after: q.after, limit: pageSize + 1 }),
    ]);
    const rows = found.slice(0, pageSize);
    auditSubjects(req, { subjects: rows.map((r) => subjectId('card', r.applicantId)), detail: `${new URLSearchParams(filterQuery(filter)).toString()}: ${rows.length}` });
    const moved = q.moved === undefined ? undefined : { kind: 'done' as const, text: t(ctx.lang, `${q.moved}件の操作を記録しました。`, `The step was recorded for ${q.moved} cards.`) };
    return html(reply, 200, CardListPage({
      ...ctx, csrf: staff.csrfToken, filter, rows, sites, mayAct: anySite(manageScope(req)), notice: moved,
      nextAfter: found.length > pageSize ? rows.at(-1)?.applicantId : undefined,
    }));
  });

  /** The confirmation page of a bulk request, every card in the clerk's scope or forbidden. */
  const confirmPage = async (req: FastifyRequest, reply: FastifyReply, status: number, request: BulkRequest, back: string, notice?: PageNotice, confirmable = true) => {
    const staff = currentStaff(req);
    const scope = manageScope(req);
    const known = await statusesOf(db.kysely, staff.municipalityCode, request.applicantIds);
    if ([...known.values()].some((c) => !inScope(scope, c.storageSiteCode))) throw new AppError('forbidden');
    const counts = new Map<keyof typeof cardStatuses, number>();
    for (const c of known.values()) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
    const byStatus = (Object.keys(cardStatuses) as Array<keyof typeof cardStatuses>).filter((s) => counts.has(s)).map((s) => ({ status: s, count: counts.get(s) ?? 0 }));
    const [ctx, sites] = await Promise.all([deps.pageContext(req), sitesIn(staff.municipalityCode, undefined)]);
    return html(reply, status, BulkConfirmPage({ ...ctx, csrf: staff.csrfToken, request, byStatus, sites, back, notice, confirmable }));
  };

  app.post(BULK_PATH, {
    config: { capability: manage },
    schema: {
      hide: true,
      body: {
        type: 'object', required: ['step'],
        properties: {
          csrf: text(200), target: { type: 'string', enum: ['selected', 'filtered'] }, step: { type: 'string', enum: Object.keys(cardSteps) },
          id: { type: 'array', maxItems: pageSize, items: { type: 'string', pattern: '^[0-9]{23}$' } }, ...stepFields,
          ...Object.fromEntries(Object.entries(filterSchema).map(([k, v]) => [`filter_${k}`, v])),
        },
      },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const body = req.body as Record<string, string | string[] | undefined> & { id?: string[]; step: CardStep };
    const filter = parseFilter(Object.fromEntries(Object.keys(filterSchema).map((k) => [k, body[`filter_${k}`] as string | undefined])));
    const back = `${CARDS_PATH}?${new URLSearchParams(filterQuery(filter)).toString()}`;
    const ids = body.target === 'filtered'
      ? await filteredIds(db.kysely, staff.municipalityCode, filter, manageScope(req), maxBulkCards + 1)
      : [...new Set(body.id ?? [])];
    const request = { step: body.step, applicantIds: ids.slice(0, maxBulkCards), comment: String(body.comment ?? ''), reason: String(body.reason ?? ''), toSite: String(body.toSite ?? '') };
    const { lang: l } = await deps.pageContext(req);
    if (ids.length === 0) return reply.redirect(back, 303);
    if (ids.length > maxBulkCards) {
      return confirmPage(req, reply, 422, request, back, { kind: 'error', text: t(l, `一括更新は${maxBulkCards}件までです。さらに絞り込んでください。`, `A bulk step takes at most ${maxBulkCards} cards; filter further.`) }, false);
    }
    return confirmPage(req, reply, 200, request, back);
  });

  app.post(BULK_CONFIRM_PATH, {
    config: { capability: manage },
    schema: {
      hide: true,
      body: {
        type: 'object', required: ['step', 'ids'],
        properties: { csrf: text(200), step: { type: 'string', enum: Object.keys(cardSteps) }, ids: { type: 'string', pattern: '^[0-9]{23}(,[0-9]{23})*$', maxLength: maxBulkCards * 24 }, back: text(600), ...stepFields },
      },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const body = req.body as { step: CardStep; ids: string; back?: string; comment?: string; reason?: string; toSite?: string };
    const back = body.back?.startsWith(`${CARDS_PATH}?`) && !body.back.includes('//') ? body.back : CARDS_PATH;
    const request = { step: body.step, applicantIds: body.ids.split(','), comment: body.comment ?? '', reason: body.reason ?? '', toSite: body.toSite ?? '' };
    const scope = manageScope(req);
    const known = await statusesOf(db.kysely, staff.municipalityCode, request.applicantIds);
    if ([...known.values()].some((c) => !inScope(scope, c.storageSiteCode))) throw new AppError('forbidden');
    try {
      const moved = await takeBulkStep(db, {
        municipalityCode: staff.municipalityCode, applicantIds: request.applicantIds, step: request.step,
        comment: request.comment, reason: request.reason, toSite: request.toSite || undefined,
      }, actor(req));
      return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}moved=${moved.length}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      const { lang: l } = await deps.pageContext(req);
      return confirmPage(req, reply, e.status, request, back, { kind: 'error', text: e.localized(l) });
    }
  });

  app.get(cardPath(':applicantId'), {
    config: { capability: read, personalData: true, audit: ops['card.issuance.card.read'] },
    schema: {
      hide: true, params: idParams,
      querystring: { type: 'object', properties: { done: { type: 'string', enum: Object.keys(doneNotices) }, problem: text(40), step: text(40), lang } },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { applicantId } = req.params as { applicantId: string };
    const q = req.query as { done?: CardForm; problem?: string; step?: string };
    const card = await findCard(db.kysely, staff.municipalityCode, applicantId);
    if (!card) throw new AppError('card_not_found', { applicantId });
    if (!inScope(sitesFor(currentPrincipal(req), read), card.storageSiteCode)) throw new AppError('forbidden');
    const [ctx, sites, history, comments, fee] = await Promise.all([
      deps.pageContext(req), sitesIn(staff.municipalityCode, undefined), cardHistory(db.kysely, staff.municipalityCode, applicantId),
      looseComments(db.kysely, staff.municipalityCode, applicantId), feeCollection(db.kysely, staff.municipalityCode, applicantId),
    ]);
    auditSubjects(req, { subjects: [subjectId('card', applicantId)], detail: cardStatuses[card.status].en });
    const notice = q.done ? { kind: 'done' as const, text: t(ctx.lang, doneNotices[q.done].ja, doneNotices[q.done].en) } : problemNotice(ctx.lang, q.problem, q.step, card.status);
    return html(reply, 200, CardPage({
      ...ctx, csrf: staff.csrfToken, card, history, comments, fee, steps: stepsFrom(card.status), sites, notice,
      mayAct: inScope(manageScope(req), card.storageSiteCode), mayViewImages: inScope(sitesFor(currentPrincipal(req), 'card.images.read'), card.storageSiteCode),
    }));
  });

  /** A card's form: the card must be in the clerk's scope to act on; back to its page with what happened or why not. */
  const cardForm = (form: CardForm, body: Record<string, unknown>, act: (req: FastifyRequest, card: { municipalityCode: string; applicantId: string }) => Promise<unknown>) => {
    app.post(cardPath(':applicantId', form), {
      config: { capability: manage },
      schema: { hide: true, params: idParams, body: { type: 'object', properties: { csrf: text(200), ...body } } },
    }, async (req, reply) => {
      const staff = currentStaff(req);
      const { applicantId } = req.params as { applicantId: string };
      const known = (await statusesOf(db.kysely, staff.municipalityCode, [applicantId])).get(applicantId);
      if (!known) throw new AppError('card_not_found', { applicantId });
      if (!inScope(manageScope(req), known.storageSiteCode)) throw new AppError('forbidden');
      try {
        await act(req, { municipalityCode: staff.municipalityCode, applicantId });
        return reply.redirect(`${cardPath(applicantId)}?done=${form}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        const step = (req.body as { step?: string }).step;
        return reply.redirect(`${cardPath(applicantId)}?problem=${e.code}${step ? `&step=${step}` : ''}`, 303);
      }
    });
  };
  const rowVersion = { type: 'string', pattern: '^[0-9]{1,9}$' } as const;

  cardForm('step', { step: { type: 'string', enum: Object.keys(cardSteps) }, rowVersion, ...stepFields }, async (req, c) => {
    const b = req.body as { step?: CardStep; rowVersion?: string; comment?: string; reason?: string; toSite?: string };
    if (!b.step || b.rowVersion === undefined) throw new AppError('bad_request');
    await takeStep(db, { ...c, step: b.step, rowVersion: Number(b.rowVersion), comment: b.comment, reason: b.reason, toSite: b.toSite || undefined }, actor(req));
  });
  cardForm('fee', { rowVersion, collectedOn: { type: 'string', format: 'date' }, category: { type: 'string', enum: ['cash', 'cashless'] }, amount: { type: 'string', pattern: '^[0-9]{1,6}$' } }, async (req, c) => {
    const b = req.body as { rowVersion?: string; collectedOn?: string; category?: 'cash' | 'cashless'; amount?: string };
    if (b.rowVersion === undefined || !b.collectedOn || !b.category || b.amount === undefined || Number(b.amount) > 100000) throw new AppError('bad_request');
    await collectFee(db, { ...c, rowVersion: Number(b.rowVersion) }, { collectedOn: b.collectedOn, category: b.category, amount: Number(b.amount) }, actor(req));
  });
  cardForm('memo', { rowVersion, memo: text(1000) }, async (req, c) => {
    const b = req.body as { rowVersion?: string; memo?: string };
    if (b.rowVersion === undefined) throw new AppError('bad_request');
    await changeMemo(db, { ...c, rowVersion: Number(b.rowVersion) }, b.memo ?? '', actor(req));
  });
  cardForm('comment', { comment: text(1000) }, async (req, c) => {
    await addComment(db, c, (req.body as { comment?: string }).comment ?? '', actor(req));
  });
}

const problems = new Set<ErrorCode>(['card_changed', 'card_reason_required', 'card_transfer_invalid', 'card_step_not_allowed', 'bad_request']);

/** Why a card's form was refused, told again on its page: the error's own words, for the step asked and the status now. */
function problemNotice(lang: Lang, problem: string | undefined, step: string | undefined, status: keyof typeof cardStatuses): PageNotice | undefined {
  if (!problem || !problems.has(problem as ErrorCode)) return undefined;
  const asked = step && isCardStep(step) ? step : undefined;
  let error = new AppError(problem as ErrorCode, asked ? { step: stepRule(asked).ja, stepEn: stepRule(asked).en } : {});
  if (problem === 'card_step_not_allowed' && asked) {
    try {
      nextStatus(status, asked);
    } catch (e) {
      if (e instanceof AppError) error = e;
    }
  }
  return { kind: 'error', text: error.localized(lang) };
}

