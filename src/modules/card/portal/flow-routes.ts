// The resident's first four steps, all GET: type → office → month calendar → the day's times (or, on a full day, the
// waitlist form). A change of an existing booking carries ?change=<number>&t=<token> through every step.
import type { FastifyInstance } from 'fastify';
import { html } from '../../../platform/http/html.ts';
import { portalCsrf } from '../../../platform/http/portal-csrf.ts';
import { AppError } from '../../../platform/errors.ts';
import { bookingWindow } from '../domain/booking-window.ts';
import { dayAvailability, monthAvailability } from '../reservations/availability.ts';
import { findBookingSettings, listSites, listTypes, waitlistLengths } from '../reservations/store.ts';
import { addMonths, monthGrid, parseMonth } from './calendar-view.ts';
import { cardContext, changeOf, changeQuery, dayParams, municipalityCode, paths, type PortalDeps, realDate, siteChoice, siteParams, typeAndSite, typeChoice, typeParams } from './context.ts';
import { MonthPage, SitePage, SlotsPage, TypePage } from './pages/choose.tsx';
import { pickupGate, pickupLookup } from './pickup-routes.ts';
import { emptyWaitlist } from './waitlist-routes.ts';

type ChangeQ = { change?: string; t?: string; month?: string };

/** Registers the four choosing steps. */
export function installFlowRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const { db } = deps;

  app.get(paths.types(), { config: { public: true }, schema: { hide: true, querystring: changeQuery } }, async (req, reply) => {
    const mc = await municipalityCode(deps);
    const change = changeOf(req.query as ChangeQ);
    const types = (await listTypes(db.kysely, mc, { activeOnly: true })).filter((ty) => ty.siteCodes.length > 0);
    return html(reply, 200, TypePage({ ...(await cardContext(deps, req)), changing: !!change, types: types.map(typeChoice), hrefOf: (ty) => paths.sites(ty.code, change) }));
  });

  app.get(`${paths.types()}/:type`, { config: { public: true }, schema: { hide: true, params: typeParams, querystring: changeQuery } }, async (req, reply) => {
    const mc = await municipalityCode(deps);
    const ctx = await cardContext(deps, req);
    const change = changeOf(req.query as ChangeQ);
    const { type } = await typeAndSite(deps, mc, (req.params as { type: string }).type);
    const lookup = change ? undefined : await pickupLookup(deps, req, reply, mc, type);
    if (lookup) return lookup;
    const sites = (await listSites(db.kysely, mc, { activeOnly: true })).filter((s) => type.siteCodes.includes(s.siteCode));
    return html(reply, 200, SitePage({
      ...ctx, changing: !!change, type: typeChoice(type), sites: sites.map((s) => siteChoice(s, ctx.lang)),
      hrefOf: (s) => paths.month(type.typeCode, s.code, undefined, change), backHref: paths.types(change),
    }));
  });

  app.get(`${paths.types()}/:type/:site`, { config: { public: true }, schema: { hide: true, params: siteParams, querystring: changeQuery } }, async (req, reply) => {
    const mc = await municipalityCode(deps);
    const ctx = await cardContext(deps, req);
    const q = req.query as ChangeQ;
    const change = changeOf(q);
    const p = req.params as { type: string; site: string };
    const { type, site } = await typeAndSite(deps, mc, p.type, p.site);
    const gate = await pickupGate(deps, req, mc, p.type, p.site);
    if ('redirect' in gate) return reply.redirect(gate.redirect, 303);
    if (q.month !== undefined && !parseMonth(q.month)) throw new AppError('not_found');
    const now = new Date();
    const window = bookingWindow(now, await findBookingSettings(db.kysely, mc));
    const [firstMonth, lastMonth] = [window.first.slice(0, 7), window.last.slice(0, 7)];
    const month = q.month && q.month >= firstMonth && q.month <= lastMonth ? q.month : firstMonth;
    const days = await monthAvailability(db.kysely, mc, p.site, p.type, month, now, deps.reader) ?? [];
    const inRange = (m: string) => m >= firstMonth && m <= lastMonth;
    return html(reply, 200, MonthPage({
      ...ctx, changing: !!change, type: typeChoice(type), site: siteChoice(site!, ctx.lang),
      grid: monthGrid(month, days),
      hrefOf: (cell) => (cell.action === 'none' ? undefined : paths.day(p.type, p.site, cell.date, change)),
      prevHref: inRange(addMonths(month, -1)) ? paths.month(p.type, p.site, addMonths(month, -1), change) : undefined,
      nextHref: inRange(addMonths(month, 1)) ? paths.month(p.type, p.site, addMonths(month, 1), change) : undefined,
      backHref: paths.sites(p.type, change),
    }));
  });

  app.get(`${paths.types()}/:type/:site/:date`, { config: { public: true }, schema: { hide: true, params: dayParams, querystring: changeQuery } }, async (req, reply) => {
    const mc = await municipalityCode(deps);
    const ctx = await cardContext(deps, req);
    const change = changeOf(req.query as ChangeQ);
    const p = req.params as { type: string; site: string; date: string };
    const date = realDate(p.date);
    const { type, site } = await typeAndSite(deps, mc, p.type, p.site);
    const gate = await pickupGate(deps, req, mc, p.type, p.site);
    if ('redirect' in gate) return reply.redirect(gate.redirect, 303);
    const day = await dayAvailability(db.kysely, mc, p.site, p.type, date, new Date(), deps.reader);
    const slots = (day?.slots ?? []).filter((s) => s.bookable);
    const bookable = slots.length > 0;
    // A pickup is for one card already waiting at this office: no waiting list, the resident takes another day.
    const waiting = bookable && day!.remaining === 0 && !type.cardNoticeRequired
      ? (await waitlistLengths(db.kysely, mc, p.site, date, date, p.type)).reduce((n, w) => n + w.waiting, 0) : undefined;
    const problem = !bookable ? { ja: 'この日は予約を受け付けていません（休み、または受付期間外です）。', en: 'This day cannot be booked (closed, or outside the booking period).' } : undefined;
    return html(reply, bookable ? 200 : 404, SlotsPage({
      ...ctx, changing: !!change, type: typeChoice(type), site: siteChoice(site!, ctx.lang), date, problem,
      slots: slots.map((s) => ({ start: s.startTime, end: s.endTime, remaining: s.remaining })),
      hrefOf: (slot) => paths.details(p.type, p.site, date, slot.start, change),
      backHref: paths.month(p.type, p.site, date.slice(0, 7), change),
      waitlist: waiting === undefined ? undefined : { action: paths.waitlist(p.type, p.site, date), csrfToken: portalCsrf(req, reply), values: emptyWaitlist(), errors: {}, waiting, maxPeople: type.maxPeople },
    }));
  });
}
