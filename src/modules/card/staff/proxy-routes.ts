// 代行予約 (seed ③): the call centre books for a caller with the residents' rules (window, capacity, one active booking
// per person) through the booking use case, which records the operator as 代行 and audits the booking in its
// transaction; once per submission, so a double-clicked 予約する shows the booking, not "already holds one".
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, staffActor } from '../../../platform/audit/index.ts';
import { AppError, errorMessage } from '../../../platform/errors.ts';
import { requestHash } from '../../../platform/idempotency/index.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { isPlainDate, todayInJapan } from '../../../platform/text/index.ts';
import { checkApplicant } from '../domain/applicant.ts';
import { applicantFormOf, problemMessage } from '../portal/applicant-form.ts';
import type { ApplicantField, ApplicantForm } from '../portal/pages/details.tsx';
import { emptyApplicant } from '../portal/pages/details.tsx';
import type { Bilingual } from '../portal/pages/common.tsx';
import { dayAvailability } from '../reservations/availability.ts';
import { commitBooking, prepareBooking } from '../reservations/book.ts';
import { bookOncePer, isSubmissionId } from '../reservations/once.ts';
import { findType } from '../reservations/store.ts';
import { PROXY_PATH, type ProxyChoice, ProxyPage } from './pages/proxy-page.tsx';
import { type CardStaffDeps, namedMasters } from './routes.ts';

const code = { type: 'string', maxLength: 40 } as const;
const choiceQuery = { type: 'object', properties: { type: code, site: code, date: { type: 'string', maxLength: 10 }, lang: { type: 'string', maxLength: 2 } } } as const;
const bookBody = {
  type: 'object',
  required: ['type', 'site', 'date'],
  properties: { csrf: { type: 'string', maxLength: 200 }, type: code, site: code, date: { type: 'string', maxLength: 10 }, startTime: { type: 'string', maxLength: 5 } },
  additionalProperties: { type: 'string', maxLength: 1000 },
} as const;

/** The caller's details checked: the applicant and the group's size, or a message per wrong field. */
function checkCaller(form: ApplicantForm, today: string, maxPeople: number) {
  const errors: Partial<Record<ApplicantField, Bilingual>> = {};
  const checked = checkApplicant({ ...form }, today);
  if (!checked.ok) for (const [field, problem] of Object.entries(checked.problems)) errors[field as ApplicantField] = problemMessage(field as ApplicantField, problem);
  if (!checked.ok && Object.keys(errors).length === 0) errors.birthDate = { ja: '生年月日かメールアドレスのどちらかを入力してください。', en: 'Enter a date of birth or an email address.' };
  const people = Number(form.people.normalize('NFKC').trim());
  if (!Number.isInteger(people) || people < 1 || people > maxPeople) errors.people = { ja: `人数は 1 から ${maxPeople} までです。`, en: `From 1 to ${maxPeople} people.` };
  return checked.ok && Object.keys(errors).length === 0 ? { ok: true as const, applicant: checked.applicant, people } : { ok: false as const, errors };
}

export function installProxyRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;

  const render = async (req: FastifyRequest, reply: FastifyReply, status: number, choice: ProxyChoice, extra: Partial<Pick<Parameters<typeof ProxyPage>[0], 'form' | 'errors' | 'notice' | 'booked' | 'startTime'>> = {}) => {
    const staff = currentStaff(req);
    const [ctx, masters] = await Promise.all([deps.pageContext(req), namedMasters(db, staff.municipalityCode, undefined)]);
    const chosen = choice.type && choice.site && isPlainDate(choice.date);
    const day = chosen ? await dayAvailability(db.kysely, staff.municipalityCode, choice.site, choice.type, choice.date, new Date()) : undefined;
    return html(reply, status, ProxyPage({
      ...ctx, ...masters, csrf: staff.csrfToken, submission: randomUUID(), choice, slots: day?.slots, startTime: extra.startTime ?? '', form: extra.form ?? emptyApplicant(), errors: extra.errors ?? {}, notice: extra.notice, booked: extra.booked,
    }));
  };

  app.get(PROXY_PATH, { config: { capability: 'card.reservations.proxy' }, schema: { hide: true, querystring: choiceQuery } }, async (req, reply) => {
    const q = req.query as Partial<ProxyChoice>;
    return render(req, reply, 200, { type: q.type ?? '', site: q.site ?? '', date: q.date ?? '' });
  });

  app.post(PROXY_PATH, { config: { capability: 'card.reservations.proxy' }, schema: { hide: true, body: bookBody } }, async (req, reply) => {
    const staff = currentStaff(req);
    const body = req.body as Record<string, string>;
    const choice: ProxyChoice = { type: body.type ?? '', site: body.site ?? '', date: body.date ?? '' };
    const startTime = body.startTime ?? '';
    const form = applicantFormOf(body);
    const lang = (await deps.pageContext(req)).lang;
    const type = await findType(db.kysely, staff.municipalityCode, choice.type);
    if (!type || !isPlainDate(choice.date) || !/^\d{2}:\d{2}$/.test(startTime)) return render(req, reply, 400, choice, { form, startTime, notice: { kind: 'error', text: t(lang, '予約区分・窓口・日・時間を選んでください。', 'Choose a type, site, day and time.') } });
    const caller = checkCaller(form, todayInJapan(), type.maxPeople);
    if (!caller.ok) return render(req, reply, 400, choice, { form, startTime, errors: caller.errors, notice: { kind: 'error', text: t(lang, '入力に誤りがあります。', 'Some details are not valid.') } });
    const submission = isSubmissionId(body.submission) ? body.submission : randomUUID();
    const once = { municipalityCode: staff.municipalityCode, clientId: 'card-proxy', key: submission };
    try {
      const prepared = await prepareBooking(db, { municipalityCode: staff.municipalityCode, siteCode: choice.site, typeCode: choice.type, date: choice.date, startTime, people: caller.people, applicant: caller.applicant, lang });
      const booked = await bookOncePer(db, once, requestHash('POST', 'card-proxy', { choice, startTime, form }),
        (tx) => commitBooking(tx, prepared, { kind: 'staff', actor: staffActor(staff), client: auditClient(req) }, { publicUrl: deps.config.publicUrl }));
      return render(req, reply, 200, choice, { booked: { number: booked.reservationNumber, startTime, endTime: booked.endTime } });
    } catch (e) {
      if (!(e instanceof AppError) || !e.code.startsWith('card_')) throw e;
      return render(req, reply, 409, choice, { form, startTime, notice: { kind: 'error', text: errorMessage(e.code, lang, e.details) } });
    }
  });
}
