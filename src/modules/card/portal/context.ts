// What the portal's routes share: the addresses of each step, the masters turned into what the pages show, and the
// look-ups that turn an address into a type, a site or a day (a wrong one is a 404, never a stack trace).
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { isPlainDate } from '../../../platform/text/date.ts';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import type { Municipality } from '../../../shell/store.ts';
import type { ReservationType, Site } from '../domain/masters.ts';
import type { BookingReader } from '../reservations/reader.ts';
import { findSite, findType } from '../reservations/store.ts';
import type { SiteChoice, TypeChoice } from './pages/choose.tsx';
import type { CardPageContext } from './pages/common.tsx';

/** What the portal's routes need from the shell. */
export interface PortalDeps {
  db: Db;
  config: Config;
  municipality: () => Promise<Municipality | undefined>;
  pageContext: (req: FastifyRequest) => Promise<PageContext>;
  /** Reads the masters for the calendars (cachedReader: believed for 5 seconds); the counters are always read fresh. */
  reader?: BookingReader | undefined;
}

export const FLOW = '/card/reserve';

/** A booking being changed travels through the steps as its number and link token (query: change, t). */
export interface ChangeRef {
  number: string;
  token: string;
}

const query = (change: ChangeRef | undefined, extra: Record<string, string> = {}) => {
  const q = new URLSearchParams({ ...extra, ...(change ? { change: change.number, t: change.token } : {}) }).toString();
  return q ? `?${q}` : '';
};

export const paths = {
  types: (change?: ChangeRef) => `${FLOW}${query(change)}`,
  sites: (type: string, change?: ChangeRef) => `${FLOW}/${type}${query(change)}`,
  month: (type: string, site: string, month?: string, change?: ChangeRef) => `${FLOW}/${type}/${site}${query(change, month ? { month } : {})}`,
  day: (type: string, site: string, date: string, change?: ChangeRef) => `${FLOW}/${type}/${site}/${date}${query(change)}`,
  /** The details form and its posts (confirm, edit, book); the time is 'HHMM' in the address. */
  details: (type: string, site: string, date: string, time: string, change?: ChangeRef) => `${FLOW}/${type}/${site}/${date}/${time.replace(':', '')}${query(change)}`,
  waitlist: (type: string, site: string, date: string) => `${FLOW}/${type}/${site}/${date}/waitlist`,
  /** The booking's own page: the mail's link. */
  manage: (number: string, token: string) => `/card/r/${number}/${token}`,
  offer: (token: string) => `/card/w/${token}`,
};

export const codePattern = '^[a-z0-9_-]{1,40}$';
export const typeParams = { type: 'object', required: ['type'], properties: { type: { type: 'string', pattern: codePattern } } } as const;
export const siteParams = { type: 'object', required: ['type', 'site'], properties: { type: { type: 'string', pattern: codePattern }, site: { type: 'string', pattern: codePattern } } } as const;
export const dayParams = {
  type: 'object', required: ['type', 'site', 'date'],
  properties: { type: { type: 'string', pattern: codePattern }, site: { type: 'string', pattern: codePattern }, date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
} as const;
export const slotParams = { ...dayParams, required: [...dayParams.required, 'time'], properties: { ...dayParams.properties, time: { type: 'string', pattern: '^([01]\\d|2[0-3])[0-5]\\d$' } } } as const;
export const changeQuery = {
  type: 'object',
  properties: { change: { type: 'string', pattern: '^[0-9]{1,20}$' }, t: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,64}$' }, month: { type: 'string', maxLength: 7 }, lang: { type: 'string' } },
} as const;

/** The change a query carries, when it carries both halves. */
export const changeOf = (q: { change?: string; t?: string }): ChangeRef | undefined => (q.change && q.t ? { number: q.change, token: q.t } : undefined);

export const typeChoice = (ty: ReservationType): TypeChoice => ({
  code: ty.typeCode, name: { ja: ty.nameJa, en: ty.nameEn }, durationMinutes: ty.durationMinutes, documents: { ja: ty.documentsJa, en: ty.documentsEn },
});
export const siteChoice = (s: Site, lang: 'ja' | 'en'): SiteChoice => ({
  code: s.siteCode, name: { ja: s.nameJa, en: s.nameEn }, address: s.address, mapNote: lang === 'en' ? s.mapNoteEn : s.mapNoteJa,
});

/** The served municipality's code; before one is registered the portal has nothing to show. */
export async function municipalityCode(deps: PortalDeps): Promise<string> {
  const m = await deps.municipality();
  if (!m) throw new AppError('not_found');
  return m.code;
}

export async function cardContext(deps: PortalDeps, req: FastifyRequest): Promise<CardPageContext> {
  const c = await deps.pageContext(req);
  return { lang: c.lang, path: c.path, municipalityName: c.municipalityName };
}

/** The active type and the active site offering it, or a 404. */
export async function typeAndSite(deps: PortalDeps, mc: string, typeCode: string, siteCode?: string): Promise<{ type: ReservationType; site: Site | undefined }> {
  const type = await findType(deps.db.kysely, mc, typeCode);
  if (!type || !type.active) throw new AppError('not_found');
  if (siteCode === undefined) return { type, site: undefined };
  const site = type.siteCodes.includes(siteCode) ? await findSite(deps.db.kysely, mc, siteCode) : undefined;
  if (!site || !site.active) throw new AppError('not_found');
  return { type, site };
}

/** A date from the address that is a real date, or a 404. */
export function realDate(date: string): string {
  if (!isPlainDate(date)) throw new AppError('not_found');
  return date;
}
