// キャンセル待ち on the portal:
//   POST /card/reserve/<type>/<site>/<date>/waitlist   join a full day's line (name, email, phone, people)
//   GET  /card/w/<token>                               the offer mail's link: the held place and the details form
//   POST /card/w/<token>                               confirm / edit / book the held place (the booking flow's steps)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { checkPortalCsrf, portalCsrf } from '../../../platform/http/portal-csrf.ts';
import { createRateLimit } from '../../../platform/http/rate-limit.ts';
import { normalizeEmail, normalizePhone } from '../domain/applicant.ts';
import { dayAvailability } from '../reservations/availability.ts';
import { findLiveOffer, joinWaitlist } from '../reservations/book.ts';
import { findSite, findType, waitlistLengths } from '../reservations/store.ts';
import { applicantFormOf } from './applicant-form.ts';
import { BOOKINGS_PER_MINUTE, formSteps, type FormTarget } from './book-routes.ts';
import { replayOffer } from './service.ts';
import { cardContext, dayParams, municipalityCode, paths, type PortalDeps, realDate, typeAndSite, typeChoice } from './context.ts';
import type { Bilingual } from './pages/common.tsx';
import { emptyApplicant } from './pages/details.tsx';
import { OfferGonePage, holdNotice, type WaitlistValues, WaitlistJoinedPage } from './pages/waitlist.tsx';
import { SlotsPage } from './pages/choose.tsx';
import { siteChoice } from './context.ts';

export const emptyWaitlist = (): WaitlistValues => ({ name: '', email: '', phone: '', people: '1' });

const joinBody = {
  type: 'object', required: ['csrf'],
  properties: { csrf: { type: 'string', maxLength: 128 }, name: { type: 'string', maxLength: 200 }, email: { type: 'string', maxLength: 254 }, phone: { type: 'string', maxLength: 40 }, people: { type: 'string', maxLength: 4 } },
} as const;
const offerParams = { type: 'object', required: ['token'], properties: { token: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,64}$' } } } as const;
const offerBody = { type: 'object', required: ['csrf'], properties: { csrf: { type: 'string', maxLength: 128 }, step: { type: 'string', enum: ['confirm', 'edit', 'book'] }, submission: { type: 'string', maxLength: 64 } } } as const;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The join form's answers checked: a message per wrong field. */
export function checkWaitlistForm(v: WaitlistValues, maxPeople: number): { errors: Record<string, Bilingual>; email?: string; phone?: string; people: number } {
  const errors: Record<string, Bilingual> = {};
  if (!v.name.trim()) errors.name = { ja: '氏名を入力してください。', en: 'Enter your name.' };
  else if (v.name.trim().length > 100) errors.name = { ja: '氏名が長すぎます。', en: 'Your name is too long.' };
  const email = normalizeEmail(v.email);
  if (!email) errors.email = { ja: 'メールアドレスを正しく入力してください（例: hanako@example.jp）。空きが出たらここへお知らせします。', en: 'Enter an email address like hanako@example.jp; we tell you there when a place comes free.' };
  const phone = normalizePhone(v.phone);
  if (!phone) errors.phone = { ja: '電話番号は 0 から始まる10桁または11桁で入力してください。', en: 'Enter a phone number of 10 or 11 digits starting with 0.' };
  const people = Number(v.people.normalize('NFKC').trim());
  if (!Number.isInteger(people) || people < 1 || people > maxPeople) errors.people = { ja: `人数は 1 から ${maxPeople} までの数字で入力してください。`, en: `Enter a number of people from 1 to ${maxPeople}.` };
  return { errors, ...(email ? { email } : {}), ...(phone ? { phone } : {}), people };
}

const joinRefusals: Partial<Record<string, Bilingual>> = {
  card_waitlist_not_full: { ja: 'この日にはまだ空きがあります。空いている時間を予約してください。', en: 'This day still has free places. Book one of them.' },
  card_waitlist_duplicate: { ja: 'このメールアドレスは、この日のキャンセル待ちにすでに登録されています。', en: 'This email address is already on this day\u2019s waiting list.' },
  card_booking_closed: { ja: 'この日の予約受付は終了しました。', en: 'Booking for this day has closed.' },
};

/** Registers the waitlist's join and offer routes. */
export function installWaitlistRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const { db } = deps;
  const steps = formSteps(deps);
  const joins = createRateLimit(BOOKINGS_PER_MINUTE, 60_000);

  app.post(`${paths.types()}/:type/:site/:date/waitlist`, { config: { public: true, personalData: true }, schema: { hide: true, params: dayParams, body: joinBody } }, async (req, reply) => {
    const body = req.body as Record<string, string | undefined>;
    checkPortalCsrf(req, body.csrf);
    const mc = await municipalityCode(deps);
    const ctx = await cardContext(deps, req);
    const p = req.params as { type: string; site: string; date: string };
    const date = realDate(p.date);
    const { type, site } = await typeAndSite(deps, mc, p.type, p.site);
    if (type.cardNoticeRequired) throw new AppError('not_found'); // a pickup waits for its card, not for a place
    const values: WaitlistValues = { name: body.name ?? '', email: body.email ?? '', phone: body.phone ?? '', people: body.people ?? '1' };
    const checked = checkWaitlistForm(values, type.maxPeople);
    const again = async (status: number, errors: Record<string, Bilingual>, problem?: Bilingual) => {
      const waiting = (await waitlistLengths(db.kysely, mc, p.site, date, date, p.type)).reduce((n, w) => n + w.waiting, 0);
      return html(reply, status, SlotsPage({
        ...ctx, type: typeChoice(type), site: siteChoice(site!, ctx.lang), date, slots: [], hrefOf: () => '', problem,
        backHref: paths.month(p.type, p.site, date.slice(0, 7)),
        waitlist: { action: paths.waitlist(p.type, p.site, date), csrfToken: portalCsrf(req, reply), values, errors, waiting, maxPeople: type.maxPeople },
      }));
    };
    if (Object.keys(checked.errors).length > 0) return again(400, checked.errors);
    if (!joins.allow(req.ip)) {
      reply.header('retry-after', '60');
      return again(429, {}, { ja: '短い時間に登録の操作が多すぎます。1分ほど待ってから、もう一度お試しください。', en: 'Too many attempts. Please wait a minute and try again.' });
    }
    try {
      await joinWaitlist(db, { municipalityCode: mc, siteCode: p.site, typeCode: p.type, date, people: checked.people, name: values.name.trim(), email: checked.email!, phone: checked.phone!, lang: ctx.lang });
    } catch (e) {
      const problem = e instanceof AppError ? joinRefusals[e.code] : undefined;
      if (problem) return again(409, {}, problem);
      throw e;
    }
    const position = (await waitlistLengths(db.kysely, mc, p.site, date, date, p.type)).reduce((n, w) => n + w.waiting, 0);
    return html(reply, 200, WaitlistJoinedPage({ ...ctx, position, date, siteName: { ja: site!.nameJa, en: site!.nameEn }, typeName: typeChoice(type).name }));
  });

  const gone: Bilingual = { ja: 'このご案内は期限が過ぎたか、すでに手続きが済んでいます。', en: 'This offer has expired or has already been used.' };

  /** The held place behind an offer link, as a details form's target; undefined when the offer is not live. */
  const offerTarget = async (req: FastifyRequest): Promise<{ f: FormTarget; values: ReturnType<typeof emptyApplicant> } | undefined> => {
    const mc = await municipalityCode(deps);
    const { token } = req.params as { token: string };
    const entry = await findLiveOffer(db, mc, token);
    if (!entry?.offeredStartTime || !entry.holdUntil) return undefined;
    const [type, site, day] = await Promise.all([
      findType(db.kysely, mc, entry.typeCode), findSite(db.kysely, mc, entry.siteCode), dayAvailability(db.kysely, mc, entry.siteCode, entry.typeCode, entry.date, new Date()),
    ]);
    const slot = day?.slots.find((s) => s.startTime === entry.offeredStartTime);
    if (!type || !site || !slot) return undefined;
    const f: FormTarget = {
      mc, type: { ...type, maxPeople: entry.people }, site, date: entry.date, slot: { start: slot.startTime, end: slot.endTime, remaining: entry.people },
      action: paths.offer(token), offerToken: token, notice: holdNotice(entry.holdUntil),
    };
    return { f, values: { ...emptyApplicant(), name: entry.name, email: entry.email, phone: entry.phone, people: String(entry.people) } };
  };
  const goneReply = async (req: FastifyRequest, reply: FastifyReply) => html(reply, 410, OfferGonePage({ ...(await cardContext(deps, req)), problem: gone }));

  app.get('/card/w/:token', { config: { public: true, personalData: true }, schema: { hide: true, params: offerParams } }, async (req, reply) => {
    const o = await offerTarget(req);
    return o ? steps.form(req, reply, o.f, o.values, {}, 200) : goneReply(req, reply);
  });
  app.post('/card/w/:token', { config: { public: true, personalData: true }, schema: { hide: true, params: offerParams, body: offerBody } }, async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    checkPortalCsrf(req, body.csrf);
    const o = await offerTarget(req);
    if (o) return steps.post(req, reply, o.f);
    // A double click's second post arrives after the first took the offer: it gets the first one's answer.
    const { token } = req.params as { token: string };
    const first = body.step === 'book' && typeof body.submission === 'string' && uuid.test(body.submission)
      ? await replayOffer(deps, await municipalityCode(deps), body.submission, token, applicantFormOf(body)) : undefined;
    if (first?.kind === 'booked') return reply.redirect(`${paths.manage(first.number, first.token)}?done=booked`, 303);
    return goneReply(req, reply);
  });
}
