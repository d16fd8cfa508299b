// The console side of card reservations that H2 builds: staff pages (day, calendar, check-in, search, cancel,
// proxy booking), the report, the masters and the mail outbox; the issuance side's arrival scanning; and the worker's
// day-end no-show job.
import type { FastifyInstance } from 'fastify';
import { installArrivalRoutes } from '../issuance/arrival-routes.ts';
import { installCardConsoleRoutes } from '../issuance/console/routes.ts';
import { installMastersRoutes } from '../masters/routes.ts';
import { installShippingRoutes } from '../shipping/routes.ts';
import { installCalendarRoutes } from './calendar-routes.ts';
import { installOutboxRoutes } from './outbox-routes.ts';
import { installProxyRoutes } from './proxy-routes.ts';
import { installReportRoutes } from './report-routes.ts';
import { type CardStaffDeps, installStaffRoutes } from './routes.ts';

export type { CardStaffDeps } from './routes.ts';
export { noShowJob } from './no-show-job.ts';

/** Every console route of the staff side. */
export function installCardStaffConsole(app: FastifyInstance, deps: CardStaffDeps): void {
  installStaffRoutes(app, deps);
  installCalendarRoutes(app, deps);
  installReportRoutes(app, deps);
  installMastersRoutes(app, deps);
  installProxyRoutes(app, deps);
  installOutboxRoutes(app, deps);
  installArrivalRoutes(app, deps);
  installShippingRoutes(app, deps);
  installCardConsoleRoutes(app, deps);
}
