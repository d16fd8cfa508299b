// 予約状況のカレンダー: a site's week or month, with slot counts and waitlist lengths; counts only, so not an audited read.
import type { FastifyInstance } from 'fastify';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { isPlainDate, todayInJapan } from '../../../platform/text/index.ts';
import { availabilityBetween } from '../reservations/availability.ts';
import { listTypes, slotCounts, waitlistLengths } from '../reservations/store.ts';
import { calendarRange, type CalendarView, dayCells, slotCells, withUnbookedSlots } from './calendar-counts.ts';
import { CALENDAR_PATH, CalendarPage } from './pages/calendar-page.tsx';
import { type CardStaffDeps, namedMasters } from './routes.ts';
import { inScope, sitesFor } from './scope.ts';

export function installCalendarRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;
  app.get(CALENDAR_PATH, {
    config: { capability: 'card.reservations.read' },
    schema: {
      hide: true,
      querystring: { type: 'object', properties: { site: { type: 'string', maxLength: 40 }, type: { type: 'string', maxLength: 40 }, view: { type: 'string', enum: ['week', 'month'] }, date: { type: 'string', maxLength: 10 }, lang: { type: 'string', maxLength: 2 } } },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as { site?: string; type?: string; view?: CalendarView; date?: string };
    const scope = sitesFor(currentPrincipal(req), 'card.reservations.read');
    if (q.site && !inScope(scope, q.site)) throw new AppError('forbidden');
    const [ctx, masters] = await Promise.all([deps.pageContext(req), namedMasters(db, staff.municipalityCode, scope)]);
    const site = q.site || masters.sites[0]?.code || '';
    const type = q.type && masters.types.some((x) => x.code === q.type) ? q.type : '';
    const view = q.view ?? 'week';
    const date = q.date && isPlainDate(q.date) ? q.date : todayInJapan();
    const { from, to } = calendarRange(view, date);
    const offered = (await listTypes(db.kysely, staff.municipalityCode)).filter((x) => x.siteCodes.includes(site) && (!type || x.typeCode === type)).map((x) => x.typeCode);
    const [counters, waits, generated] = site
      ? await Promise.all([
        slotCounts(db.kysely, staff.municipalityCode, site, from, to),
        waitlistLengths(db.kysely, staff.municipalityCode, site, from, to),
        Promise.all(offered.map(async (typeCode) => ({ typeCode, days: await availabilityBetween(db.kysely, staff.municipalityCode, site, typeCode, from, to, new Date()) ?? [] }))),
      ])
      : [[], [], []];
    const slots = withUnbookedSlots(counters, generated);
    const week = slotCells(slots, type || undefined);
    return html(reply, 200, CalendarPage({ ...ctx, ...masters, view, date, from, to, site, type, days: dayCells(slots, waits, type || undefined), times: week.times, slots: week.cells }));
  });
}
