// Privacy governance (issue 10): the 個人情報ファイル簿 built from every module's declarations — for now the register
// (register/: the files and items, live person counts, the console page, CSV and PDF).
import type { FastifyInstance } from 'fastify';
import { installBreachRoutes } from './breach/routes.ts';
import { type AssessmentDeps, installAssessmentRoutes } from './assessment/routes.ts';
import { installContractorRoutes } from './contractors/routes.ts';
import { installRegisterRoutes } from './register/routes.ts';
import { installRetentionRoutes } from './retention/routes.ts';

export type { GovernanceDeps } from './register/routes.ts';
export { fileTables, type RegisterFile, registerFiles } from './register/files.ts';
export { retentionJob } from './retention/scheduler.ts';

/** Every console route of the governance module. */
export function installGovernanceConsole(app: FastifyInstance, deps: AssessmentDeps): void {
  installRegisterRoutes(app, deps);
  installBreachRoutes(app, deps);
  installRetentionRoutes(app, deps);
  installContractorRoutes(app, deps);
  installAssessmentRoutes(app, deps);
}
