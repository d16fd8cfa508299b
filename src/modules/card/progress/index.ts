// カード進捗管理 and reports (issue 8): the dashboard of waiting cards with the list behind each number, the
// uncollected cards (督促状 PDF, disposal list) and the daily issuance report with its CSV.
import type { FastifyInstance } from 'fastify';
import type { CardStaffDeps } from '../staff/routes.ts';
import { installIssuanceReportRoutes } from './report-routes.ts';
import { installProgressRoutes } from './routes.ts';
import { installProgressSettingsRoutes } from './settings-routes.ts';

/** Every console route of progress and reports. */
export function installCardProgressConsole(app: FastifyInstance, deps: CardStaffDeps): void {
  installProgressRoutes(app, deps);
  installIssuanceReportRoutes(app, deps);
  installProgressSettingsRoutes(app, deps);
}
