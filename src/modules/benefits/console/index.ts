// The benefits console (給付台帳): every page and action of the ledger, each slice installing its own routes.
import type { FastifyInstance } from 'fastify';
import type { BenefitsDeps } from './deps.ts';
import { installLedgerRoutes } from './ledger-routes.ts';
import { installAccountRoutes } from '../accounts/routes.ts';
import { installLetterConsole } from '../letters/index.ts';
import { installPaymentReportRoutes } from '../payments/report-routes.ts';
import { installPaymentRoutes } from '../payments/routes.ts';
import { installReceivableRoutes } from '../receivables/routes.ts';

export { type BenefitsDeps, benefitsDeps } from './deps.ts';

/** Every console route of the benefits ledger. */
export function installBenefitsConsole(app: FastifyInstance, deps: BenefitsDeps): void {
  installLedgerRoutes(app, deps);
  installAccountRoutes(app, deps);
  installLetterConsole(app, deps);
  installPaymentRoutes(app, deps);
  installPaymentReportRoutes(app, deps);
  installReceivableRoutes(app, deps);
}
