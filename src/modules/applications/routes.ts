// Every route of the applications module, by role: the resident portal (forms, payment, receipts) and the staff
// console (inbox, hand-over, payments, procedures, register). Each part installs its own routes from its own file.
import type { FastifyInstance } from 'fastify';
import type { ApplicationsDeps } from './deps.ts';

/** The resident side (portal role). */
export function installApplicationsPortal(app: FastifyInstance, deps: ApplicationsDeps): void {
  void app;
  void deps;
}

/** The staff side (console role). */
export function installApplicationsConsole(app: FastifyInstance, deps: ApplicationsDeps): void {
  void app;
  void deps;
}
