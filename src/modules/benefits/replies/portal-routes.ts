// /benefits/reply, public: a resident answers their 支給確認書 online. Every post proves again who is answering (the
// letter's reply code, found by its hash, and the date of birth of the ledger: one answer for both wrong, so the page
// tells nothing of which was), is limited per client address, and carries the portal's CSRF token. The reply itself
// is the same use case as the clerk's (channel online, received today), audited with the resident as actor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditClient } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { checkPortalCsrf, portalCsrf } from '../../../platform/http/portal-csrf.ts';
import { createRateLimit } from '../../../platform/http/rate-limit.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import type { BenefitsDeps } from '../console/deps.ts';
import { findLedgerProgramme } from '../programmes.ts';
import { normaliseReplyCode, replyCodeHash } from '../letters/domain/reply-code.ts';
import { letterByCodeHash, printedPerson } from '../letters/store.ts';
import { replyCheck, type ReplyRefusal } from './domain/reply.ts';
import { AnswerPage, type FoundLetter, IdentifyPage, type PortalPageContext, PORTAL_REPLY_PATH, ReplyEndPage } from './pages/portal-reply.tsx';
import { recordReply } from './record.ts';
import { checkReplyForm, emptyReplyForm, replyFormOf, type Bilingual } from './reply-form.ts';

/** Reply posts allowed per client address and minute: a family answering in turn fits, a walk through codes does not. */
export const REPLIES_PER_MINUTE = 10;

const body = {
  type: 'object', required: ['csrf'],
  properties: { csrf: { type: 'string', maxLength: 128 }, step: { type: 'string', enum: ['identify', 'answer'] }, code: { type: 'string', maxLength: 40 }, birthDate: { type: 'string', maxLength: 10 } },
  additionalProperties: { type: 'string', maxLength: 100 },
} as const;

const notFound: Bilingual = { ja: '回答コードまたは生年月日が正しくありません。支給確認書の記載を確かめて、もう一度入力してください。', en: 'The reply code or the date of birth is not right. Check your confirmation form and try again.' };
const tooMany: Bilingual = { ja: '短い時間に操作が多すぎます。1分ほど待ってから、もう一度お試しください。', en: 'Too many attempts. Please wait a minute and try again.' };
const ends: Partial<Record<ReplyRefusal, Bilingual>> = {
  already_replied: { ja: 'この支給確認書への回答は受付済です。内容を変更する場合は、お問い合わせ先へご連絡ください。', en: 'This form has been answered already. To change the answer, please call the office.' },
  after_deadline: { ja: '回答期限を過ぎているため、オンラインでは回答できません。お問い合わせ先へご連絡ください。', en: 'The deadline has passed, so the form cannot be answered online. Please call the office.' },
};
const closed: Bilingual = { ja: 'この給付金の手続きは終了しているため、オンラインでは回答できません。', en: 'This benefit’s procedure is closed, so it cannot be answered online.' };

export function installBenefitsPortal(app: FastifyInstance, deps: BenefitsDeps): void {
  const limit = createRateLimit(REPLIES_PER_MINUTE, 60_000);

  const context = async (req: FastifyRequest): Promise<PortalPageContext> => {
    const c = await deps.pageContext(req);
    return { lang: c.lang, path: c.path, municipalityName: c.municipalityName };
  };

  /** The letter in force the code names in the served municipality, if the birth date is the person's. */
  const identify = async (code: string, birthDate: string) => {
    const m = await deps.municipality();
    const canonical = normaliseReplyCode(code);
    if (!m || !canonical) return undefined;
    const letter = await letterByCodeHash(deps.db.kysely, replyCodeHash(canonical));
    if (!letter || letter.municipalityCode !== m.code) return undefined;
    const person = await printedPerson(deps.db.kysely, m.code, letter.programmeId, letter.residentNumber);
    if (!person || person.birthDate !== birthDate.trim().replace(/\//g, '-')) return undefined;
    return { letter, person };
  };

  app.get(PORTAL_REPLY_PATH, { config: { public: true }, schema: { hide: true } }, async (req, reply) =>
    html(reply, 200, IdentifyPage({ ...(await context(req)), csrf: portalCsrf(req, reply), code: '', birthDate: '' })));

  app.post(PORTAL_REPLY_PATH, { config: { public: true, personalData: true }, schema: { hide: true, body } }, async (req, reply: FastifyReply) => {
    const b = req.body as Record<string, string>;
    checkPortalCsrf(req, b.csrf);
    const ctx = await context(req);
    const code = b.code ?? '';
    const birthDate = b.birthDate ?? '';
    const again = (status: number, problem: Bilingual) => html(reply, status, IdentifyPage({ ...ctx, csrf: portalCsrf(req, reply), code, birthDate, problem }));
    if (!limit.allow(req.ip)) {
      reply.header('retry-after', '60');
      return again(429, tooMany);
    }
    const found = await identify(code, birthDate);
    if (!found) return again(400, notFound);
    const today = todayInJapan();
    const { letter, person } = found;
    const open = replyCheck({ state: person.state, letter: { kind: letter.kind, sentOn: letter.sentOn, deadline: letter.replyDeadline }, receivedOn: today, today });
    if (!open.ok) return html(reply, 409, ReplyEndPage({ ...ctx, done: false, message: ends[open.refusal] ?? closed }));
    const shown: FoundLetter = { programmeName: findLedgerProgramme(letter.programmeId)?.programme.names ?? { ja: letter.programmeId, en: letter.programmeId }, amount: letter.amount, deadline: letter.replyDeadline };
    const answerPage = (status: number, values = emptyReplyForm(), errors = {}, problem?: Bilingual) =>
      html(reply, status, AnswerPage({ ...ctx, csrf: portalCsrf(req, reply), code, birthDate, found: shown, values, errors, problem }));
    if (b.step !== 'answer') return answerPage(200);
    const values = replyFormOf(b);
    const checked = checkReplyForm(values);
    if (!checked.ok) return answerPage(400, values, checked.errors, { ja: '入力内容に誤りがあります。', en: 'Some details are not valid.' });
    try {
      await recordReply({
        db: deps.db, cipher: await deps.cipher(letter.municipalityCode), municipalityCode: letter.municipalityCode, programmeId: letter.programmeId,
        residentNumber: letter.residentNumber, answer: checked.answer, channel: 'online', receivedOn: today, today, actor: { userId: 'resident' }, client: auditClient(req),
      });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'benefits_reply_refused') throw e;
      return html(reply, 409, ReplyEndPage({ ...ctx, done: false, message: ends[e.details.refusal as ReplyRefusal] ?? closed }));
    }
    const message = checked.answer.consent
      ? { ja: '回答を受け付けました。支給が決まりましたら、支給決定通知書をお送りします。', en: 'Your reply has been received. Once the payment is decided, we will send you the notice.' }
      : { ja: '辞退の回答を受け付けました。', en: 'Your reply declining the benefit has been received.' };
    return html(reply, 200, ReplyEndPage({ ...ctx, done: true, message }));
  });
}
