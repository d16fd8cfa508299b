// Privacy governance (issue 10): the 個人情報ファイル簿 built from every module's declarations (register/), the
// assessment draft, breach impact, contractors, retention and disposal (retention/: one scheduler for every module's
// RetentionSource, approval, 消去証明書) and the disclosure desk (disclosure/: a resident's holdings and access record).
import type { FastifyInstance } from 'fastify';
import { installBreachRoutes } from './breach/routes.ts';
import { type AssessmentDeps, installAssessmentRoutes } from './assessment/routes.ts';
import { installContractorRoutes } from './contractors/routes.ts';
import { installRegisterRoutes } from './register/routes.ts';
import { installRetentionRoutes } from './retention/routes.ts';
import { installDisclosureRoutes } from './disclosure/routes.ts';

export type { GovernanceDeps } from './register/routes.ts';
export { fileTables, type RegisterFile, registerFiles } from './register/files.ts';
export { retentionJob } from './retention/scheduler.ts';

/** Every console route of the governance module. */
export function installGovernanceConsole(app: FastifyInstance, deps: AssessmentDeps): void {
  installRegisterRoutes(app, deps);
  installBreachRoutes(app, deps);
  installContractorRoutes(app, deps);
  installAssessmentRoutes(app, deps);
  installRetentionRoutes(app, deps);
  installDisclosureRoutes(app, deps);
}
