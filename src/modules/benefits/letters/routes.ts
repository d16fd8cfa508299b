// The console's letters: the programme's sending (plan → confirm → send, counts and money only), one person's letter
// from the case page, and a letter's PDF (an audited export naming the person).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { addDays, isPlainDate, todayInJapan } from '../../../platform/text/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import type { BenefitsDeps } from '../console/deps.ts';
import { planOverdueNotices } from '../decisions/decide.ts';
import { LettersPage, type LettersPageProps } from './pages/letters-page.tsx';
import { letterPaths, letterRoutes } from './paths.ts';
import { letterPdfOf } from './printing.ts';
import { formBody, letterParams, personStep, programmeOf, programmeQuery, residentParams } from './route-kit.tsx';
import { planLetters, reissueLetter, sendLetter, sendLetters } from './send.ts';

/** How far from today a day of sending may be (a mailing prepared ahead, or recorded a little late). */
const SENT_ON_RANGE_DAYS = 31;

/** Sends a PDF inline under a file name. */
export const pdfReply = (reply: FastifyReply, pdf: Buffer, name: string) =>
  reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).header('cache-control', 'no-store').send(pdf);

/** The page with what sending and the bulk decision would do now, or what they just did. */
export async function lettersPage(deps: BenefitsDeps, req: FastifyRequest, programmeId: string | undefined, over: Partial<Pick<LettersPageProps, 'letters' | 'overdue'>> = {}): Promise<string> {
  const { db } = deps;
  const staff = currentStaff(req);
  const programme = programmeOf(programmeId);
  const today = todayInJapan();
  const scope = { db, municipalityCode: staff.municipalityCode, programmeId: programme.id };
  const [ctx, plan, overdue] = await Promise.all([
    deps.pageContext(req),
    over.letters ? undefined : planLetters(scope),
    over.overdue ? undefined : planOverdueNotices({ ...scope, today }),
  ]);
  return LettersPage({
    ...ctx, programme, csrf: staff.csrfToken, today, mayManage: can(currentPrincipal(req), 'benefits.ledger.manage'),
    letters: over.letters ?? { step: 'plan', plan: plan!, sentOn: today },
    overdue: over.overdue ?? { step: 'plan', money: overdue! },
  });
}

export function installLetterRoutes(app: FastifyInstance, deps: BenefitsDeps): void {
  const { db } = deps;

  app.get(letterPaths.letters, { config: { capability: 'benefits.ledger.read' }, schema: { hide: true, querystring: programmeQuery } }, async (req, reply) =>
    html(reply, 200, await lettersPage(deps, req, (req.query as { programme?: string }).programme)));

  app.post(letterPaths.letters, { config: { capability: 'benefits.ledger.manage' }, schema: { hide: true, body: formBody } }, async (req, reply) => {
    const staff = currentStaff(req);
    const body = req.body as { programme?: string; step?: string; sentOn?: string };
    const programme = programmeOf(body.programme);
    const scope = { db, municipalityCode: staff.municipalityCode, programmeId: programme.id };
    const today = todayInJapan();
    const sentOn = (body.sentOn ?? '').trim();
    const lang = (await deps.pageContext(req)).lang;
    if (!isPlainDate(sentOn) || sentOn < addDays(today, -SENT_ON_RANGE_DAYS) || sentOn > addDays(today, SENT_ON_RANGE_DAYS)) {
      const error = t(lang, `発送日は今日の前後${SENT_ON_RANGE_DAYS}日以内の日付を入力してください。`, `Enter a day within ${SENT_ON_RANGE_DAYS} days of today.`);
      return html(reply, 400, await lettersPage(deps, req, programme.id, { letters: { step: 'plan', plan: await planLetters(scope), sentOn, error } }));
    }
    if (body.step !== 'send') return html(reply, 200, await lettersPage(deps, req, programme.id, { letters: { step: 'confirm', plan: await planLetters(scope), sentOn } }));
    const sent = await sendLetters({ ...scope, cipher: await deps.cipher(staff.municipalityCode), sentOn, actor: staffActor(staff), client: auditClient(req) });
    return html(reply, 200, await lettersPage(deps, req, programme.id, { letters: { step: 'sent', plan: sent, sentOn } }));
  });

  app.post(letterRoutes.sendOne, { config: { capability: 'benefits.ledger.manage' }, schema: { hide: true, params: residentParams, body: formBody } }, async (req, reply) =>
    personStep(deps, req, reply, 'notify', async (s) => sendLetter({ ...s, cipher: await deps.cipher(s.municipalityCode), sentOn: s.today })));

  app.post(letterRoutes.reissue, { config: { capability: 'benefits.ledger.manage' }, schema: { hide: true, params: residentParams, body: formBody } }, async (req, reply) =>
    personStep(deps, req, reply, 'notify', async (s) => reissueLetter({ ...s, cipher: await deps.cipher(s.municipalityCode), sentOn: s.today })));

  app.get(letterRoutes.letterPdf, {
    config: { capability: 'benefits.ledger.read', personalData: true, audit: ops['benefits.letter.pdf'] },
    schema: { hide: true, params: letterParams, querystring: programmeQuery },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const p = req.params as { residentNumber: string; letterNumber: string };
    const programme = programmeOf((req.query as { programme?: string }).programme);
    const pdf = await letterPdfOf(deps, staff.municipalityCode, programme.id, p.residentNumber, Number(p.letterNumber));
    if (!pdf) throw new AppError('benefits_letter_not_found');
    auditSubjects(req, { subjects: [subjectId('benefit_target', p.residentNumber)], detail: `${programme.id} letter ${p.letterNumber}` });
    return pdfReply(reply, pdf, `benefit-letter-${p.residentNumber}-${p.letterNumber}`);
  });
}
