// 交付時来庁 in the booking flow (issue 8): for a reservation type that collects a card, the office step asks the
// 交付通知書番号 and the birth date instead; the card they open gives the office (the site keeping it), and the number
// travels on in a cookie (httpOnly, an hour). Every later step of that type checks the number still opens a card kept
// at the office in the address, else goes back to the look-up; the booking itself ties the card again in its
// transaction (pickup/offer.ts), with the birth date of the form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../../platform/http/html.ts';
import { checkPortalCsrf, portalCsrf } from '../../../platform/http/portal-csrf.ts';
import { createRateLimit } from '../../../platform/http/rate-limit.ts';
import { isPlainDate } from '../../../platform/text/date.ts';
import type { ReservationType } from '../domain/masters.ts';
import { parseNoticeNumber, PICKUP_COOKIE } from '../pickup/offer.ts';
import { findCollectableCard, noticeRequired } from '../pickup/store.ts';
import { cardContext, municipalityCode, paths, type PortalDeps, typeAndSite, typeChoice, typeParams } from './context.ts';
import type { Bilingual } from './pages/common.tsx';
import { PickupLookupPage } from './pages/pickup.tsx';

/** Look-ups allowed per client address and minute: a family in turn fits, guessing numbers does not. */
export const PICKUP_LOOKUPS_PER_MINUTE = 10;

const cookieOptions = { path: '/card/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 3600 } as const;
const lookupBody = { type: 'object', required: ['csrf'], properties: { csrf: { type: 'string', maxLength: 128 }, noticeNumber: { type: 'string', maxLength: 40 }, birthDate: { type: 'string', maxLength: 10 } } } as const;

const notFound: Bilingual = {
  ja: '交付通知書番号と生年月日に合う、受け取りを待っているカードが見つかりません。交付通知書の記載を確認してください。',
  en: 'No card waiting to be collected matches this notice number and date of birth. Check your issue notice.',
};

/** What a step of a pickup type may go on with: the notice number (undefined for other types), or where to go back to. */
export type PickupGate = { noticeNumber: string | undefined } | { redirect: string };

/** The gate of every step after the office for a type that collects a card: the card must be kept at `siteCode`. */
export async function pickupGate(deps: PortalDeps, req: FastifyRequest, mc: string, typeCode: string, siteCode: string): Promise<PickupGate> {
  if (!(await noticeRequired(deps.db.kysely, mc, typeCode))) return { noticeNumber: undefined };
  const noticeNumber = parseNoticeNumber(req.cookies[PICKUP_COOKIE]);
  const card = noticeNumber ? await findCollectableCard(deps.db.kysely, mc, noticeNumber) : undefined;
  return card && card.storageSiteCode === siteCode && noticeNumber ? { noticeNumber } : { redirect: paths.sites(typeCode) };
}

/** The look-up page in place of the office list, for a type that collects a card (else undefined: the office list). */
export async function pickupLookup(deps: PortalDeps, req: FastifyRequest, reply: FastifyReply, mc: string, type: ReservationType): Promise<FastifyReply | undefined> {
  if (!(await noticeRequired(deps.db.kysely, mc, type.typeCode))) return undefined;
  return lookupPage(deps, req, reply, type, 200, { noticeNumber: '', birthDate: '' });
}

async function lookupPage(deps: PortalDeps, req: FastifyRequest, reply: FastifyReply, type: ReservationType, status: number, values: { noticeNumber: string; birthDate: string }, problem?: Bilingual) {
  return html(reply, status, PickupLookupPage({
    ...(await cardContext(deps, req)), type: typeChoice(type), action: `${paths.sites(type.typeCode)}/pickup`, csrfToken: portalCsrf(req, reply), values, problem,
    backHref: paths.types(),
  }));
}

/** Registers the look-up's post: the card found → its office's calendar; else the form again (409). */
export function installPickupRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const limit = createRateLimit(PICKUP_LOOKUPS_PER_MINUTE, 60_000);
  app.post(`${paths.types()}/:type/pickup`, { config: { public: true, personalData: true }, schema: { hide: true, params: typeParams, body: lookupBody } }, async (req, reply) => {
    const mc = await municipalityCode(deps);
    const { type } = await typeAndSite(deps, mc, (req.params as { type: string }).type);
    const body = req.body as { csrf: string; noticeNumber?: string; birthDate?: string };
    checkPortalCsrf(req, body.csrf);
    const values = { noticeNumber: body.noticeNumber ?? '', birthDate: body.birthDate ?? '' };
    if (!(await noticeRequired(deps.db.kysely, mc, type.typeCode))) return reply.redirect(paths.sites(type.typeCode), 303);
    if (!limit.allow(req.ip)) {
      reply.header('retry-after', '60');
      return lookupPage(deps, req, reply, type, 429, values, { ja: '短い時間に照会が多すぎます。1分ほど待ってから、もう一度お試しください。', en: 'Too many attempts. Please wait a minute and try again.' });
    }
    const noticeNumber = parseNoticeNumber(values.noticeNumber);
    const card = noticeNumber && isPlainDate(values.birthDate) ? await findCollectableCard(deps.db.kysely, mc, noticeNumber, values.birthDate) : undefined;
    if (!card || !noticeNumber || !type.siteCodes.includes(card.storageSiteCode)) return lookupPage(deps, req, reply, type, 409, values, notFound);
    reply.setCookie(PICKUP_COOKIE, noticeNumber, cookieOptions);
    return reply.redirect(paths.month(type.typeCode, card.storageSiteCode), 303);
  });
}
