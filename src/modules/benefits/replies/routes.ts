// The clerk's entry of a returned 支給確認書: the form (an audited read: it shows the person and the letter), and its
// post — fields checked, then the reply recorded with the account (or the refusal of the benefit), or the rule's
// refusal (late, second, ...) shown on the form with the reason.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { AppError, errorMessage } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { isPlainDate, todayInJapan } from '../../../platform/text/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import type { BenefitsDeps } from '../console/deps.ts';
import { backTo, comeBack, letterRoutes } from '../letters/paths.ts';
import { formBody, programmeOf, programmeQuery, residentParams } from '../letters/route-kit.tsx';
import { lettersOf, printedPerson } from '../letters/store.ts';
import { ReplyPage, type ReplyPageProps } from './pages/reply-page.tsx';
import { recordReply } from './record.ts';
import { checkReplyForm, emptyReplyForm, replyFormOf } from './reply-form.ts';

export function installReplyRoutes(app: FastifyInstance, deps: BenefitsDeps): void {
  const { db } = deps;

  const render = async (req: FastifyRequest, reply: FastifyReply, status: number, programmeId: string | undefined, back: string | undefined, form: Partial<Pick<ReplyPageProps, 'values' | 'errors' | 'receivedOn' | 'notice'>> = {}) => {
    const staff = currentStaff(req);
    const { residentNumber } = req.params as { residentNumber: string };
    const programme = programmeOf(programmeId);
    const [ctx, person, letters] = await Promise.all([
      deps.pageContext(req),
      printedPerson(db.kysely, staff.municipalityCode, programme.id, residentNumber),
      lettersOf(db.kysely, staff.municipalityCode, programme.id, residentNumber),
    ]);
    if (!person) throw new AppError('benefits_target_not_found');
    auditSubjects(req, { subjects: [subjectId('benefit_target', residentNumber)], detail: `${programme.id} reply form` });
    return html(reply, status, ReplyPage({
      ...ctx, csrf: staff.csrfToken, programmeId: programme.id, residentNumber, name: person.name, letter: letters.at(-1),
      back: backTo(back, residentNumber, programme.id), receivedOn: form.receivedOn ?? todayInJapan(), values: form.values ?? emptyReplyForm(), errors: form.errors ?? {}, notice: form.notice,
    }));
  };

  app.get(letterRoutes.reply, {
    config: { capability: 'benefits.ledger.manage', personalData: true, audit: ops['benefits.case.read'] },
    schema: { hide: true, params: residentParams, querystring: programmeQuery },
  }, async (req, reply) => {
    const q = req.query as { programme?: string; back?: string };
    return render(req, reply, 200, q.programme, q.back);
  });

  app.post(letterRoutes.reply, {
    config: { capability: 'benefits.ledger.manage', personalData: true, audit: ops['benefits.case.read'] },
    schema: { hide: true, params: residentParams, body: formBody },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { residentNumber } = req.params as { residentNumber: string };
    const body = req.body as Record<string, string>;
    const programme = programmeOf(body.programme);
    const values = replyFormOf(body);
    const receivedOn = (body.receivedOn ?? '').trim();
    const checked = checkReplyForm(values);
    const dateError = isPlainDate(receivedOn) ? undefined : { ja: '受付日を年月日で入力してください。', en: 'Enter the day received as a date.' };
    const lang = (await deps.pageContext(req)).lang;
    const invalid = { kind: 'error' as const, text: errorMessage('validation_failed', lang) };
    if (!checked.ok || dateError) return render(req, reply, 400, programme.id, body.back, { values, receivedOn, errors: { ...(checked.ok ? {} : checked.errors), ...(dateError ? { receivedOn: dateError } : {}) }, notice: invalid });
    try {
      await recordReply({
        db, cipher: await deps.cipher(staff.municipalityCode), municipalityCode: staff.municipalityCode, programmeId: programme.id, residentNumber,
        answer: checked.answer, channel: 'paper', receivedOn, today: todayInJapan(), actor: staffActor(staff), client: auditClient(req),
      });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'benefits_reply_refused') throw e;
      return render(req, reply, 409, programme.id, body.back, { values, receivedOn, notice: { kind: 'error', text: errorMessage(e.code, lang, e.details) } });
    }
    auditSubjects(req, { subjects: [subjectId('benefit_target', residentNumber)], detail: `${programme.id} reply recorded` });
    return comeBack(reply, backTo(body.back, residentNumber, programme.id), 'reply');
  });
}
