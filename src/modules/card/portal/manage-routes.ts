// The booking's own page, opened from the confirmation mail's link (/card/r/<number>/<token>): the booking, and while it
// is booked and ahead, cancel (after one more press) and change (the booking flow again, keeping this booking until the
// new one is confirmed). A wrong number or token is a plain 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { checkPortalCsrf, portalCsrf } from '../../../platform/http/portal-csrf.ts';
import { todayInJapan } from '../../../platform/text/date.ts';
import { formatReservationNumber } from '../domain/reservation-number.ts';
import type { Reservation } from '../domain/reservation.ts';
import { findSite, findType } from '../reservations/store.ts';
import { cardContext, municipalityCode, paths, type PortalDeps, siteChoice, typeChoice } from './context.ts';
import { BookedPage, CancelPage, ReservationPage, type ReservationView } from './pages/reservation.tsx';
import { cancelByLink, reservationOfLink } from './service.ts';

const linkParams = {
  type: 'object', required: ['number', 'token'],
  properties: { number: { type: 'string', pattern: '^[0-9-]{4,24}$' }, token: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,64}$' } },
} as const;
const doneQuery = { type: 'object', properties: { done: { type: 'string', enum: ['booked', 'changed', 'cancelled'] }, lang: { type: 'string' } } } as const;
const csrfBody = { type: 'object', required: ['csrf'], properties: { csrf: { type: 'string', maxLength: 128 } } } as const;

/** Registers the link's pages. */
export function installManageRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const { db } = deps;

  const opened = async (req: FastifyRequest) => {
    const mc = await municipalityCode(deps);
    const { number, token } = req.params as { number: string; token: string };
    const r = await reservationOfLink(deps, mc, number, token);
    if (!r) throw new AppError('not_found');
    return { mc, r, token };
  };

  const view = async (mc: string, r: Reservation, lang: 'ja' | 'en'): Promise<ReservationView> => {
    const [type, site] = await Promise.all([findType(db.kysely, mc, r.typeCode), findSite(db.kysely, mc, r.siteCode)]);
    if (!type || !site) throw new AppError('not_found');
    return {
      number: formatReservationNumber(r.reservationNumber), status: r.status, type: typeChoice(type), site: siteChoice(site, lang),
      date: r.date, start: r.startTime, end: r.endTime, people: r.people, cancelledAt: r.cancelledAt,
    };
  };

  /** Cancel and change are offered while the booking is booked and its day is still ahead. */
  const changeable = (r: Reservation) => r.status === 'booked' && r.date > todayInJapan();

  const base = '/card/r/:number/:token';
  app.get(base, { config: { public: true, personalData: true }, schema: { hide: true, params: linkParams, querystring: doneQuery } }, async (req, reply) => {
    const { mc, r, token } = await opened(req);
    const ctx = await cardContext(deps, req);
    const v = await view(mc, r, ctx.lang);
    const done = (req.query as { done?: string }).done;
    const manageHref = paths.manage(r.reservationNumber, token);
    if ((done === 'booked' || done === 'changed') && r.status === 'booked') return html(reply, 200, BookedPage({ ...ctx, r: v, manageHref, changed: done === 'changed' }));
    return html(reply, 200, ReservationPage({
      ...ctx, r: v,
      // A change starts at the office with the booking's type (the office page leads back to the types for another).
      changeHref: changeable(r) ? paths.sites(r.typeCode, { number: r.reservationNumber, token }) : undefined,
      cancelHref: changeable(r) ? `${manageHref}/cancel` : undefined,
      notice: done === 'cancelled' && r.status === 'cancelled' ? { ja: '予約をキャンセルしました。確認のメールをお送りしました。', en: 'The booking is cancelled. We have sent you a confirmation email.' } : undefined,
    }));
  });

  app.get(`${base}/cancel`, { config: { public: true, personalData: true }, schema: { hide: true, params: linkParams } }, async (req, reply) => {
    const { mc, r, token } = await opened(req);
    const manageHref = paths.manage(r.reservationNumber, token);
    if (!changeable(r)) return reply.redirect(manageHref, 303);
    const ctx = await cardContext(deps, req);
    return html(reply, 200, CancelPage({ ...ctx, r: await view(mc, r, ctx.lang), action: `${manageHref}/cancel`, csrfToken: portalCsrf(req, reply), backHref: manageHref }));
  });

  app.post(`${base}/cancel`, { config: { public: true, personalData: true }, schema: { hide: true, params: linkParams, body: csrfBody } }, async (req, reply) => {
    checkPortalCsrf(req, (req.body as { csrf: string }).csrf);
    const { mc, r, token } = await opened(req);
    // A second press (or a reload) finds the booking already cancelled and shows it so.
    if (changeable(r)) await cancelByLink(deps, mc, r.reservationNumber, token);
    return reply.redirect(`${paths.manage(r.reservationNumber, token)}?done=cancelled`, 303);
  });
}
