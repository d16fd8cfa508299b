// Letters, replies and decisions: the console's routes, the resident's online reply, and the case section.
import type { FastifyInstance } from 'fastify';
import type { BenefitsDeps } from '../console/deps.ts';
import { installDecisionRoutes } from '../decisions/routes.ts';
import { installReplyRoutes } from '../replies/routes.ts';
import { installLetterRoutes } from './routes.ts';

export { installBenefitsPortal } from '../replies/portal-routes.ts';
export { letterCase, type LetterCaseData } from './case.ts';
export { LetterCaseSection, type LetterSectionProps } from './pages/case-section.tsx';

/** The console routes of letters, replies and decisions. */
export function installLetterConsole(app: FastifyInstance, deps: BenefitsDeps): void {
  installLetterRoutes(app, deps);
  installReplyRoutes(app, deps);
  installDecisionRoutes(app, deps);
}
