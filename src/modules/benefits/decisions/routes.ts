// The console's decisions: 支給決定 and 却下 (with a reason) from the case page, the decision notice's PDF (an audited
// export naming the person), and the bulk 支給決定 of the notices past their deadline (confirm, then decide).
import type { FastifyInstance } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import type { BenefitsDeps } from '../console/deps.ts';
import { letterPaths, letterRoutes } from '../letters/paths.ts';
import { decisionPdfOf } from '../letters/printing.ts';
import { formBody, personStep, programmeOf, programmeQuery, residentParams } from '../letters/route-kit.tsx';
import { lettersPage, pdfReply } from '../letters/routes.ts';
import { grantOverdueNotices, grantTarget, planOverdueNotices, rejectTarget } from './decide.ts';
import { isRejectionReason } from './domain/decision.ts';

export function installDecisionRoutes(app: FastifyInstance, deps: BenefitsDeps): void {
  const { db } = deps;

  app.post(letterRoutes.grant, { config: { capability: 'benefits.ledger.manage' }, schema: { hide: true, params: residentParams, body: formBody } }, async (req, reply) =>
    personStep(deps, req, reply, 'decide', (s) => grantTarget(s)));

  app.post(letterRoutes.reject, { config: { capability: 'benefits.ledger.manage' }, schema: { hide: true, params: residentParams, body: formBody } }, async (req, reply) => {
    const reason = (req.body as { reason?: string }).reason ?? '';
    if (!isRejectionReason(reason)) throw new AppError('validation_failed');
    return personStep(deps, req, reply, 'reject', (s) => rejectTarget({ ...s, reason }));
  });

  app.get(letterRoutes.decisionPdf, {
    config: { capability: 'benefits.ledger.read', personalData: true, audit: ops['benefits.letter.pdf'] },
    schema: { hide: true, params: residentParams, querystring: programmeQuery },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { residentNumber } = req.params as { residentNumber: string };
    const programme = programmeOf((req.query as { programme?: string }).programme);
    const pdf = await decisionPdfOf(deps, staff.municipalityCode, programme.id, residentNumber);
    if (!pdf) throw new AppError('benefits_decision_not_found');
    auditSubjects(req, { subjects: [subjectId('benefit_target', residentNumber)], detail: `${programme.id} decision notice` });
    return pdfReply(reply, pdf, `benefit-decision-${residentNumber}`);
  });

  app.post(letterPaths.overdue, { config: { capability: 'benefits.ledger.manage' }, schema: { hide: true, body: formBody } }, async (req, reply) => {
    const staff = currentStaff(req);
    const body = req.body as { programme?: string; step?: string };
    const programme = programmeOf(body.programme);
    const today = todayInJapan();
    const scope = { db, municipalityCode: staff.municipalityCode, programmeId: programme.id, today };
    const money = body.step === 'decide'
      ? await grantOverdueNotices({ ...scope, actor: staffActor(staff), client: auditClient(req) })
      : await planOverdueNotices(scope);
    return html(reply, 200, await lettersPage(deps, req, programme.id, { overdue: { step: body.step === 'decide' ? 'decided' : 'confirm', money } }));
  });
}
