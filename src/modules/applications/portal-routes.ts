// The resident portal's online applications (no login; Japanese and English; every page works without JavaScript):
//
//   GET  /procedures                       the procedures residents can apply for
//   GET  /procedures/:id                   one procedure: description, eligibility, fee, 利用目的の明示, start button
//   POST /procedures/:id/start             creates a draft, 303 to its secret link
//   GET  /applications/d/:token            the form (a draft or a returned application), else where the application is
//   POST /applications/d/:token            (multipart) saves what was typed and attaches files, then: confirm | save |
//                                          lookup:<postal field> | remove:<attachment id> | upload
//   GET  /applications/d/:token/confirm    every answer to check, the fee computed here
//   POST /applications/d/:token/submit     submits (receipt number), or goes to the payment gateway, or resubmits
//   GET  /applications/d/:token/receipt    the receipt page
//   GET  /applications/payment?payment=ID  where the gateway sends the browser back: receipt, 確認中 or 決済できませんでした
//   POST /applications/payment?payment=ID  pay again after a failure
//   GET|POST /applications/status          status lookup by receipt number and e-mail (10 lookups a minute per address)
//
// The token in the link is the draft's only key: 256 random bits, stored as SHA-256, cut from every log line (log.ts).
// The payment return names the payment, not the token, because the gateway sees that address. The portal has no
// session, so every POST carries a double-submit CSRF token (cookie + form field, SameSite=Lax).
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditClient } from '../../platform/audit/index.ts';
import { checkPortalCsrf as checkCsrf, portalCsrf } from '../../platform/http/portal-csrf.ts';
import { AppError } from '../../platform/errors.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { createAttachmentScanner, deleteAttachment, insertAttachment, inspectUpload, listAttachments, MAX_ATTACHMENT_BYTES, refusalMessages, writeAttachmentFile, type WrittenAttachment } from './attachments/index.ts';
import type { ApplicationsDeps } from './deps.ts';
import { pickRaw } from './domain/form-values.ts';
import { unsubmittedStates } from './domain/state.ts';
import { feeYen } from './domain/procedure.ts';
import { copiesOf, type Message, type RawForm, validateForm } from './domain/validate.ts';
import { ConfirmPage } from './pages/portal-confirm.tsx';
import { DraftSavedPage } from './pages/portal-draft-saved.tsx';
import { FormPage } from './pages/portal-form.tsx';
import { ProcedureListPage, ProcedurePage } from './pages/portal-procedures.tsx';
import { PaymentFailedPage, PaymentPendingPage, ReceiptPage } from './pages/portal-receipt.tsx';
import { StatusPage } from './pages/portal-status.tsx';
import { installPaymentsPortal, paymentsOf } from './payments/index.ts';
import { findPayment } from './payments/store.ts';
import { lookupPostalAddress } from './postal-address.ts';
import { createRateLimit } from '../../platform/http/rate-limit.ts';
import { draftLinkMail, emailIfValid } from './draft-mail.ts';
import { draftPath, lookupStatus } from './status-lookup.ts';
import { type ApplicationRow, findApplication, listHistory, listProcedures, rememberedProcedureVersions, type StoredProcedure } from './store.ts';
import { confirmPaidApplication, createDraft, DRAFT_LIFETIME_DAYS, findByDraftToken, isEditable, saveCorrection, saveDraft, storedForm, submitApplication, validateStored } from './submission.ts';
import { todayInJapan } from '../../platform/text/date.ts';
import { html } from '../../platform/http/html.ts';

const PAYMENT_PATH = '/applications/payment';
const STATUS_PATH = '/applications/status';
/** Status lookups allowed per client address and minute: enough for typos, too few to walk receipt numbers. */
export const STATUS_LOOKUPS_PER_MINUTE = 10;
/** Files one form post may carry (a form has one or two file fields). */
const MAX_FILES_PER_POST = 3;


const tokenParams = { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 64 } } } as const;
const procedureParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' } } } as const;
const csrfBody = { type: 'object', required: ['csrf'], properties: { csrf: { type: 'string', maxLength: 128 } } } as const;
const paymentQuery = { type: 'object', required: ['payment'], properties: { payment: { type: 'string', format: 'uuid' }, lang: { type: 'string' } } } as const;

/** An uploaded file as the multipart parser hands it over: a class, so that no text field can pass for it. */
class UploadedFile {
  constructor(readonly fileName: string, readonly bytes: Buffer, readonly truncated: boolean) {}
}

const filesIn = (v: unknown): UploadedFile[] => (Array.isArray(v) ? v : [v]).filter((x): x is UploadedFile => x instanceof UploadedFile && (x.bytes.length > 0 || x.fileName !== ''));
const firstString = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Draft {
  municipalityCode: string;
  token: string;
  app: ApplicationRow;
  procedure: StoredProcedure;
}

/** Registers the resident side of online applications, with the payments' return and notification routes. */
export function installPortalRoutes(app: FastifyInstance, deps: ApplicationsDeps): void {
  const { db } = deps;
  const scanner = createAttachmentScanner(deps.config, { log: app.log });
  const versions = rememberedProcedureVersions(db);
  const statusLimit = createRateLimit(STATUS_LOOKUPS_PER_MINUTE, 60_000);

  installPaymentsPortal(app, deps, { onCaptured: async (tx, p) => void (await confirmPaidApplication(tx, p)) });

  const municipalityCode = async () => {
    const m = await deps.municipality();
    if (!m) throw new AppError('not_found');
    return m.code;
  };
  const ctxOf = async (req: FastifyRequest) => {
    const c = await deps.pageContext(req);
    return { lang: c.lang, path: c.path, municipalityName: c.municipalityName };
  };

  /** The application behind a link; a draft older than its lifetime is gone even before housekeeping deletes it. */
  const draftOf = async (req: FastifyRequest): Promise<Draft> => {
    const { token } = req.params as { token: string };
    const mc = await municipalityCode();
    const found = await findByDraftToken(db.kysely, mc, token);
    if (!found) throw new AppError('not_found');
    if (found.state === 'draft' && Date.now() - found.updatedAt.getTime() > DRAFT_LIFETIME_DAYS * 86_400_000) throw new AppError('not_found');
    const procedure = await versions.version(mc, found.procedureId, found.procedureVersion);
    if (!procedure) throw new AppError('not_found');
    return { municipalityCode: mc, token, app: found, procedure };
  };

  const returnedReason = async (a: ApplicationRow) => (a.state === 'returned'
    ? (await listHistory(db.kysely, a.municipalityCode, a.applicationId)).filter((h) => h.toState === 'returned').at(-1)?.comment ?? null : null);

  const formPage = async (req: FastifyRequest, reply: FastifyReply, d: Draft, raw: RawForm, errors: Record<string, Message>, status: number, notice?: string) =>
    html(reply, status, FormPage({
      ...(await ctxOf(req)), definition: d.procedure.definition, action: draftPath(d.token), csrfToken: portalCsrf(req, reply), raw, errors,
      files: await listAttachments(db.kysely, d.municipalityCode, d.app.applicationId), correcting: d.app.state === 'returned',
      returnedReason: await returnedReason(d.app), notice,
    }));

  /** Where a link leads once its application is no longer editable: its payment's page while one is open, else the receipt. */
  const elsewhere = async (d: Draft) => {
    if (d.app.state !== 'awaiting_payment') return `${draftPath(d.token)}/receipt`;
    const latest = (await paymentsOf(db.kysely, d.municipalityCode, d.app.applicationId)).at(-1);
    return latest ? `${PAYMENT_PATH}?payment=${latest.paymentId}` : `${draftPath(d.token)}/confirm`;
  };

  app.get('/procedures', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const procedures = await listProcedures(db.kysely, await municipalityCode());
    return html(reply, 200, ProcedureListPage({ ...(await ctxOf(req)), procedures: procedures.map((p) => p.definition) }));
  });

  app.get('/procedures/:id', { config: { public: true }, schema: { hide: true, params: procedureParams } }, async (req, reply) => {
    const p = await versions.newest(await municipalityCode(), (req.params as { id: string }).id);
    if (!p) throw new AppError('not_found');
    return html(reply, 200, ProcedurePage({ ...(await ctxOf(req)), definition: p.definition, csrfToken: portalCsrf(req, reply) }));
  });

  app.post('/procedures/:id/start', { config: { public: true }, schema: { hide: true, params: procedureParams, body: csrfBody } }, async (req, reply) => {
    checkCsrf(req, (req.body as { csrf: string }).csrf);
    const mc = await municipalityCode();
    const procedure = await versions.newest(mc, (req.params as { id: string }).id);
    if (!procedure) throw new AppError('not_found');
    const { token } = await createDraft(db, { municipalityCode: mc, procedure, lang: (await ctxOf(req)).lang });
    return reply.redirect(draftPath(token), 303);
  });

  app.get('/applications/d/:token', { config: { public: true, personalData: true }, schema: { hide: true, params: tokenParams } }, async (req, reply) => {
    const d = await draftOf(req);
    if (!isEditable(d.app)) return reply.redirect(await elsewhere(d), 303);
    const raw = await storedForm(await deps.cipher(d.municipalityCode), d.app, d.procedure.definition);
    return formPage(req, reply, d, raw, {}, 200);
  });

  // The form post, in a scope of its own: only this route parses multipart bodies. Files are read into memory, cut at
  // the attachment limit (reported as too large, never thrown), and each is checked by content before it is kept.
  app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_FILES_PER_POST, fields: 500, parts: 500 + MAX_FILES_PER_POST, fieldSize: 16 * 1024, headerPairs: 50 },
      async onFile(part: MultipartFile) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        (part as MultipartFile & { value: unknown }).value = new UploadedFile(part.filename ?? '', Buffer.concat(chunks), part.file.truncated);
      },
    });
    scope.post('/applications/d/:token', { config: { public: true, personalData: true }, schema: { hide: true, params: tokenParams } }, async (req, reply) => {
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const d = await draftOf(req);
      checkCsrf(req, firstString(body.csrf));
      if (!isEditable(d.app)) return reply.redirect(await elsewhere(d), 303);
      const { lang } = await ctxOf(req);
      const definition = d.procedure.definition;
      const cipher = await deps.cipher(d.municipalityCode);
      const raw = pickRaw(definition, body);
      const action = firstString(body.action) || 'confirm';
      const errors: Record<string, Message> = {};
      let notice: string | undefined;

      // 住所を検索: fills the linked address field before anything is saved, so the draft keeps it.
      if (action.startsWith('lookup:')) {
        const field = definition.fields.find((f) => f.id === action.slice(7) && f.type === 'postal_code' && f.addressField);
        if (field) {
          const address = lookupPostalAddress(firstString(raw[field.id]));
          if (address) raw[field.addressField!] = address;
          else errors[field.id] = { ja: '郵便番号から住所が見つかりませんでした。住所は手入力してください。', en: 'No address was found for this postal code. Please enter the address yourself.' };
        }
      }

      const uploads = definition.fields.filter((f) => f.type === 'file').flatMap((f) => filesIn(body[f.id]).map((file) => ({ field: f, file })));
      // Accepted files are written to the file store before the transaction, so no connection waits on the disk.
      const written: WrittenAttachment[] = [];
      for (const { field, file } of uploads) {
        if (file.truncated) {
          errors[field.id] = refusalMessages.too_large;
          continue;
        }
        const inspected = await inspectUpload(file.bytes, scanner);
        if (!inspected.ok) errors[field.id] = inspected.message;
        else {
          written.push(await writeAttachmentFile(cipher, deps.files, {
            municipalityCode: d.municipalityCode, applicationId: d.app.applicationId, fieldId: field.id, fileName: file.fileName || 'attachment',
            mediaType: inspected.mediaType, sha256: inspected.sha256, scanResult: inspected.scanResult, content: file.bytes,
          }));
        }
      }
      const removeId = action.startsWith('remove:') ? action.slice(7) : undefined;

      await db.transaction(async (tx) => {
        for (const w of written) await insertAttachment(tx, w);
        if (removeId && uuidPattern.test(removeId)) await deleteAttachment(tx, d.municipalityCode, d.app.applicationId, removeId);
        if (d.app.state === 'draft') await saveDraft(tx, cipher, d.app, definition, raw, lang);
      });
      if (written.length > 0) notice = lang === 'en' ? `${written.length} file(s) attached.` : `ファイルを${written.length}件添付しました。`;
      if (removeId) notice = lang === 'en' ? 'The file was removed.' : 'ファイルを削除しました。';

      const files = await listAttachments(db.kysely, d.municipalityCode, d.app.applicationId);
      const withFiles: RawForm = { ...raw };
      for (const f of definition.fields) if (f.type === 'file') withFiles[f.id] = files.filter((a) => a.fieldId === f.id).map((a) => a.attachmentId);

      if (action === 'save' && d.app.state === 'draft') {
        const link = `${req.protocol}://${req.host}${draftPath(d.token)}`;
        const to = emailIfValid(definition, raw);
        if (to) {
          const mail = draftLinkMail(lang, definition, link, DRAFT_LIFETIME_DAYS);
          await db.transaction((tx) => queueMail(tx, { municipalityCode: d.municipalityCode, to, subject: mail.subject, text: mail.text, category: 'application.draft_link' }));
        }
        return html(reply, 200, DraftSavedPage({ ...(await ctxOf(req)), definition, link, lifetimeDays: DRAFT_LIFETIME_DAYS, mailed: to !== undefined }));
      }
      if (action === 'confirm' && Object.keys(errors).length === 0) {
        const result = validateForm(definition, withFiles, todayInJapan());
        if (Object.keys(result.errors).length > 0) return formPage(req, reply, d, raw, result.errors, 400);
        if (d.app.state === 'returned') await db.transaction((tx) => saveCorrection(tx, cipher, d.app, definition, result.values));
        return reply.redirect(`${draftPath(d.token)}/confirm`, 303);
      }
      return formPage(req, reply, d, raw, errors, Object.keys(errors).length > 0 ? 400 : 200, notice);
    });
  });

  app.get('/applications/d/:token/confirm', { config: { public: true, personalData: true }, schema: { hide: true, params: tokenParams } }, async (req, reply) => {
    const d = await draftOf(req);
    const definition = d.procedure.definition;
    if (d.app.state === 'awaiting_payment') {
      return html(reply, 200, PaymentFailedPage({ ...(await ctxOf(req)), definition, amountYen: d.app.feeYen, retryAction: `${draftPath(d.token)}/submit`, csrfToken: portalCsrf(req, reply) }));
    }
    if (!isEditable(d.app)) return reply.redirect(await elsewhere(d), 303);
    const cipher = await deps.cipher(d.municipalityCode);
    const { values, errors } = await validateStored(db, cipher, d.app, definition);
    if (Object.keys(errors).length > 0) return formPage(req, reply, d, await storedForm(cipher, d.app, definition), errors, 400);
    const copies = copiesOf(definition, values);
    return html(reply, 200, ConfirmPage({
      ...(await ctxOf(req)), definition, formHref: draftPath(d.token), submitAction: `${draftPath(d.token)}/submit`, csrfToken: portalCsrf(req, reply), values,
      files: await listAttachments(db.kysely, d.municipalityCode, d.app.applicationId), feeYen: feeYen(definition, copies), copies, correcting: d.app.state === 'returned',
    }));
  });

  app.post('/applications/d/:token/submit', { config: { public: true, personalData: true }, schema: { hide: true, params: tokenParams, body: csrfBody } }, async (req, reply) => {
    const d = await draftOf(req);
    checkCsrf(req, (req.body as { csrf: string }).csrf);
    if (!isEditable(d.app) && d.app.state !== 'awaiting_payment') return reply.redirect(await elsewhere(d), 303);
    const outcome = await submitApplication(deps, { app: d.app, procedure: d.procedure, client: auditClient(req), returnTo: PAYMENT_PATH });
    if (outcome.kind === 'invalid') return formPage(req, reply, d, await storedForm(await deps.cipher(d.municipalityCode), d.app, d.procedure.definition), outcome.errors, 400);
    if (outcome.kind === 'checkout') return reply.redirect(outcome.redirectUrl, 303);
    return reply.redirect(`${draftPath(d.token)}/receipt`, 303);
  });

  /** The receipt of an application that has one, with what was paid. */
  const receiptPage = async (req: FastifyRequest, reply: FastifyReply, a: ApplicationRow, procedure: StoredProcedure) => {
    const paid = (await paymentsOf(db.kysely, a.municipalityCode, a.applicationId)).filter((p) => p.state === 'captured' || p.state === 'partially_refunded' || p.state === 'refunded');
    const history = await listHistory(db.kysely, a.municipalityCode, a.applicationId);
    return html(reply, 200, ReceiptPage({
      ...(await ctxOf(req)), definition: procedure.definition, receiptNumber: a.receiptNumber!, submittedAt: a.submittedAt,
      paidYen: paid.reduce((s, p) => s + p.amountYen, 0), resubmitted: history.at(-1)?.action === 'resubmitted', mailed: true,
    }));
  };

  app.get('/applications/d/:token/receipt', { config: { public: true, personalData: true }, schema: { hide: true, params: tokenParams } }, async (req, reply) => {
    const d = await draftOf(req);
    if ((unsubmittedStates as readonly string[]).includes(d.app.state) || !d.app.receiptNumber) return reply.redirect(draftPath(d.token), 303);
    return receiptPage(req, reply, d.app, d.procedure);
  });

  /** The application and procedure a payment belongs to (the payment id is as secret as a link: random, only in the return URL). */
  const paymentOf = async (req: FastifyRequest) => {
    const mc = await municipalityCode();
    const payment = await findPayment(db.kysely, mc, (req.query as { payment: string }).payment);
    const a = payment && await findApplication(db.kysely, mc, payment.applicationId);
    const procedure = a && await versions.version(mc, a.procedureId, a.procedureVersion);
    if (!payment || !a || !procedure) throw new AppError('not_found');
    return { payment, app: a, procedure };
  };

  app.get(PAYMENT_PATH, { config: { public: true, personalData: true }, schema: { hide: true, querystring: paymentQuery } }, async (req, reply) => {
    const { payment, app: a, procedure } = await paymentOf(req);
    if (a.receiptNumber && !(unsubmittedStates as readonly string[]).includes(a.state)) return receiptPage(req, reply, a, procedure);
    const ctx = await ctxOf(req);
    const href = `${PAYMENT_PATH}?payment=${payment.paymentId}`;
    if (a.state === 'awaiting_payment' && payment.state === 'created') {
      return html(reply, 200, PaymentPendingPage({ ...ctx, definition: procedure.definition, amountYen: payment.amountYen, refreshHref: href }));
    }
    return html(reply, 200, PaymentFailedPage({ ...ctx, definition: procedure.definition, amountYen: a.feeYen, retryAction: href, csrfToken: portalCsrf(req, reply) }));
  });

  app.post(PAYMENT_PATH, { config: { public: true }, schema: { hide: true, querystring: paymentQuery, body: csrfBody } }, async (req, reply) => {
    checkCsrf(req, (req.body as { csrf: string }).csrf);
    const { app: a, procedure } = await paymentOf(req);
    if (a.state !== 'awaiting_payment') return reply.redirect(`${PAYMENT_PATH}?payment=${(req.query as { payment: string }).payment}`, 303);
    const outcome = await submitApplication(deps, { app: a, procedure, client: auditClient(req), returnTo: PAYMENT_PATH });
    if (outcome.kind !== 'checkout') throw new AppError('conflict');
    return reply.redirect(outcome.redirectUrl, 303);
  });

  app.get(STATUS_PATH, { config: { public: true }, schema: { hide: true } }, async (req, reply) =>
    html(reply, 200, StatusPage({ ...(await ctxOf(req)), csrfToken: portalCsrf(req, reply), receiptInput: '' })));

  app.post(STATUS_PATH, {
    config: { public: true, personalData: true },
    schema: {
      hide: true,
      body: { type: 'object', required: ['csrf'], properties: { csrf: { type: 'string', maxLength: 128 }, receiptNumber: { type: 'string', maxLength: 40 }, email: { type: 'string', maxLength: 254 } } },
    },
  }, async (req, reply) => {
    const body = req.body as { csrf: string; receiptNumber?: string; email?: string };
    checkCsrf(req, body.csrf);
    const ctx = await ctxOf(req);
    const receiptInput = body.receiptNumber ?? '';
    const page = (status: number, extra: { problem?: string; result?: Awaited<ReturnType<typeof lookupStatus>> }) =>
      html(reply, status, StatusPage({ ...ctx, csrfToken: portalCsrf(req, reply), receiptInput, ...extra }));
    if (!statusLimit.allow(req.ip)) {
      reply.header('retry-after', '60');
      return page(429, { problem: ctx.lang === 'en' ? 'Too many lookups. Please wait a minute and try again.' : '照会の回数が多すぎます。1分ほど待ってから、もう一度お試しください。' });
    }
    const result = await lookupStatus(db, { municipalityCode: await municipalityCode(), receiptInput, email: body.email ?? '', client: auditClient(req) });
    if (!result) {
      return page(404, { problem: ctx.lang === 'en'
        ? 'No application matches this receipt number and email address. Check both and try again.'
        : '受付番号とメールアドレスに一致する申請が見つかりません。両方を確認して、もう一度入力してください。' });
    }
    return page(200, { result });
  });
}
