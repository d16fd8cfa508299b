// Steps 5 and 6 and the booking itself, on one address per slot (/card/reserve/<type>/<site>/<date>/<HHMM>):
//   GET   the details form (empty; for a change, filled from the booking being changed)
//   POST  step=confirm: check → the confirmation page, or the form again with every value and its errors (400)
//         step=edit:    the form again with the values (from the confirmation page's 修正する)
//         step=book:    check again, then book once per submission id (a double click replays the first answer) →
//                       303 to the booking's own page; 満席 / already booked / closed → the form with the reason (409)
// A waitlist offer's link (/card/w/<token>) uses the same form and posts for the held slot.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { checkPortalCsrf, portalCsrf } from '../../../platform/http/portal-csrf.ts';
import { createRateLimit } from '../../../platform/http/rate-limit.ts';
import { todayInJapan } from '../../../platform/text/date.ts';
import type { ReservationType, Site } from '../domain/masters.ts';
import { applicantFormOf, checkApplicantForm } from './applicant-form.ts';
import { type ChangeRef, cardContext, changeOf, changeQuery, municipalityCode, paths, type PortalDeps, realDate, siteChoice, slotParams, typeAndSite, typeChoice } from './context.ts';
import { type ApplicantForm, ConfirmPage, DetailsPage, emptyApplicant } from './pages/details.tsx';
import type { Bilingual } from './pages/common.tsx';
import { bookOnce, type BookTarget, changeSource, findOpenSlot, refusalMessage, slotOf } from './service.ts';
import { isSubmissionId } from '../reservations/once.ts';
import { pickupGate } from './pickup-routes.ts';

/** Booking posts allowed per client address and minute: a family booking in turn fits, a script walking slots does not. */
export const BOOKINGS_PER_MINUTE = 20;

const postBody = { type: 'object', required: ['csrf'], properties: { csrf: { type: 'string', maxLength: 128 }, step: { type: 'string', enum: ['confirm', 'edit', 'book'] }, submission: { type: 'string', maxLength: 64 } } } as const;

/** What a details form is about: the slot, and whether it changes a booking or takes a waitlist offer. */
export interface FormTarget {
  mc: string;
  type: ReservationType;
  site: Site;
  date: string;
  slot: { start: string; end: string; remaining: number };
  action: string;
  change?: ChangeRef | undefined;
  offerToken?: string | undefined;
  notice?: Bilingual | undefined;
  /** 交付時来庁: the notice number the resident looked up; the booking is tied to its card. */
  pickupNotice?: string | undefined;
}

/** The form page and the post's three steps, shared by the booking flow and the waitlist offer. */
export function formSteps(deps: PortalDeps) {
  const limit = createRateLimit(BOOKINGS_PER_MINUTE, 60_000);

  const hidden = (f: FormTarget): Record<string, string> => (f.change ? { change: f.change.number, t: f.change.token } : {});
  const facts = (f: FormTarget, lang: 'ja' | 'en') => ({ type: typeChoice(f.type), site: siteChoice(f.site, lang), date: f.date, slot: f.slot });

  const form = async (req: FastifyRequest, reply: FastifyReply, f: FormTarget, values: ApplicantForm, errors: Record<string, Bilingual>, status: number, problem?: Bilingual) => {
    const ctx = await cardContext(deps, req);
    return html(reply, status, DetailsPage({
      ...ctx, ...facts(f, ctx.lang), action: f.action, csrfToken: portalCsrf(req, reply), values, errors, problem: problem ?? f.notice,
      maxPeople: f.type.maxPeople, changing: !!f.change, hidden: hidden(f),
    }));
  };

  const post = async (req: FastifyRequest, reply: FastifyReply, f: FormTarget) => {
    const body = req.body as Record<string, unknown>;
    checkPortalCsrf(req, body.csrf);
    const values = applicantFormOf(body);
    if (body.step === 'edit') return form(req, reply, f, values, {}, 200);
    const checked = checkApplicantForm(values, todayInJapan(), f.type.maxPeople);
    if (!checked.ok) return form(req, reply, f, values, checked.errors, 400);
    const ctx = await cardContext(deps, req);
    if (body.step !== 'book') {
      // Shown (and carried on) as they will be stored: the kana in katakana, the email's domain in lower case.
      const shown = { ...values, kana: checked.applicant.kana, email: checked.applicant.email ?? '' };
      return html(reply, 200, ConfirmPage({
        ...ctx, ...facts(f, ctx.lang), action: f.action, csrfToken: portalCsrf(req, reply), values: shown, submissionId: randomUUID(),
        documents: typeChoice(f.type).documents, changing: !!f.change, hidden: hidden(f),
      }));
    }
    if (!limit.allow(req.ip)) {
      reply.header('retry-after', '60');
      return form(req, reply, f, values, {}, 429, { ja: '短い時間に予約の操作が多すぎます。1分ほど待ってから、もう一度お試しください。', en: 'Too many booking attempts. Please wait a minute and try again.' });
    }
    const submission = isSubmissionId(body.submission) ? body.submission : randomUUID();
    const target: BookTarget = { slot: slotOf(f.site.siteCode, f.type.typeCode, f.date, f.slot.start), change: f.change, offerToken: f.offerToken };
    const pickup = f.pickupNotice === undefined ? undefined : { noticeNumber: f.pickupNotice, birthDate: checked.applicant.birthDate, siteCode: f.site.siteCode };
    const outcome = await bookOnce(deps, { mc: f.mc, submission, target, applicant: checked.applicant, people: checked.people, lang: ctx.lang, values, pickup });
    if (outcome.kind === 'refused') return form(req, reply, f, values, {}, 409, refusalMessage(outcome.reason));
    return reply.redirect(`${paths.manage(outcome.number, outcome.token)}?done=${f.change ? 'changed' : 'booked'}`, 303);
  };

  return { form, post };
}

/** Registers the details form and its posts for a slot of the booking flow. */
export function installBookRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const steps = formSteps(deps);

  /** The slot an address names, while it exists and can be booked (else a 404 with the day's page to go back to). */
  const targetOf = async (req: FastifyRequest): Promise<FormTarget | { redirect: string }> => {
    const mc = await municipalityCode(deps);
    const p = req.params as { type: string; site: string; date: string; time: string };
    const date = realDate(p.date);
    const { type, site } = await typeAndSite(deps, mc, p.type, p.site);
    const gate = await pickupGate(deps, req, mc, p.type, p.site);
    if ('redirect' in gate) return gate;
    const start = `${p.time.slice(0, 2)}:${p.time.slice(2)}`;
    const found = await findOpenSlot(deps, mc, p.site, p.type, date, start);
    if (!found) throw new AppError('not_found');
    const change = changeOf(req.query as { change?: string; t?: string });
    return {
      mc, type, site: site!, date, slot: { start, end: found.endTime, remaining: found.remaining }, action: paths.details(p.type, p.site, date, start, change), change,
      pickupNotice: gate.noticeNumber,
    };
  };

  const route = `${paths.types()}/:type/:site/:date/:time`;
  app.get(route, { config: { public: true, personalData: true }, schema: { hide: true, params: slotParams, querystring: changeQuery } }, async (req, reply) => {
    const f = await targetOf(req);
    if ('redirect' in f) return reply.redirect(f.redirect, 303);
    const values = f.change ? await changeSource(deps, f.mc, f.change) ?? emptyApplicant() : emptyApplicant();
    return steps.form(req, reply, f, values, {}, 200);
  });
  app.post(route, { config: { public: true, personalData: true }, schema: { hide: true, params: slotParams, querystring: changeQuery, body: postBody } }, async (req, reply) => {
    const f = await targetOf(req);
    return 'redirect' in f ? reply.redirect(f.redirect, 303) : steps.post(req, reply, f);
  });
}
