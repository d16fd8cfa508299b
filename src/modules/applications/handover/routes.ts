// The hand-over's console pages (capability applications.handover.export). Plain forms, no JavaScript:
//
//   GET  /console/applications/handover               the export form and the hand-overs made
//   POST /console/applications/handover               streams the bundle (ZIP) and marks the applications (bundle.ts)
//   GET  /console/applications/handover/:id           one hand-over: receipt upload, 「今すぐ消去」 when due, 消去記録
//   POST /console/applications/handover/:id/receipt   (multipart) the core side's receipt file (confirm.ts)
//   POST /console/applications/handover/:id/dispose   disposes of a due hand-over now (dispose.ts)
//
// The export writes its audit event in its own transaction (category export, with the 個人番号 flag), so the route
// declares no config.audit: one export is one event. A refused export is logged as an attempt.
import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { type AuditActor, auditAttempt, auditClient, outcomeOf, subjectId } from '../../../platform/audit/index.ts';
import { requireRecentAuthentication } from '../../../platform/auth/step-up.ts';
import { AppError } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { isApplicationState } from '../domain/state.ts';
import { findProcedureVersion, listProcedures } from '../store.ts';
import { handoverOperations as ops } from './audit.ts';
import { checkMayExport, exportHandoverBundle, protectedCategoriesOf } from './bundle.ts';
import { confirmHandover, parseReceipt } from './confirm.ts';
import { disposeHandedOver } from './dispose.ts';
import { HandoverDetailPage } from './pages/handover-detail.tsx';
import { DEFAULT_STATES, EXPORTABLE_STATES, HANDOVER_PATH, type HandoverForm, HandoverFormPage } from './pages/handover-form.tsx';
import { countSelection, findHandover, listDisposals, listHandovers } from './store.ts';
import { html } from '../../../platform/http/html.ts';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => dayPattern.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const idSchema = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

const actorOf = (req: FastifyRequest): AuditActor => {
  const s = currentStaff(req);
  return { userId: s.loginId, userName: s.displayName, department: s.department };
};

/** The form's fields as sent (urlencoded: a ticked box once is a string, several are an array). */
function readForm(body: unknown): HandoverForm {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const states = [b.states].flat().filter((s): s is string => typeof s === 'string' && isApplicationState(s));
  return {
    procedureId: str(b.procedureId),
    from: str(b.from),
    to: str(b.to),
    encoding: b.encoding === 'sjis' ? 'sjis' : 'utf8',
    states: EXPORTABLE_STATES.filter((s) => states.includes(s)),
  };
}

/** Registers the hand-over's pages on a console server. */
export function installHandover(app: FastifyInstance, deps: ApplicationsDeps): void {
  const { db } = deps;

  const formPage = async (req: FastifyRequest, status: number, reply: FastifyReply, form?: HandoverForm, problem?: [string, string]) => {
    const ctx = await deps.pageContext(req);
    const staff = currentStaff(req);
    const procedures = await listProcedures(db.kysely, staff.municipalityCode);
    const today = todayInJapan();
    return html(reply, status, HandoverFormPage({
      ...ctx,
      path: HANDOVER_PATH,
      csrfToken: staff.csrfToken,
      procedures: procedures.map((p) => ({ id: p.procedureId, title: t(ctx.lang, p.definition.title.ja, p.definition.title.en) })),
      form: form ?? { procedureId: procedures[0]?.procedureId ?? '', from: `${today.slice(0, 8)}01`, to: today, encoding: 'utf8', states: [...DEFAULT_STATES] },
      handovers: await listHandovers(db.kysely, staff.municipalityCode),
      problem: problem ? t(ctx.lang, ...problem) : undefined,
    }));
  };

  app.get(HANDOVER_PATH, { config: { capability: 'applications.handover.export' }, schema: { hide: true } }, (req, reply) => formPage(req, 200, reply));

  app.post(HANDOVER_PATH, { config: { capability: 'applications.handover.export' }, schema: { hide: true } }, async (req, reply) => {
    const staff = currentStaff(req);
    const mc = staff.municipalityCode;
    const form = readForm(req.body);
    const refuse = (status: number, problem: [string, string]) => formPage(req, status, reply, form, problem);
    if (!form.procedureId) return refuse(400, ['手続きを選んでください。', 'Choose a procedure.']);
    if (!isDay(form.from) || !isDay(form.to)) return refuse(400, ['期間の日付を YYYY-MM-DD で入力してください。', 'Enter the period\'s dates as YYYY-MM-DD.']);
    if (form.from > form.to) return refuse(400, ['期間の開始が終了より後になっています。', 'The period starts after it ends.']);
    if (form.states.length === 0) return refuse(400, ['含める状態を1つ以上選んでください。', 'Tick at least one state.']);
    const selection = { municipalityCode: mc, procedureId: form.procedureId, from: form.from, to: form.to, states: form.states };
    const { count, versions } = await countSelection(db.kysely, selection);
    if (count === 0) return refuse(400, [new AppError('handover_empty').localized('ja'), new AppError('handover_empty').localized('en')]);
    const definitions = (await Promise.all(versions.map((v) => findProcedureVersion(db.kysely, mc, form.procedureId, v)))).flatMap((p) => (p ? [p.definition] : []));
    const principal = currentPrincipal(req);
    const mayExport = { individualNumber: can(principal, 'personal.individual_number.read'), sensitive: can(principal, 'personal.sensitive.read') };
    const has = protectedCategoriesOf(definitions);
    const event = {
      municipalityCode: mc, operation: ops['applications.handover.export'], actor: actorOf(req), client: auditClient(req),
      individualNumberAccess: has.individualNumber, subjects: [] as string[],
      detail: `引渡しデータ出力: 手続き ${form.procedureId}, 期間 ${form.from}〜${form.to}`,
    };
    try {
      checkMayExport(definitions, mayExport);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      await auditAttempt(db, { ...event, outcome: 'denied', detail: `${event.detail}: refused (${e.code})` });
      return refuse(e.status, [e.localized('ja'), e.localized('en')]);
    }
    // A 個人番号 leaves the portal only after a recent password or code, as for showing one.
    if (has.individualNumber && !requireRecentAuthentication(req, reply, undefined, HANDOVER_PATH)) {
      await auditAttempt(db, { ...event, outcome: 'denied', detail: `${event.detail}: step-up required` });
      return reply;
    }
    const cipher = await deps.cipher(mc);
    const body = new PassThrough();
    const done = exportHandoverBundle(db, cipher, deps.files, {
      ...selection, encoding: form.encoding, createdBy: staff.loginId, actor: event.actor, client: event.client, mayExport,
    }, body);
    // Headers go once the bundle is under way; a failure after that can only cut the download short (and roll back).
    done.catch(async (e: unknown) => {
      body.destroy(e instanceof Error ? e : new Error(String(e)));
      await auditAttempt(db, { ...event, outcome: outcomeOf(e), detail: `${event.detail}: failed (${e instanceof AppError ? e.code : 'interrupted'})` }).catch(() => undefined);
      if (!(e instanceof AppError && e.status < 500)) req.log.warn({ err: e instanceof AppError ? e.code : 'export interrupted' }, 'handover export failed');
    });
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="handover-${form.procedureId}-${form.from}-${form.to}.zip"`)
      .send(body);
  });

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, status: number, notice?: { kind: 'error' | 'done'; text: [string, string] }) => {
    const staff = currentStaff(req);
    const id = (req.params as { id: string }).id;
    const handover = await findHandover(db.kysely, staff.municipalityCode, id);
    if (!handover) throw new AppError('handover_not_found');
    const ctx = await deps.pageContext(req);
    const now = new Date();
    return html(reply, status, HandoverDetailPage({
      ...ctx, path: `${HANDOVER_PATH}/${id}`, csrfToken: staff.csrfToken, handover,
      disposals: await listDisposals(db.kysely, staff.municipalityCode, id),
      retentionDays: deps.config.handoverRetentionDays,
      due: Boolean(handover.confirmedAt && handover.disposeAfter && handover.disposeAfter <= now && !handover.disposedAt),
      notice: notice ? { kind: notice.kind, text: t(ctx.lang, ...notice.text) } : undefined,
    }));
  };

  app.get(`${HANDOVER_PATH}/:id`, { config: { capability: 'applications.handover.export' }, schema: { hide: true, params: idSchema } }, (req, reply) => detailPage(req, reply, 200));

  app.post(`${HANDOVER_PATH}/:id/dispose`, { config: { capability: 'applications.handover.export' }, schema: { hide: true, params: idSchema } }, async (req, reply) => {
    const staff = currentStaff(req);
    const id = (req.params as { id: string }).id;
    if (!(await findHandover(db.kysely, staff.municipalityCode, id))) throw new AppError('handover_not_found');
    const disposed = await disposeHandedOver(db, new Date(), {
      only: { municipalityCode: staff.municipalityCode, handoverId: id }, actor: actorOf(req), by: staff.loginId, client: auditClient(req),
    });
    if (disposed.length === 0) {
      const e = new AppError('handover_not_due');
      await auditAttempt(db, { municipalityCode: staff.municipalityCode, operation: ops['applications.handover.dispose'], actor: actorOf(req), client: auditClient(req), outcome: 'failure', subjects: [subjectId('handover', id)], detail: 'refused: handover_not_due' });
      return detailPage(req, reply, 409, { kind: 'error', text: [e.localized('ja'), e.localized('en')] });
    }
    const n = disposed[0]!.receiptNumbers.length;
    return detailPage(req, reply, 200, { kind: 'done', text: [`${n} 件の申請を消去し、消去記録を残しました。`, `${n} applications were disposed of, and the disposal recorded.`] });
  });

  // The receipt upload, in a scope of its own: only this route parses multipart bodies, and only one small file.
  app.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: 4096, files: 1, fields: 2, parts: 3, fieldSize: 256 } });
    scope.post(`${HANDOVER_PATH}/:id/receipt`, { config: { capability: 'applications.handover.export' }, schema: { hide: true, params: idSchema } }, async (req, reply) => {
      const staff = currentStaff(req);
      const id = (req.params as { id: string }).id;
      const file = (req.body as Record<string, unknown> | undefined)?.receipt;
      try {
        let receipt;
        try {
          receipt = parseReceipt(Buffer.isBuffer(file) ? file : new Uint8Array(0));
        } catch (e) {
          // Unreadable before confirmHandover could log it: the attempt is still an event.
          await auditAttempt(db, {
            municipalityCode: staff.municipalityCode, operation: ops['applications.handover.confirm'], actor: actorOf(req), client: auditClient(req),
            outcome: 'failure', subjects: [subjectId('handover', id)], detail: 'refused: unreadable receipt file',
          });
          throw e;
        }
        await confirmHandover(db, {
          municipalityCode: staff.municipalityCode, handoverId: id, receipt, loginId: staff.loginId, actor: actorOf(req), client: auditClient(req),
          retentionDays: deps.config.handoverRetentionDays,
        });
      } catch (e) {
        if (!(e instanceof AppError) || e.code === 'handover_not_found') throw e;
        return detailPage(req, reply, e.status, { kind: 'error', text: [e.localized('ja'), e.localized('en')] });
      }
      return detailPage(req, reply, 200, { kind: 'done', text: ['受領を確認しました。', 'The receipt is confirmed.'] });
    });
  });
}
