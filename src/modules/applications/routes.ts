// Every route of the applications module, by role: the resident portal (forms, payment, receipts) and the staff
// console (inbox, hand-over, payments, procedures, register). Each part installs its own routes from its own file.
import type { FastifyInstance } from 'fastify';
import type { ApplicationsDeps } from './deps.ts';
import { installHandover } from './handover/routes.ts';
import { installPittariImport } from './pittari/routes.ts';
import { installInbox } from './inbox/routes.ts';
import { installPortalRoutes } from './portal-routes.ts';
import { installPaymentsConsole } from './payments/index.ts';
import { installProcedureEditor } from './procedure-routes.ts';
import { installApplicationsRegister } from './register-routes.ts';

/** The resident side (portal role). */
export function installApplicationsPortal(app: FastifyInstance, deps: ApplicationsDeps): void {
  installPortalRoutes(app, deps);
}

/** The staff side (console role). */
export function installApplicationsConsole(app: FastifyInstance, deps: ApplicationsDeps): void {
  installInbox(app, deps);
  installHandover(app, deps);
  installPittariImport(app, deps);
  installPaymentsConsole(app, deps);
  installProcedureEditor(app, deps);
  installApplicationsRegister(app, deps);
}
