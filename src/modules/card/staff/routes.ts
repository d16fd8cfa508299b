// The staff console of card reservations: a site's day (⑦) with 消し込み (⑧), and the call centre's look-up (④⑤).
// Both pages show names and phones, so both are audited reads naming the reservations shown. A satellite clerk sees
// and ticks only the sites of their scope; the call centre sees every site and ticks none.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { isPlainDate, todayInJapan } from '../../../platform/text/index.ts';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import type { Reservation } from '../domain/reservation.ts';
import { cardIssueHref } from '../pickup/offer.ts';
import { pickupCardsOf } from '../pickup/store.ts';
import { cancelReservation } from '../reservations/book.ts';
import { findReservation, listSites, listTypes, searchReservations } from '../reservations/store.ts';
import { cardStaffOperations as ops } from './audit.ts';
import { checkIn } from './check-in.ts';
import { DAY_PATH, DayPage, type Named, outcomeNotice, RESERVATIONS_PATH, SEARCH_PATH, SearchPage, type SearchForm } from './pages/day-page.tsx';
import { inScope, sitesFor, type SiteScope } from './scope.ts';

/** What the staff pages need from the shell: the database, the page context, and the portal's address for mail links. */
export interface CardStaffDeps {
  db: Db;
  config: Pick<Config, 'publicUrl'>;
  pageContext: (req: FastifyRequest) => Promise<PageContext>;
}

const lang = { type: 'string', maxLength: 2 } as const;
const dateField = { type: 'string', maxLength: 10 } as const;
const numberParams = { type: 'object', required: ['number'], properties: { number: { type: 'string', pattern: '^[1-9][0-9]{11}$' } } } as const;
const backBody = { type: 'object', properties: { csrf: { type: 'string', maxLength: 200 }, back: { type: 'string', maxLength: 300 } } } as const;

/** The sites and types by code and name, the sites cut to the scope given. */
export async function namedMasters(db: Db, municipalityCode: string, scope: SiteScope): Promise<{ sites: Named[]; types: Named[] }> {
  const [sites, types] = await Promise.all([listSites(db.kysely, municipalityCode), listTypes(db.kysely, municipalityCode)]);
  return {
    sites: sites.filter((s) => inScope(scope, s.siteCode)).map((s) => ({ code: s.siteCode, ja: s.nameJa, en: s.nameEn })),
    types: types.map((x) => ({ code: x.typeCode, ja: x.nameJa, en: x.nameEn })),
  };
}

/** A console address of this module to come back to after a form, or the day page (never another origin). */
export const backTo = (back: string | undefined): string => (back && /^\/console\/card\/[a-z/-]*(\?[A-Za-z0-9=&%._+-]*)?$/.test(back) ? back : DAY_PATH);

/** Back to the page the form was on, saying what happened (`done`, shown by outcomeNotice). */
export function comeBack(reply: FastifyReply, req: FastifyRequest, done: string): FastifyReply {
  const back = backTo((req.body as { back?: string } | undefined)?.back).replace(/[?&]done=[a-z_]*/, '');
  return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}done=${done}`, 303);
}

export function installStaffRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;

  const rowRights = (req: FastifyRequest) => {
    const principal = currentPrincipal(req);
    const mc = currentStaff(req).municipalityCode;
    return {
      mayCheckIn: (r: Reservation) => can(principal, 'card.reservations.checkin', { municipalityCode: mc, attributes: { site: r.siteCode } }),
      mayCancel: (r: Reservation) => can(principal, 'card.reservations.proxy', { municipalityCode: mc, attributes: { site: r.siteCode } }),
    };
  };

  app.get(DAY_PATH, {
    config: { capability: 'card.reservations.read', personalData: true, audit: ops['card.staff.day.read'] },
    schema: { hide: true, querystring: { type: 'object', properties: { site: { type: 'string', maxLength: 40 }, date: dateField, done: { type: 'string', maxLength: 20 }, lang } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as { site?: string; date?: string; done?: string };
    const scope = sitesFor(currentPrincipal(req), 'card.reservations.read');
    const [ctx, masters] = await Promise.all([deps.pageContext(req), namedMasters(db, staff.municipalityCode, scope)]);
    const site = q.site || masters.sites[0]?.code || '';
    const date = q.date && isPlainDate(q.date) ? q.date : todayInJapan();
    if (q.site && !inScope(scope, q.site)) throw new AppError('forbidden');
    const rows = site ? await searchReservations(db.kysely, staff.municipalityCode, { siteCode: site, date }, scope, 1000) : [];
    const cards = await pickupCardsOf(db.kysely, staff.municipalityCode, rows.map((r) => r.reservationNumber));
    auditSubjects(req, { subjects: rows.map((r) => subjectId('card_reservation', r.reservationNumber)), detail: `${site} ${date}: ${rows.length}` });
    return html(reply, 200, DayPage({
      ...ctx, ...masters, ...rowRights(req), site, date, rows, csrf: staff.csrfToken, notice: outcomeNotice(ctx.lang, q.done), cardOf: (r) => cards.get(r.reservationNumber),
    }));
  });

  app.get(SEARCH_PATH, {
    config: { capability: 'card.reservations.read', personalData: true, audit: ops['card.staff.search'] },
    schema: { hide: true, querystring: { type: 'object', properties: { number: { type: 'string', maxLength: 20 }, kana: { type: 'string', maxLength: 100 }, phone: { type: 'string', maxLength: 20 }, date: dateField, done: { type: 'string', maxLength: 20 }, lang } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as Partial<SearchForm> & { done?: string };
    const form: SearchForm = { number: (q.number ?? '').replace(/[\s-]/g, ''), kana: (q.kana ?? '').trim(), phone: (q.phone ?? '').replace(/[\s()-]/g, ''), date: (q.date ?? '').trim() };
    const scope = sitesFor(currentPrincipal(req), 'card.reservations.read');
    const [ctx, masters] = await Promise.all([deps.pageContext(req), namedMasters(db, staff.municipalityCode, undefined)]);
    const base = { ...ctx, ...masters, ...rowRights(req), form, csrf: staff.csrfToken, mayBook: can(currentPrincipal(req), 'card.reservations.proxy') };
    const asked = Object.values(form).some((v) => v !== '');
    const invalid = (form.number && !/^\d{12}$/.test(form.number)) || (form.phone && !/^\d{10,11}$/.test(form.phone)) || (form.date && !isPlainDate(form.date));
    if (!asked || invalid) {
      auditSubjects(req, { subjects: [], detail: 'search form' });
      const notice = invalid ? { kind: 'error' as const, text: t(ctx.lang, '予約番号は12桁、電話番号は10桁か11桁の数字、日付は年月日で入力してください。', 'Enter a 12-digit number, a 10- or 11-digit phone number, or a date.') } : undefined;
      return html(reply, invalid ? 400 : 200, SearchPage({ ...base, rows: undefined, notice }));
    }
    const rows = await searchReservations(db.kysely, staff.municipalityCode, { number: form.number, kana: form.kana, phone: form.phone, date: form.date }, scope, 100);
    auditSubjects(req, { subjects: rows.map((r) => subjectId('card_reservation', r.reservationNumber)), detail: `search by ${Object.entries(form).filter(([, v]) => v).map(([k]) => k).join('+')}: ${rows.length} found` });
    return html(reply, 200, SearchPage({ ...base, rows, notice: outcomeNotice(ctx.lang, q.done) }));
  });

  app.post(`${RESERVATIONS_PATH}/:number/checkin`, {
    config: { capability: 'card.reservations.checkin' },
    schema: { hide: true, params: numberParams, body: backBody },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { number } = req.params as { number: string };
    const found = await findReservation(db.kysely, staff.municipalityCode, number);
    if (!found || !can(currentPrincipal(req), 'card.reservations.checkin', { municipalityCode: staff.municipalityCode, attributes: { site: found.siteCode } })) throw new AppError('not_found');
    const outcome = await checkIn(db, { municipalityCode: staff.municipalityCode, number, today: todayInJapan(), actor: staffActor(staff), client: auditClient(req) });
    if (!outcome.checkedIn && outcome.reason === 'not_found') throw new AppError('not_found');
    // 交付時来庁: the resident is at the counter for their card, so the check-in opens the card's page and its issue step.
    const card = outcome.checkedIn ? (await pickupCardsOf(db.kysely, staff.municipalityCode, [number])).get(number) : undefined;
    if (card && can(currentPrincipal(req), 'card.issuance.manage')) return reply.redirect(cardIssueHref(card), 303);
    return comeBack(reply, req, outcome.checkedIn ? 'checkin' : outcome.reason);
  });

  app.post(`${RESERVATIONS_PATH}/:number/cancel`, {
    config: { capability: 'card.reservations.proxy' },
    schema: { hide: true, params: numberParams, body: backBody },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { number } = req.params as { number: string };
    const found = await findReservation(db.kysely, staff.municipalityCode, number);
    if (!found || !can(currentPrincipal(req), 'card.reservations.proxy', { municipalityCode: staff.municipalityCode, attributes: { site: found.siteCode } })) throw new AppError('not_found');
    try {
      await cancelReservation(db, staff.municipalityCode, number, { staff: staffActor(staff), client: auditClient(req) }, { publicUrl: deps.config.publicUrl });
    } catch (e) {
      if (e instanceof AppError && e.code === 'card_reservation_not_cancellable') return comeBack(reply, req, 'not_open');
      throw e;
    }
    return comeBack(reply, req, 'cancelled');
  });
}
