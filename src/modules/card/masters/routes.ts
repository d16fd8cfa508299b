// マスタ管理 routes (card.masters.manage): read the masters, save a site, a type, the booking window; add and remove
// closures, extra opening days, slot templates and exceptions. Every change is audited in its own transaction.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { audited, auditClient, staffActor, subjectId } from '../../../platform/audit/index.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { addDays, todayInJapan } from '../../../platform/text/index.ts';
import type { PageNotice } from '../../../platform/ui/notice.tsx';
import type { ReservationType, Site } from '../domain/masters.ts';
import {
  addClosure, addException, addOpenOverride, addTemplate, deleteException, deleteTemplate, findBookingSettings, findSite, listClosures,
  listExceptions, listOpenOverrides, listSites, listTemplates, listTypes, removeClosure, removeOpenOverride, saveBookingSettings, saveSite, saveType,
} from '../reservations/store.ts';
import { cardStaffOperations as ops } from '../staff/audit.ts';
import type { CardStaffDeps } from '../staff/routes.ts';
import { type FormBody, type Parsed, parseException, parseSettings, parseSite, parseSiteDay, parseTemplate, parseType } from './forms.ts';
import { MASTERS_PATH, MastersHome, SitePage, sitePath, SlotsPage, slotsPath, TypePage, typePath } from './pages/masters-pages.tsx';

const cap = { capability: 'card.masters.manage' } as const;
const formBody = { type: 'object', additionalProperties: { anyOf: [{ type: 'string', maxLength: 2000 }, { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 100 } }] } } as const;
const codeParams = (name: string) => ({ type: 'object', required: [name], properties: { [name]: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' } } }) as const;
const doneQuery = { type: 'object', properties: { done: { type: 'string', maxLength: 20 }, lang: { type: 'string', maxLength: 2 } } } as const;

const newSite = (): Site => ({ siteCode: '', nameJa: '', nameEn: '', address: '', mapNoteJa: '', mapNoteEn: '', openWeekdays: [1, 2, 3, 4, 5], opensAt: '08:45', closesAt: '17:30', isSatellite: false, sortOrder: 0, active: true });
const newType = (): ReservationType => ({ typeCode: '', nameJa: '', nameEn: '', durationMinutes: 15, documentsJa: '', documentsEn: '', maxPeople: 1, sortOrder: 0, active: true, siteCodes: [] });

export function installMastersRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;
  const mcOf = (req: FastifyRequest) => currentStaff(req).municipalityCode;

  /** Runs a change with its audit event: the master changed (kind and code) and what was done, in words and codes. */
  const change = <T>(req: FastifyRequest, subject: [kind: string, code: string], detail: string, action: (tx: Tx) => Promise<T>): Promise<T> => {
    const staff = currentStaff(req);
    const event = { municipalityCode: staff.municipalityCode, operation: ops['card.masters.change'], actor: staffActor(staff), client: auditClient(req), subjects: [subjectId(...subject)], detail };
    return audited(db, event, action);
  };
  const notice = async (req: FastifyRequest): Promise<PageNotice | undefined> => {
    const done = (req.query as { done?: string }).done;
    return done === 'saved' ? { kind: 'done', text: t((await deps.pageContext(req)).lang, '保存しました。', 'Saved.') } : undefined;
  };
  const problem = async (req: FastifyRequest): Promise<PageNotice> => ({ kind: 'error', text: t((await deps.pageContext(req)).lang, '入力に誤りがあります。印の付いた項目を直してください。', 'Some fields are not valid; correct the marked ones.') });
  const saved = (reply: FastifyReply, to: string) => reply.redirect(`${to}?done=saved`, 303);
  const base = async (req: FastifyRequest) => ({ ...(await deps.pageContext(req)), csrf: currentStaff(req).csrfToken });

  // ——— home and booking window ———

  const home = async (req: FastifyRequest, reply: FastifyReply, status: number, extra: { invalid?: string[]; notice?: PageNotice } = {}) => {
    const mc = mcOf(req);
    const [sites, types, settings] = await Promise.all([listSites(db.kysely, mc), listTypes(db.kysely, mc), findBookingSettings(db.kysely, mc)]);
    return html(reply, status, MastersHome({ ...(await base(req)), sites, types, settings, notice: extra.notice ?? (await notice(req)), invalid: extra.invalid }));
  };
  app.get(MASTERS_PATH, { config: cap, schema: { hide: true, querystring: doneQuery } }, (req, reply) => home(req, reply, 200));

  app.post(`${MASTERS_PATH}/settings`, { config: cap, schema: { hide: true, body: formBody } }, async (req, reply) => {
    const parsed = parseSettings(req.body as FormBody);
    if (!parsed.ok) return home(req, reply, 400, { invalid: parsed.fields, notice: await problem(req) });
    await change(req, ['card_settings', mcOf(req)], 'booking window saved', (tx) => saveBookingSettings(tx, mcOf(req), parsed.value));
    return saved(reply, MASTERS_PATH);
  });

  // ——— sites, closures, extra opening days ———

  const sitePage = async (req: FastifyRequest, reply: FastifyReply, status: number, site: Site | undefined, extra: { invalid?: string[]; notice?: PageNotice; form?: Site } = {}) => {
    const mc = mcOf(req);
    const today = todayInJapan();
    const isNew = site === undefined;
    const [closures, overrides] = isNew ? [[], []] : await Promise.all([listClosures(db.kysely, mc, site.siteCode, today, addDays(today, 730)), listOpenOverrides(db.kysely, mc, site.siteCode, today, addDays(today, 730))]);
    return html(reply, status, SitePage({ ...(await base(req)), site: extra.form ?? site ?? newSite(), isNew, closures, overrides, notice: extra.notice ?? (await notice(req)), invalid: extra.invalid }));
  };
  const siteOr404 = async (req: FastifyRequest) => {
    const site = await findSite(db.kysely, mcOf(req), (req.params as { site: string }).site);
    if (!site) throw new AppError('not_found');
    return site;
  };
  app.get(`${MASTERS_PATH}/sites/new`, { config: cap, schema: { hide: true, querystring: doneQuery } }, (req, reply) => sitePage(req, reply, 200, undefined));
  app.get(`${MASTERS_PATH}/sites/:site`, { config: cap, schema: { hide: true, params: codeParams('site'), querystring: doneQuery } }, async (req, reply) => sitePage(req, reply, 200, await siteOr404(req)));

  app.post(`${MASTERS_PATH}/sites`, { config: cap, schema: { hide: true, body: formBody } }, async (req, reply) => {
    const body = req.body as FormBody;
    const parsed = parseSite(body);
    const existing = typeof body.siteCode === 'string' ? await findSite(db.kysely, mcOf(req), body.siteCode) : undefined;
    if (!parsed.ok) return sitePage(req, reply, 400, existing, { invalid: parsed.fields, notice: await problem(req), form: { ...(existing ?? newSite()), ...formEcho(body) } });
    await change(req, ['card_site', parsed.value.siteCode], 'site saved', (tx) => saveSite(tx, mcOf(req), parsed.value));
    return saved(reply, sitePath(parsed.value.siteCode));
  });

  for (const [segment, add, remove] of [['closures', addClosure, removeClosure], ['open-days', addOpenOverride, removeOpenOverride]] as const) {
    app.post(`${MASTERS_PATH}/sites/:site/${segment}`, { config: cap, schema: { hide: true, params: codeParams('site'), body: formBody } }, async (req, reply) => {
      const site = await siteOr404(req);
      const parsed = parseSiteDay(req.body as FormBody);
      if (!parsed.ok) return sitePage(req, reply, 400, site, { invalid: parsed.fields, notice: await problem(req) });
      await change(req, ['card_site', site.siteCode], `${segment} ${parsed.value.date} added`, (tx) => add(tx, mcOf(req), site.siteCode, parsed.value.date, parsed.value.reason));
      return saved(reply, sitePath(site.siteCode));
    });
    app.post(`${MASTERS_PATH}/sites/:site/${segment}/:date/delete`, {
      config: cap,
      schema: { hide: true, params: { type: 'object', required: ['site', 'date'], properties: { site: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' }, date: { type: 'string', format: 'date' } } }, body: formBody },
    }, async (req, reply) => {
      const site = await siteOr404(req);
      const { date } = req.params as { date: string };
      await change(req, ['card_site', site.siteCode], `${segment} ${date} removed`, (tx) => remove(tx, mcOf(req), site.siteCode, date));
      return saved(reply, sitePath(site.siteCode));
    });
  }

  // ——— types ———

  const typePage = async (req: FastifyRequest, reply: FastifyReply, status: number, type: ReservationType | undefined, extra: { invalid?: string[]; notice?: PageNotice; form?: ReservationType } = {}) => {
    const sites = await listSites(db.kysely, mcOf(req));
    return html(reply, status, TypePage({ ...(await base(req)), type: extra.form ?? type ?? newType(), isNew: type === undefined, sites, notice: extra.notice ?? (await notice(req)), invalid: extra.invalid }));
  };
  const findTypeByCode = async (req: FastifyRequest, code: string) => (await listTypes(db.kysely, mcOf(req))).find((x) => x.typeCode === code);
  app.get(`${MASTERS_PATH}/types/new`, { config: cap, schema: { hide: true, querystring: doneQuery } }, (req, reply) => typePage(req, reply, 200, undefined));
  app.get(`${MASTERS_PATH}/types/:type`, { config: cap, schema: { hide: true, params: codeParams('type'), querystring: doneQuery } }, async (req, reply) => {
    const type = await findTypeByCode(req, (req.params as { type: string }).type);
    if (!type) throw new AppError('not_found');
    return typePage(req, reply, 200, type);
  });
  app.post(`${MASTERS_PATH}/types`, { config: cap, schema: { hide: true, body: formBody } }, async (req, reply) => {
    const body = req.body as FormBody;
    const sites = await listSites(db.kysely, mcOf(req));
    const parsed = parseType(body, sites.map((s) => s.siteCode));
    const existing = typeof body.typeCode === 'string' ? await findTypeByCode(req, body.typeCode) : undefined;
    if (!parsed.ok) return typePage(req, reply, 400, existing, { invalid: parsed.fields, notice: await problem(req), form: { ...(existing ?? newType()), ...formEcho(body) } });
    await change(req, ['card_type', parsed.value.typeCode], `type saved, sites ${parsed.value.siteCodes.join(',')}`, (tx) => saveType(tx, mcOf(req), parsed.value));
    return saved(reply, typePath(parsed.value.typeCode));
  });

  // ——— slot templates and exceptions ———

  const slotsPage = async (req: FastifyRequest, reply: FastifyReply, status: number, site: Site, extra: { invalid?: string[]; notice?: PageNotice } = {}) => {
    const mc = mcOf(req);
    const today = todayInJapan();
    const [types, templates, exceptions] = await Promise.all([listTypes(db.kysely, mc), listTemplates(db.kysely, mc, site.siteCode), listExceptions(db.kysely, mc, site.siteCode, today, addDays(today, 730))]);
    const offered = types.filter((x) => x.siteCodes.includes(site.siteCode));
    return html(reply, status, SlotsPage({ ...(await base(req)), site, types: offered, templates, exceptions, notice: extra.notice ?? (await notice(req)), invalid: extra.invalid }));
  };
  const offeredTypes = async (req: FastifyRequest, site: Site) => (await listTypes(db.kysely, mcOf(req))).filter((x) => x.siteCodes.includes(site.siteCode)).map((x) => x.typeCode);
  app.get(`${MASTERS_PATH}/sites/:site/slots`, { config: cap, schema: { hide: true, params: codeParams('site'), querystring: doneQuery } }, async (req, reply) => slotsPage(req, reply, 200, await siteOr404(req)));

  const addition = <T>(segment: string, parse: (b: FormBody, site: string, types: readonly string[]) => Parsed<T>, add: (tx: Tx, mc: string, value: T) => Promise<string>) => {
    app.post(`${MASTERS_PATH}/sites/:site/slots/${segment}`, { config: cap, schema: { hide: true, params: codeParams('site'), body: formBody } }, async (req, reply) => {
      const site = await siteOr404(req);
      const parsed = parse(req.body as FormBody, site.siteCode, await offeredTypes(req, site));
      if (!parsed.ok) return slotsPage(req, reply, 400, site, { invalid: parsed.fields, notice: await problem(req) });
      await change(req, ['card_site', site.siteCode], `${segment} added`, (tx) => add(tx, mcOf(req), parsed.value));
      return saved(reply, slotsPath(site.siteCode));
    });
  };
  addition('templates', parseTemplate, addTemplate);
  addition('exceptions', parseException, addException);

  for (const [segment, remove] of [['templates', deleteTemplate], ['exceptions', deleteException]] as const) {
    app.post(`${MASTERS_PATH}/sites/:site/slots/${segment}/:id/delete`, {
      config: cap,
      schema: { hide: true, params: { type: 'object', required: ['site', 'id'], properties: { site: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' }, id: { type: 'string', format: 'uuid' } } }, body: formBody },
    }, async (req, reply) => {
      const site = await siteOr404(req);
      const { id } = req.params as { id: string };
      const removed = await change(req, ['card_site', site.siteCode], `${segment} ${id} removed`, (tx) => remove(tx, mcOf(req), id));
      if (!removed) throw new AppError('not_found');
      return saved(reply, slotsPath(site.siteCode));
    });
  }
}

/** The typed values to show again in a refused form (strings as typed; lists as lists). */
function formEcho(body: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k !== 'csrf' && v !== undefined) out[k] = v;
  if (out.openWeekdays !== undefined) out.openWeekdays = [out.openWeekdays].flat().map(Number);
  if (out.siteCodes !== undefined) out.siteCodes = [out.siteCodes].flat();
  for (const k of ['isSatellite', 'active']) out[k] = body[k] === '1';
  return out;
}
