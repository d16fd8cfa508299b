// The resident site of card reservations (public, no login, Japanese and English, every page without script):
//   /card/reserve/…            type → office → month calendar → time → details → confirm → booked (flow-routes, book-routes)
//   /card/r/<number>/<token>   the confirmation mail's link: view, cancel, change (manage-routes)
//   /card/reserve/…/waitlist   join a full day's waiting list; /card/w/<token> the offer's link (waitlist-routes)
// The day-before reminder is a worker job (reminders.ts).
import type { FastifyInstance } from 'fastify';
import { cachedReader } from '../reservations/reader.ts';
import { installBookRoutes } from './book-routes.ts';
import type { PortalDeps } from './context.ts';
import { installFlowRoutes } from './flow-routes.ts';
import { installManageRoutes } from './manage-routes.ts';
import { installPickupRoutes } from './pickup-routes.ts';
import { installWaitlistRoutes } from './waitlist-routes.ts';

export type { PortalDeps as CardPortalDeps } from './context.ts';
export { reminderJob as cardReminderJob } from './reminders.ts';
export { offerExpiryJob as cardOfferExpiryJob } from './offer-expiry.ts';

/** Registers every route of the resident site. */
export function installCardPortal(app: FastifyInstance, base: PortalDeps): void {
  const deps = { ...base, reader: base.reader ?? cachedReader(base.db) };
  installFlowRoutes(app, deps);
  installBookRoutes(app, deps);
  installManageRoutes(app, deps);
  installWaitlistRoutes(app, deps);
  installPickupRoutes(app, deps);
}
