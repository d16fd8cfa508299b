// The receivables console: the list by status (an audited read), raising one (from the list or a person's case), one
// receivable with its payments (an audited read), recording a payment, writing off, and the 返還金納付通知書 PDF (an
// audited export). The figures a receivable may not exceed are the domain's; refusals show next to the fields.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditSubjects, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { isPlainDate, todayInJapan } from '../../../platform/text/index.ts';
import { pick } from '../../../platform/ui/format.ts';
import { benefitOperations as ops } from '../audit.ts';
import type { BenefitsDeps } from '../console/deps.ts';
import { ledgerProgrammes } from '../programmes.ts';
import { pageNotice, RECEIVABLES_PATH, receivablePath } from '../payments/pages/common.tsx';
import { acting, backTo, programmeNames } from '../payments/routes.ts';
import { findPaymentSettings } from '../payments/store.ts';
import { isReceivableReason, paymentProblems, raiseProblems, type ReceivableStatus, receivableStatuses } from './domain.ts';
import { defaultHowToPay, renderReceivableNotice } from './notice-pdf.ts';
import { type RaiseForm, ReceivablePage, ReceivablesPage } from './pages/receivables-page.tsx';
import { raiseReceivable, recordReceivablePayment, writeOffReceivable } from './receivable.ts';
import { findReceivable, listReceivables, noticeAddressee, receivablePayments } from './store.ts';

type Bilingual = { ja: string; en: string };
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } } } as const;
const invalidDate: Bilingual = { ja: '日付を年月日で入力してください。', en: 'Enter a date.' };

export function installReceivableRoutes(app: FastifyInstance, deps: BenefitsDeps): void {
  const { db } = deps;
  const mayManage = (req: FastifyRequest) => can(currentPrincipal(req), 'benefits.receivables.manage', { municipalityCode: currentStaff(req).municipalityCode });
  const emptyForm = (): RaiseForm => ({ programme: Object.keys(ledgerProgrammes)[0] ?? '', residentNumber: '', amount: '', reason: 'decision_reduced', reasonNote: '', noticeDate: todayInJapan(), dueDate: '' });

  const listPage = async (req: FastifyRequest, reply: FastifyReply, status: number, form: RaiseForm, errors: Partial<Record<keyof RaiseForm, Bilingual>>) => {
    const staff = currentStaff(req);
    const q = (req.query ?? {}) as { status?: ReceivableStatus | ''; done?: string };
    const ctx = await deps.pageContext(req);
    const rows = await listReceivables(db.kysely, staff.municipalityCode, q.status || undefined);
    auditSubjects(req, { subjects: rows.map((r) => subjectId('benefit_receivable', String(r.receivableId))), detail: `receivables ${q.status || 'all'}: ${rows.length}` });
    return html(reply, status, ReceivablesPage({ ...ctx, csrf: staff.csrfToken, status: q.status ?? '', rows, mayManage: mayManage(req), form, errors, notice: pageNotice(ctx.lang, q.done) }));
  };

  const onePage = async (req: FastifyRequest, reply: FastifyReply, status: number, o: { form?: { paidOn: string; amount: string }; errors?: Partial<Record<'paidOn' | 'amount' | 'reason', Bilingual>> } = {}) => {
    const staff = currentStaff(req);
    const id = Number((req.params as { id: string }).id);
    const receivable = await findReceivable(db.kysely, staff.municipalityCode, id);
    if (!receivable) throw new AppError('benefits_receivable_not_found');
    const [ctx, payments] = await Promise.all([deps.pageContext(req), receivablePayments(db.kysely, staff.municipalityCode, id)]);
    auditSubjects(req, { subjects: [subjectId('benefit_receivable', String(id))], detail: `receivable ${id}` });
    return html(reply, status, ReceivablePage({
      ...ctx, csrf: staff.csrfToken, receivable, payments, mayManage: mayManage(req), paymentForm: o.form ?? { paidOn: todayInJapan(), amount: '' }, errors: o.errors ?? {},
      notice: pageNotice(ctx.lang, (req.query as { done?: string } | undefined)?.done),
    }));
  };

  app.get(RECEIVABLES_PATH, {
    config: { capability: 'benefits.ledger.read', personalData: true, audit: ops['benefits.receivable.read'] },
    schema: { hide: true, querystring: { type: 'object', properties: { status: { type: 'string', enum: ['', ...Object.keys(receivableStatuses)] }, done: text(20), lang: text(2) } } },
  }, async (req, reply) => listPage(req, reply, 200, emptyForm(), {}));

  app.post(RECEIVABLES_PATH, {
    config: { capability: 'benefits.receivables.manage', personalData: true, audit: ops['benefits.receivable.read'] },
    schema: { hide: true, body: { type: 'object', properties: { csrf: text(200), back: text(300), programme: text(40), residentNumber: text(20), amount: text(14), reason: text(30), reasonNote: text(400), noticeDate: text(10), dueDate: text(10) } } },
  }, async (req, reply) => {
    const form: RaiseForm = { ...emptyForm(), ...(req.body as Partial<RaiseForm>) };
    const errors: Partial<Record<keyof RaiseForm, Bilingual>> = {};
    if (!Object.hasOwn(ledgerProgrammes, form.programme) || !/^[0-9]{1,15}$/.test(form.residentNumber)) errors.residentNumber = { ja: '住記個人番号を数字で入力してください。', en: 'Enter the registry number in digits.' };
    if (!/^[1-9][0-9]{0,11}$/.test(form.amount)) errors.amount = raiseProblems.amount;
    if (!isReceivableReason(form.reason)) errors.reason = raiseProblems.reason;
    if (!isPlainDate(form.noticeDate)) errors.noticeDate = invalidDate;
    if (!isPlainDate(form.dueDate)) errors.dueDate = invalidDate;
    if (Object.keys(errors).length === 0) {
      const outcome = await raiseReceivable(db, {
        ...acting(req), programmeId: form.programme, residentNumber: form.residentNumber, amount: Number(form.amount), reason: form.reason as never,
        reasonNote: form.reasonNote.trim(), noticeDate: form.noticeDate, dueDate: form.dueDate,
      });
      if (outcome.ok) {
        auditSubjects(req, { subjects: [subjectId('benefit_receivable', String(outcome.receivableId))], detail: 'raised' });
        const back = backTo((req.body as { back?: string }).back, receivablePath(outcome.receivableId));
        return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}done=raised`, 303);
      }
      const words = raiseProblems[outcome.problem];
      const field = outcome.problem === 'due_date' ? 'dueDate' : 'amount';
      errors[field] = outcome.problem === 'more_than_reclaimable' ? { ja: `${words.ja}（上限 ${outcome.reclaimable}円）`, en: `${words.en} (at most ${outcome.reclaimable} yen)` } : words;
    }
    return listPage(req, reply, 400, form, errors);
  });

  app.get(`${RECEIVABLES_PATH}/:id`, {
    config: { capability: 'benefits.ledger.read', personalData: true, audit: ops['benefits.receivable.read'] },
    schema: { hide: true, params: idParams, querystring: { type: 'object', properties: { done: text(20), lang: text(2) } } },
  }, async (req, reply) => onePage(req, reply, 200));

  app.post(`${RECEIVABLES_PATH}/:id/payments`, {
    config: { capability: 'benefits.receivables.manage', personalData: true, audit: ops['benefits.receivable.read'] },
    schema: { hide: true, params: idParams, body: { type: 'object', properties: { csrf: text(200), paidOn: text(10), amount: text(14) } } },
  }, async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    const form = { paidOn: '', amount: '', ...(req.body as { paidOn?: string; amount?: string }) };
    if (!isPlainDate(form.paidOn) || form.paidOn > todayInJapan()) return onePage(req, reply, 400, { form, errors: { paidOn: invalidDate } });
    const problem = await recordReceivablePayment(db, { ...acting(req), receivableId: id, paidOn: form.paidOn, amount: /^[0-9]{1,12}$/.test(form.amount) ? Number(form.amount) : 0 });
    if (problem) return onePage(req, reply, problem === 'closed' ? 409 : 400, { form, errors: { amount: paymentProblems[problem] } });
    return reply.redirect(`${receivablePath(id)}?done=payment`, 303);
  });

  app.post(`${RECEIVABLES_PATH}/:id/write-off`, {
    config: { capability: 'benefits.receivables.manage', personalData: true, audit: ops['benefits.receivable.read'] },
    schema: { hide: true, params: idParams, body: { type: 'object', properties: { csrf: text(200), reason: text(400) } } },
  }, async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    const reason = ((req.body as { reason?: string }).reason ?? '').trim();
    if (!reason) return onePage(req, reply, 400, { errors: { reason: { ja: '不納欠損の理由を入力してください。', en: 'Say why it is written off.' } } });
    if (!(await writeOffReceivable(db, { ...acting(req), receivableId: id, reason }))) return onePage(req, reply, 409, { errors: { reason: paymentProblems.closed } });
    return reply.redirect(`${receivablePath(id)}?done=written_off`, 303);
  });

  app.get(`${RECEIVABLES_PATH}/:id/notice.pdf`, {
    config: { capability: 'benefits.receivables.manage', personalData: true, audit: ops['benefits.receivable.notice'] },
    schema: { hide: true, params: idParams },
  }, async (req, reply) => {
    const mc = currentStaff(req).municipalityCode;
    const id = Number((req.params as { id: string }).id);
    const r = await findReceivable(db.kysely, mc, id);
    if (!r) throw new AppError('benefits_receivable_not_found');
    const [addressee, settings, municipality] = await Promise.all([noticeAddressee(db.kysely, mc, r.programmeId, r.residentNumber), findPaymentSettings(db.kysely, mc), deps.municipality()]);
    if (!addressee || !municipality) throw new AppError('benefits_target_not_found');
    const names = programmeNames();
    const pdf = await renderReceivableNotice({
      receivableId: r.receivableId, programmeName: names[r.programmeId] ? pick('ja', names[r.programmeId]!) : r.programmeId, noticeDate: r.noticeDate, dueDate: r.dueDate,
      amount: r.amount, collected: r.collected, reason: r.reason, reasonNote: r.reasonNote, addressee,
      issuer: { nameJa: municipality.nameJa, mayorTitleJa: municipality.mayorTitleJa }, howToPay: settings?.paymentNote || defaultHowToPay,
    });
    auditSubjects(req, { subjects: [subjectId('benefit_receivable', String(id))], detail: `返還金納付通知書 ${id}` });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="henkan-${id}.pdf"`).send(pdf);
  });
}
