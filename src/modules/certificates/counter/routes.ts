// 窓口交付 on the console: search (audited as a read of residents), a person's page, issuing (the PDF comes back to
// print; the fee is recorded as cash) and revoking. Every page that shows a person is an audit event.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { parseWareki, todayInJapan } from '../../../platform/text/index.ts';
import { certificateOperations as ops } from '../audit.ts';
import type { CertificatesDeps } from '../deps.ts';
import { sendCertificatePdf } from '../issuance/pdf-reply.ts';
import { counterCautions } from '../domain/refusal.ts';
import type { CertificateType } from '../domain/tax-record.ts';
import { issueCertificate } from '../issuance/issue.ts';
import { revokeCertificate } from '../issuance/revoke.ts';
import { listIssuancesOf } from '../issuance/store.ts';
import { findResidents, type ResidentQuery, taxYears } from '../tax/store.ts';
import { COUNTER_PATH, CounterPersonPage, CounterSearchPage, personHref, refusalText, type SearchForm } from './pages/counter-pages.tsx';
import { html } from '../../../platform/http/html.ts';

const short = { type: 'string', maxLength: 100 } as const;
const residentParams = { type: 'object', required: ['residentNumber'], properties: { residentNumber: { type: 'string', pattern: '^[0-9A-Za-z-]{1,20}$' } } } as const;

/** The search the form asks for, or undefined when it asks for none (or for too little to search by). */
function queryOf(f: SearchForm): ResidentQuery | undefined {
  if (f.residentNumber.trim()) return { residentNumber: f.residentNumber.trim() };
  if (f.addresseeNumber.trim()) return { addresseeNumber: f.addresseeNumber.trim() };
  const birthDate = /^\d{4}-\d{2}-\d{2}$/.test(f.birthDate.trim()) ? f.birthDate.trim() : parseWareki(f.birthDate);
  if (f.nameKana.trim() && birthDate) return { nameKana: f.nameKana, birthDate };
  return undefined;
}

export function installCounterRoutes(app: FastifyInstance, deps: CertificatesDeps): void {
  const { db } = deps;

  app.get(COUNTER_PATH, {
    config: { capability: 'certificates.counter.issue', personalData: true, audit: ops['certificates.counter.search'] },
    schema: { hide: true, querystring: { type: 'object', properties: { residentNumber: short, addresseeNumber: short, nameKana: short, birthDate: short, lang: { type: 'string', maxLength: 2 } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as Partial<SearchForm>;
    const form: SearchForm = { residentNumber: q.residentNumber ?? '', addresseeNumber: q.addresseeNumber ?? '', nameKana: q.nameKana ?? '', birthDate: q.birthDate ?? '' };
    const ctx = await deps.pageContext(req);
    const asked = [form.residentNumber, form.addresseeNumber, form.nameKana, form.birthDate].some((v) => v.trim() !== '');
    const query = queryOf(form);
    if (!query) {
      auditSubjects(req, { subjects: [], detail: 'search form' });
      const notice = asked ? { kind: 'error' as const, text: t(ctx.lang, '番号、または氏名カナと生年月日の両方を入力してください。', 'Enter a number, or both the name in kana and the birth date.') } : undefined;
      return html(reply, asked ? 400 : 200, CounterSearchPage({ ...ctx, form, results: undefined, notice }));
    }
    const results = await findResidents(db.kysely, staff.municipalityCode, query);
    auditSubjects(req, { subjects: results.map((r) => subjectId('resident', r.residentNumber)), detail: `search by ${Object.keys(query).join('+')}: ${results.length} found` });
    return html(reply, 200, CounterSearchPage({ ...ctx, form, results }));
  });

  const personPage = async (req: FastifyRequest, reply: FastifyReply, residentNumber: string, status: number, notice?: { kind: 'error' | 'done'; text: string }) => {
    const staff = currentStaff(req);
    const [person] = await findResidents(db.kysely, staff.municipalityCode, { residentNumber });
    if (!person) throw new AppError('not_found');
    auditSubjects(req, { subjects: [subjectId('resident', residentNumber)] });
    const [years, settings, issued, ctx] = await Promise.all([
      taxYears(db.kysely, staff.municipalityCode, residentNumber),
      deps.settings(staff.municipalityCode),
      listIssuancesOf(db.kysely, staff.municipalityCode, residentNumber),
      deps.pageContext(req),
    ]);
    return html(reply, status, CounterPersonPage({
      ...ctx, person, years, issued, notice,
      cautions: counterCautions(person.facts, todayInJapan()),
      feePerCopyYen: settings.feePerCopyYen,
      mayRevoke: can(currentPrincipal(req), 'certificates.revoke'),
    }));
  };

  app.get(`${COUNTER_PATH}/people/:residentNumber`, {
    config: { capability: 'certificates.counter.issue', personalData: true, audit: ops['certificates.counter.search'] },
    schema: { hide: true, params: residentParams, querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 }, lang: { type: 'string', maxLength: 2 } } } },
  }, async (req, reply) => {
    const { residentNumber } = req.params as { residentNumber: string };
    const done = (req.query as { done?: string }).done === 'revoked';
    const lang = (await deps.pageContext(req)).lang;
    return personPage(req, reply, residentNumber, 200, done ? { kind: 'done', text: t(lang, '証明書を失効させました。', 'The certificate was revoked.') } : undefined);
  });

  app.post(`${COUNTER_PATH}/people/:residentNumber/issue`, {
    config: { capability: 'certificates.counter.issue' },
    schema: {
      hide: true,
      params: residentParams,
      body: {
        type: 'object',
        required: ['type', 'fiscalYear', 'copies'],
        properties: { csrf: { type: 'string', maxLength: 200 }, type: { type: 'string', enum: ['taxation', 'non_taxation', 'income'] }, fiscalYear: { type: 'string', pattern: '^\\d{4}$' }, copies: { type: 'string', pattern: '^\\d{1,2}$' } },
      },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { residentNumber } = req.params as { residentNumber: string };
    const body = req.body as { type: CertificateType; fiscalYear: string; copies: string };
    const copies = Number(body.copies);
    const lang = (await deps.pageContext(req)).lang;
    if (copies < 1 || copies > 20) return personPage(req, reply, residentNumber, 400, { kind: 'error', text: t(lang, '部数は1から20までです。', 'Copies must be 1 to 20.') });
    const outcome = await issueCertificate(deps, {
      municipalityCode: staff.municipalityCode,
      residentNumber,
      type: body.type,
      fiscalYear: Number(body.fiscalYear),
      copies,
      channel: 'counter',
      issuedBy: staff.loginId,
      actor: staffActor(staff),
      client: auditClient(req),
    });
    if (!outcome.issued) return personPage(req, reply, residentNumber, 422, { kind: 'error', text: refusalText(lang, outcome.reason) });
    return sendCertificatePdf(reply, outcome.certificateNumber, outcome.pdf);
  });

  app.post(`${COUNTER_PATH}/issued/:certificateNumber/revoke`, {
    config: { capability: 'certificates.revoke' },
    schema: {
      hide: true,
      params: { type: 'object', required: ['certificateNumber'], properties: { certificateNumber: { type: 'string', pattern: '^[1-9][0-9]{11}$' } } },
      body: { type: 'object', required: ['reason'], properties: { csrf: { type: 'string', maxLength: 200 }, reason: { type: 'string', maxLength: 200 } } },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { certificateNumber } = req.params as { certificateNumber: string };
    const { reason } = req.body as { reason: string };
    const { residentNumber } = await revokeCertificate(db, { municipalityCode: staff.municipalityCode, certificateNumber, reason, actor: staffActor(staff), client: auditClient(req) });
    return reply.redirect(`${personHref(residentNumber)}?done=revoked`, 303);
  });
}
