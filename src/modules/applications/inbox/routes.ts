// 申請受付 in the console (issue 5, "Staff inbox"). Plain pages and forms, no JavaScript:
//
//   GET  /console/applications                         the list (receipt numbers, no names: not personal data)
//   GET  /console/applications/:id                     one application (audited), 個人番号 / 要配慮 masked
//   GET  /console/applications/:id/show/:kind          the same with that kind revealed (allowSensitiveView)
//   GET  /console/applications/:id/attachments/:aid    an attachment, as a download (audited)
//   POST /console/applications/:id/transition          start_review, return, approve, reject, complete
//   POST /console/applications/:id/assign              assign / unassign
//   POST /console/applications/:id/comment             a clerk's comment
//   POST /console/applications/:id/review-assist       run the review assist's match again
//
// Decisions answer 303 to the application's page with ?done=<what> or ?problem=<error code> (post/redirect/get), so a
// reload never repeats one; the page says what happened in the reader's language.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { authorizeRecord } from '../../../platform/access/record.ts';
import { allowSensitiveView, type SensitiveKind } from '../../../platform/access/sensitive.ts';
import { roles } from '../../../platform/access/roles.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { AppError, type ErrorCode, errorCodes } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { listAttachments, readAttachment } from '../attachments/index.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { type ApplicationAction, allowedActions, applicationActions, applicationStates, isApplicationState, unsubmittedStates } from '../domain/state.ts';
import { paymentsOf } from '../payments/index.ts';
import { openSensitive } from '../sensitive-values.ts';
import { type ApplicationRow, findApplication, findProcedureVersion, listHistory, listProcedures } from '../store.ts';
import { inboxOperations as ops } from './audit.ts';
import { assignApplication, commentOnApplication, type Decider, transitionApplication } from './decide.ts';
import { cursorParam, inboxQuerySchema, readInboxQuery } from './filter.ts';
import { applicationHref, INBOX_PATH } from './pages/common.tsx';
import { InboxDetailPage } from './pages/inbox-detail.tsx';
import { inboxHref, InboxListPage } from './pages/inbox-list.tsx';
import type { Revealed } from './pages/values.tsx';
import { assessApplication, storedVerdictOf } from './review-assist.ts';
import { countByState, listInbox, listStaffWithRoles } from './store.ts';
import { html } from '../../../platform/http/html.ts';

/** Rows per page of the list. */
export const INBOX_PAGE_SIZE = 50;

const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: uuid } } } as const;
const langQuery = { type: 'object', properties: { lang: { type: 'string', maxLength: 2 }, done: { type: 'string', maxLength: 40 }, problem: { type: 'string', maxLength: 60 }, action: { type: 'string', maxLength: 40 }, who: { type: 'string', maxLength: 100 } } } as const;
const formBody = (properties: Record<string, { type: 'string'; maxLength: number }>) => ({ type: 'object', properties: { csrf: { type: 'string', maxLength: 200 }, ...properties } });


// The roles whose holders may be assigned an application (they can read the inbox).
const assignableRoles = Object.entries(roles).filter(([, r]) => (r.capabilities as readonly string[]).includes('applications.inbox.read')).map(([name]) => name);

// The errors a decision may end in that the page explains (anything else is an error page of its own).
const explainedProblems: readonly ErrorCode[] = [
  'application_state_stale', 'application_action_not_allowed', 'application_reason_required', 'application_comment_invalid',
  'application_assignee_unknown', 'review_extract_missing',
];

/** Registers the inbox's routes on a console server. */
export function installInbox(app: FastifyInstance, deps: ApplicationsDeps): void {
  const { db } = deps;
  const resourceOf = (a: ApplicationRow) => ({ municipalityCode: a.municipalityCode, attributes: { procedure: a.procedureId } });

  /** The submitted application the caller may read, or not_found (a draft is the resident's alone). */
  async function loadApplication(req: FastifyRequest, id: string): Promise<ApplicationRow> {
    const staff = currentStaff(req);
    const found = await findApplication(db.kysely, staff.municipalityCode, id);
    return authorizeRecord(req, 'applications.inbox.read', found && !unsubmittedStates.includes(found.state) ? found : undefined, resourceOf);
  }

  const deciderOf = (req: FastifyRequest): Decider => {
    const staff = currentStaff(req);
    return { db, municipalityCode: staff.municipalityCode, loginId: staff.loginId, displayName: staff.displayName, department: staff.department, client: auditClient(req) };
  };

  app.get(INBOX_PATH, { config: { capability: 'applications.inbox.read' }, schema: { hide: true, querystring: inboxQuerySchema } }, async (req, reply) => {
    const staff = currentStaff(req);
    const ctx = await deps.pageContext(req);
    const { form, filter, after, problems } = readInboxQuery(req.query as Record<string, string | undefined>, staff.loginId);
    const procedures = await listProcedures(db.kysely, staff.municipalityCode);
    const titles = new Map(procedures.map((p) => [p.procedureId, t(ctx.lang, p.definition.title.ja, p.definition.title.en)]));
    const refused = problems.length > 0;
    const counts = refused ? {} : await countByState(db.kysely, staff.municipalityCode, filter);
    const page = refused ? { rows: [], next: undefined } : await listInbox(db.kysely, staff.municipalityCode, filter, after, INBOX_PAGE_SIZE);
    return html(reply, refused ? 400 : 200, InboxListPage({
      ...ctx,
      form,
      procedures: procedures.map((p) => ({ id: p.procedureId, title: titles.get(p.procedureId) ?? p.procedureId })),
      counts,
      rows: page.rows.map((r) => ({ ...r, procedureTitle: titles.get(r.procedureId) ?? r.procedureId })),
      nextHref: page.next ? inboxHref(form, { after: cursorParam(page.next) }) : undefined,
      paged: after !== undefined,
      problems: problems.map(([ja, en]) => t(ctx.lang, ja, en)),
    }));
  });

  /** Renders the detail page of an application the caller may read, with `revealed` kinds in clear. */
  async function detail(req: FastifyRequest, reply: FastifyReply, app: ApplicationRow, revealed: Revealed) {
    const staff = currentStaff(req);
    const ctx = await deps.pageContext(req);
    const procedure = await findProcedureVersion(db.kysely, app.municipalityCode, app.procedureId, app.procedureVersion);
    if (!procedure) throw new AppError('internal'); // the foreign key makes this impossible
    const definition = procedure.definition;
    let values: Record<string, unknown> = app.fieldValues;
    if (revealed.size > 0) {
      // Only the fields of the revealed kinds: the other kind stays masked even though it is in the same sealed object.
      const open = await openSensitive(await deps.cipher(app.municipalityCode), app);
      const shown = new Set(definition.fields.filter((f) => (revealed as ReadonlySet<string>).has(f.category)).map((f) => f.id));
      values = { ...values, ...Object.fromEntries(Object.entries(open).filter(([k]) => shown.has(k))) };
    }
    const [attachments, payments, history] = await Promise.all([
      listAttachments(db.kysely, app.municipalityCode, app.applicationId),
      paymentsOf(db.kysely, app.municipalityCode, app.applicationId),
      listHistory(db.kysely, app.municipalityCode, app.applicationId),
    ]);
    const mayDecide = can(currentPrincipal(req), 'applications.inbox.decide', resourceOf(app));
    const query = req.query as { done?: string; problem?: string; action?: string; who?: string };
    return html(reply, 200, InboxDetailPage({
      ...ctx,
      application: app,
      definition,
      values,
      revealed,
      attachments: attachments.map((a) => ({ attachmentId: a.attachmentId, fileName: a.fileName, mediaType: a.mediaType, byteSize: a.byteSize, scanResult: a.scanResult })),
      payments: payments.length || definition.fee ? payments.map((p) => ({ paymentId: p.paymentId, amountYen: p.amountYen, refundedYen: p.refundedYen, state: p.state, method: p.method, at: p.capturedAt ?? p.createdAt })) : undefined,
      history,
      verdict: storedVerdictOf(app.reviewVerdict),
      decide: mayDecide ? {
        csrfToken: staff.csrfToken,
        actions: allowedActions(app.state, 'staff'),
        me: staff.loginId,
        assignees: await listStaffWithRoles(db.kysely, staff.municipalityCode, assignableRoles),
      } : undefined,
      notice: noticeOf(ctx.lang, app, query),
    }));
  }

  app.get(`${INBOX_PATH}/:id`, {
    config: { capability: 'applications.inbox.read', personalData: true, audit: ops['applications.application.read'] },
    schema: { hide: true, params: idParams, querystring: langQuery },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    auditSubjects(req, { subjects: [subjectId('application', id)] });
    return detail(req, reply, await loadApplication(req, id), new Set());
  });

  app.get(`${INBOX_PATH}/:id/show/:kind`, {
    config: { capability: 'applications.inbox.read', personalData: true, audit: ops['applications.application.sensitive_read'] },
    schema: {
      hide: true,
      params: { type: 'object', required: ['id', 'kind'], properties: { id: { type: 'string', pattern: uuid }, kind: { type: 'string', enum: ['individual_number', 'sensitive'] } } },
      querystring: langQuery,
    },
  }, async (req, reply) => {
    const { id, kind } = req.params as { id: string; kind: SensitiveKind };
    const app = await loadApplication(req, id);
    auditSubjects(req, { subjects: [], detail: `表示: ${kind === 'individual_number' ? '個人番号' : '要配慮個人情報'}` });
    if (!allowSensitiveView(req, reply, { kind, subjects: [subjectId('application', id)], resource: resourceOf(app) })) return reply;
    return detail(req, reply, app, new Set([kind]));
  });

  app.get(`${INBOX_PATH}/:id/attachments/:attachmentId`, {
    config: { capability: 'applications.inbox.read', personalData: true, audit: ops['applications.attachment.download'] },
    schema: { hide: true, params: { type: 'object', required: ['id', 'attachmentId'], properties: { id: { type: 'string', pattern: uuid }, attachmentId: { type: 'string', pattern: uuid } } } },
  }, async (req, reply) => {
    const { id, attachmentId } = req.params as { id: string; attachmentId: string };
    auditSubjects(req, { subjects: [subjectId('application', id), subjectId('application_attachment', attachmentId)] });
    const app = await loadApplication(req, id);
    const file = await readAttachment(db.kysely, await deps.cipher(app.municipalityCode), deps.files, app.municipalityCode, id, attachmentId);
    if (!file) throw new AppError('not_found');
    const extension = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic', 'application/pdf': 'pdf' }[file.meta.mediaType] ?? 'bin';
    // The resident's file name may hold anything: the ASCII name is ours, the real one goes only in the RFC 5987 form.
    const fallback = `${app.receiptNumber ?? 'application'}-${attachmentId.slice(0, 8)}.${extension}`;
    return reply
      .header('content-type', file.meta.mediaType)
      .header('content-disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.meta.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });

  const back = (reply: FastifyReply, id: string, outcome: Record<string, string>) =>
    reply.redirect(`${applicationHref(id)}?${new URLSearchParams(outcome).toString()}`, 303);

  /** Runs a decision; an explained refusal goes back to the page with its code, anything else is an error page. */
  async function deciding(reply: FastifyReply, id: string, done: string, decision: () => Promise<unknown>, context: Record<string, string> = {}) {
    try {
      await decision();
    } catch (e) {
      if (e instanceof AppError && explainedProblems.includes(e.code)) return back(reply, id, { problem: e.code, ...context });
      throw e;
    }
    return back(reply, id, { done });
  }

  const decideConfig = { capability: 'applications.inbox.decide' } as const;

  app.post(`${INBOX_PATH}/:id/transition`, {
    config: decideConfig,
    schema: { hide: true, params: idParams, body: formBody({ shownState: { type: 'string', maxLength: 40 }, action: { type: 'string', maxLength: 40 }, reason: { type: 'string', maxLength: 4000 } }) },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const body = req.body as { shownState?: string; action?: string; reason?: string };
    const app = await loadApplication(req, id);
    authorizeRecord(req, 'applications.inbox.decide', app, resourceOf);
    const action = body.action && Object.hasOwn(applicationActions, body.action) ? (body.action as ApplicationAction) : undefined;
    if (!action || !body.shownState || !isApplicationState(body.shownState)) throw new AppError('bad_request');
    return deciding(reply, id, action, () => transitionApplication(deciderOf(req), id, body.shownState as typeof app.state, action, body.reason), { action });
  });

  app.post(`${INBOX_PATH}/:id/assign`, {
    config: decideConfig,
    schema: { hide: true, params: idParams, body: formBody({ assignee: { type: 'string', maxLength: 100 } }) },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const assignee = ((req.body as { assignee?: string }).assignee ?? '').trim();
    const app = await loadApplication(req, id);
    authorizeRecord(req, 'applications.inbox.decide', app, resourceOf);
    return deciding(reply, id, assignee === '' ? 'unassign' : 'assign', () => assignApplication(deciderOf(req), id, app.procedureId, assignee === '' ? null : assignee), { who: assignee });
  });

  app.post(`${INBOX_PATH}/:id/comment`, {
    config: decideConfig,
    schema: { hide: true, params: idParams, body: formBody({ comment: { type: 'string', maxLength: 4000 } }) },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const app = await loadApplication(req, id);
    authorizeRecord(req, 'applications.inbox.decide', app, resourceOf);
    return deciding(reply, id, 'comment', () => commentOnApplication(deciderOf(req), id, (req.body as { comment?: string }).comment ?? ''));
  });

  app.post(`${INBOX_PATH}/:id/review-assist`, {
    config: decideConfig,
    schema: { hide: true, params: idParams, body: formBody({}) },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const app = await loadApplication(req, id);
    authorizeRecord(req, 'applications.inbox.decide', app, resourceOf);
    const staff = currentStaff(req);
    return deciding(reply, id, 'review_assist', () => assessApplication(deps, staff.municipalityCode, id, {
      actor: staffActor(staff), client: auditClient(req),
    }));
  });
}

/** What the last decision did or why it was refused, from the redirect's query; unknown codes say nothing. */
function noticeOf(lang: 'ja' | 'en', app: ApplicationRow, query: { done?: string; problem?: string; action?: string; who?: string }): { kind: 'error' | 'done'; text: string } | undefined {
  if (query.problem && (explainedProblems as readonly string[]).includes(query.problem)) {
    const code = query.problem as ErrorCode;
    // The stale message names the state the application is in now: the page shows it too.
    const action = query.action && Object.hasOwn(applicationActions, query.action) ? applicationActions[query.action as ApplicationAction] : undefined;
    const state = applicationStates[app.state];
    const details = { currentJa: state.ja, currentEn: state.en, stateJa: state.ja, stateEn: state.en, actionJa: action?.ja ?? '', actionEn: action?.en ?? '', loginId: query.who ?? '' };
    const spec = errorCodes[code];
    return { kind: 'error', text: lang === 'en' ? spec.en(details) : spec.ja(details) };
  }
  const done: Record<string, [string, string]> = {
    assign: ['担当を割り当てました。', 'The assignee has been set.'],
    unassign: ['担当を外しました。', 'The application is now unassigned.'],
    comment: ['コメントを追加しました。', 'The comment has been added.'],
    review_assist: ['審査アシストで照合しました。', 'The review assist has matched the applicant.'],
  };
  if (query.done && Object.hasOwn(applicationActions, query.done)) {
    const a = applicationActions[query.done as ApplicationAction];
    return { kind: 'done', text: t(lang, `「${a.ja}」を行いました。現在の状態: ${applicationStates[app.state].ja}`, `Done: ${a.en}. The application is now: ${applicationStates[app.state].en}`) };
  }
  const d = query.done ? done[query.done] : undefined;
  return d ? { kind: 'done', text: t(lang, d[0], d[1]) } : undefined;
}
