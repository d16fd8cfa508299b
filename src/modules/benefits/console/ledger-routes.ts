// The console ledger: /console/benefits (a programme's targets by state, the list and the search) and
// /console/benefits/cases/:residentNumber (one person's whole case with the slices' sections). Both show personal
// data and are audited reads naming the targets shown; both read only the staff member's own municipality.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import type { Capability } from '../../../platform/access/capabilities.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditSubjects, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { isKatakana, toCanonicalKatakana } from '../../../platform/text/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import { type LedgerState, ledgerStates } from '../domain/ledger-state.ts';
import { type LedgerFilter, ledgerPage, stateCounts } from '../ledger/store.ts';
import { defaultProgrammeId, findLedgerProgramme, ledgerProgrammes } from '../programmes.ts';
import type { BenefitsDeps } from './deps.ts';
import { caseView } from './case-view.tsx';
import { LEDGER_PATH, type LedgerForm, LedgerPage } from './pages/ledger-page.tsx';

const lang = { type: 'string', maxLength: 2 } as const;
const programme = { type: 'string', maxLength: 40 } as const;
const ledgerQuery = {
  type: 'object',
  properties: {
    programme, state: { type: 'string', enum: ['', ...Object.keys(ledgerStates)] }, outcome: { type: 'string', enum: ['', 'eligible', 'excluded'] },
    q: { type: 'string', maxLength: 100 }, after: { type: 'string', pattern: '^[0-9]{0,15}$' }, lang,
  },
} as const;

/** The programme asked for (the default when none), or not_found for one the ledger does not run. */
export function programmeOf(id: string | undefined) {
  const found = findLedgerProgramme(id || defaultProgrammeId);
  if (!found) throw new AppError('not_found');
  const { programme: p } = found;
  return { id: found.id, ja: p.names.ja, en: p.names.en, incomeCap: 'incomeCap' in p.rules ? p.rules.incomeCap : undefined };
}

/** The search field read: digits are a 住記個人番号 or 宛名番号, kana (either script, any width) a name's start. */
export function searchTerm(q: string): Pick<LedgerFilter, 'number' | 'kana'> | 'invalid' | undefined {
  const typed = q.normalize('NFKC').replace(/[\s-]/g, '');
  if (typed === '') return undefined;
  if (/^[0-9]{1,15}$/.test(typed)) return { number: typed };
  const kana = toCanonicalKatakana(q).replace(/[\s\u3000]/g, '');
  return isKatakana(kana) ? { kana } : 'invalid';
}

/** The capability test of the staff member, for the sections' actions. */
export function mayOf(req: FastifyRequest): (capability: Capability) => boolean {
  const principal = currentPrincipal(req);
  const municipalityCode = currentStaff(req).municipalityCode;
  return (capability) => can(principal, capability, { municipalityCode });
}

export function installLedgerRoutes(app: FastifyInstance, deps: BenefitsDeps): void {
  const { db } = deps;

  app.get(LEDGER_PATH, {
    config: { capability: 'benefits.ledger.read', personalData: true, audit: ops['benefits.ledger.list'] },
    schema: { hide: true, querystring: ledgerQuery },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as { programme?: string; state?: '' | LedgerState; outcome?: '' | 'eligible' | 'excluded'; q?: string; after?: string };
    const p = programmeOf(q.programme);
    const form: LedgerForm = { programme: p.id, state: q.state ?? '', outcome: q.outcome ?? '', q: (q.q ?? '').trim() };
    const ctx = await deps.pageContext(req);
    const term = searchTerm(form.q);
    const programmes = Object.entries(ledgerProgrammes).map(([id, x]) => ({ id, ja: x.programme.names.ja, en: x.programme.names.en }));
    const counts = await stateCounts(db.kysely, staff.municipalityCode, p.id);
    if (term === 'invalid') {
      auditSubjects(req, { subjects: [], detail: `${p.id}: search refused` });
      const qError = t(ctx.lang, '住記個人番号・宛名番号は数字で、氏名はカナで入力してください。', 'Enter a registry or addressee number in digits, or a name in kana.');
      return html(reply, 400, LedgerPage({ ...ctx, programmes, form, counts, rows: [], next: undefined, paged: false, qError }));
    }
    const filter: LedgerFilter = { ...term, after: q.after || undefined };
    if (form.state) filter.state = form.state;
    if (form.outcome) filter.eligible = form.outcome === 'eligible';
    const page = await ledgerPage(db.kysely, staff.municipalityCode, p.id, filter);
    const last = page.rows.at(-1)?.residentNumber;
    const next = page.more && last ? `${LEDGER_PATH}?${new URLSearchParams({ ...form, after: last }).toString()}` : undefined;
    const asked = [form.state && `state=${form.state}`, form.outcome, term?.number ? 'number' : term?.kana ? 'kana' : ''].filter(Boolean).join('+') || 'all';
    auditSubjects(req, { subjects: page.rows.map((r) => subjectId('benefit_target', r.residentNumber)), detail: `${p.id} ${asked}: ${page.rows.length}` });
    return html(reply, 200, LedgerPage({ ...ctx, programmes, form, counts, rows: page.rows, next, paged: Boolean(q.after) }));
  });

  app.get(`${LEDGER_PATH}/cases/:residentNumber`, {
    config: { capability: 'benefits.ledger.read', personalData: true, audit: ops['benefits.case.read'] },
    schema: {
      hide: true,
      params: { type: 'object', required: ['residentNumber'], properties: { residentNumber: { type: 'string', pattern: '^[0-9]{1,15}$' } } },
      querystring: { type: 'object', properties: { programme, done: { type: 'string', maxLength: 40 }, lang } },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { residentNumber } = req.params as { residentNumber: string };
    const q = req.query as { programme?: string; done?: string };
    const p = programmeOf(q.programme);
    const [ctx, view] = await Promise.all([
      deps.pageContext(req),
      caseView(deps, { municipalityCode: staff.municipalityCode, programme: p, residentNumber, csrf: staff.csrfToken, may: mayOf(req), done: q.done }),
    ]);
    if (!view) throw new AppError('not_found');
    auditSubjects(req, { subjects: [subjectId('benefit_target', residentNumber)], detail: `${p.id}: case` });
    return html(reply, 200, view(ctx));
  });
}
