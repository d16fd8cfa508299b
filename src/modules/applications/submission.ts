// The resident's use cases, from first click to receipt: start a draft (a secret link is its only key), save what was
// typed, submit (a receipt number at once without a fee; through the payment gateway with one), confirm a payment
// (the gateway's notification), correct and resubmit a returned application. Money is computed here from the
// procedure, never read from the form; every change is in one transaction with its history and audit event.
import { createHash, randomBytes } from 'node:crypto';
import { type AuditClient, appendAudit, appendAuditPending, chainedAfter, subjectId, systemActor } from '../../platform/audit/index.ts';
import type { FieldCipher } from '../../platform/crypto/index.ts';
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, type Lang } from '../../platform/errors.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { listAttachments } from './attachments/index.ts';
import { portalOperations as ops, residentActor } from './audit.ts';
import type { Municipality } from '../../shell/store.ts';
import type { ApplicationsDeps } from './deps.ts';
import { rawFromStored, rawFromValues } from './domain/form-values.ts';
import { feeYen, type ProcedureDefinition } from './domain/procedure.ts';
import { newReceiptNumber } from './domain/receipt-number.ts';
import { copiesOf, type FormResult, type RawForm, validateForm } from './domain/validate.ts';
import { startCheckout } from './payments/index.ts';
import { emailFieldOf, receiptMail } from './receipt-mail.ts';
import { openSensitive, sealSensitive, splitValues } from './sensitive-values.ts';
import { type ApplicationRow, changeState, findApplicationByReceipt, findProcedureVersion, insertApplication, lockApplication, type StoredProcedure, toApplication } from './store.ts';
import { todayInJapan } from '../../platform/text/date.ts';

export { DRAFT_LIFETIME_DAYS, purgeExpiredDrafts } from './draft-expiry.ts';

/** SHA-256 (hex) of a draft token: what the database keeps instead of the link. */
export const draftTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A fresh draft token: 256 random bits, base64url (43 characters). */
export const newDraftToken = (): string => randomBytes(32).toString('base64url');

/** True for something shaped like a token we issue (checked before any query). */
export const isDraftToken = (s: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(s);

/** Today in Japan, 'YYYY-MM-DD': the day date rules are judged by. */

/** States in which the resident may change the form: a draft (typed values kept as typed) and a returned application. */
export const editableStates = ['draft', 'returned'] as const;
export const isEditable = (a: ApplicationRow): boolean => (editableStates as readonly string[]).includes(a.state);

/** Starts a draft of the procedure's newest version; returns the application id and the token of the resident's link. */
export async function createDraft(db: Db, p: { municipalityCode: string; procedure: StoredProcedure; lang: Lang }): Promise<{ applicationId: string; token: string }> {
  const token = newDraftToken();
  const applicationId = await db.transaction((tx) => insertApplication(tx, {
    municipalityCode: p.municipalityCode, procedureId: p.procedure.procedureId, procedureVersion: p.procedure.version, channel: 'portal',
    state: 'draft', draftTokenSha256: draftTokenHash(token), lang: p.lang, fieldValues: {}, copies: 1, feeYen: 0, actor: 'resident',
  }));
  return { applicationId, token };
}

/** The application a link's token opens, or undefined (malformed, unknown, or its draft deleted). */
export async function findByDraftToken(q: Db['kysely'] | Tx, municipalityCode: string, token: string): Promise<ApplicationRow | undefined> {
  if (!isDraftToken(token)) return undefined;
  const r = await q.selectFrom('application').selectAll()
    .where('municipality_code', '=', municipalityCode).where('draft_token_sha256', '=', draftTokenHash(token)).executeTakeFirst();
  return r && toApplication(r);
}

/** The attachment ids per file field, as the validator expects them in the form. */
async function attachedIds(q: Db['kysely'] | Tx, app: ApplicationRow, definition: ProcedureDefinition): Promise<RawForm> {
  const files = await listAttachments(q, app.municipalityCode, app.applicationId);
  const raw: RawForm = {};
  for (const f of definition.fields) if (f.type === 'file') raw[f.id] = files.filter((a) => a.fieldId === f.id).map((a) => a.attachmentId);
  return raw;
}

/** The form as the resident last left it: typed values of a draft, or a returned application's values as a form. */
export async function storedForm(cipher: FieldCipher, app: ApplicationRow, definition: ProcedureDefinition): Promise<RawForm> {
  const sensitive = await openSensitive(cipher, app);
  if (app.state === 'draft') return { ...rawFromStored(app.fieldValues), ...rawFromStored(sensitive) };
  return rawFromValues(definition, { ...app.fieldValues, ...sensitive });
}

/** The stored form validated, with its files: what the confirm page shows and what submitting stores. */
export async function validateStored(db: Db, cipher: FieldCipher, app: ApplicationRow, definition: ProcedureDefinition, today = todayInJapan()): Promise<FormResult> {
  return validateForm(definition, { ...(await storedForm(cipher, app, definition)), ...(await attachedIds(db.kysely, app, definition)) }, today);
}

/** Keeps a draft's form as typed (sensitive fields encrypted); refused once it is no longer a draft. */
export async function saveDraft(tx: Tx, cipher: FieldCipher, app: ApplicationRow, definition: ProcedureDefinition, raw: RawForm, lang: Lang): Promise<void> {
  if (app.state !== 'draft') throw new AppError('conflict');
  const { plain, sensitive } = splitValues(definition, raw);
  await tx.updateTable('application').set({
    field_values: JSON.stringify(plain), sensitive_values: sealSensitive(cipher, app.municipalityCode, app.applicationId, sensitive), lang, updated_at: new Date(),
  }).where('municipality_code', '=', app.municipalityCode).where('application_id', '=', app.applicationId).where('state', '=', 'draft').execute();
}

/** Stores validated values (plain and encrypted) with the copies and the fee computed from them. */
async function storeValues(tx: Tx, cipher: FieldCipher, app: ApplicationRow, definition: ProcedureDefinition, values: Record<string, unknown>): Promise<{ copies: number; fee: number }> {
  const { plain, sensitive } = splitValues(definition, values);
  const copies = copiesOf(definition, values);
  const fee = feeYen(definition, copies);
  await tx.updateTable('application').set({
    field_values: JSON.stringify(plain), sensitive_values: sealSensitive(cipher, app.municipalityCode, app.applicationId, sensitive), copies, fee_yen: fee, updated_at: new Date(),
  }).where('municipality_code', '=', app.municipalityCode).where('application_id', '=', app.applicationId).execute();
  return { copies, fee };
}

/** Keeps a returned application's corrected values (validated) until the resident resubmits; copies and fee stay as paid. */
export async function saveCorrection(tx: Tx, cipher: FieldCipher, app: ApplicationRow, definition: ProcedureDefinition, values: Record<string, unknown>): Promise<void> {
  if (app.state !== 'returned') throw new AppError('conflict');
  const { plain, sensitive } = splitValues(definition, values);
  await tx.updateTable('application').set({
    field_values: JSON.stringify(plain), sensitive_values: sealSensitive(cipher, app.municipalityCode, app.applicationId, sensitive), updated_at: new Date(),
  }).where('municipality_code', '=', app.municipalityCode).where('application_id', '=', app.applicationId).where('state', '=', 'returned').execute();
}

/** A receipt number no application of the municipality has yet (a clash of 11 random digits is rare, but possible). */
async function freeReceiptNumber(tx: Tx, municipalityCode: string): Promise<string> {
  for (;;) {
    const n = newReceiptNumber();
    if (!(await findApplicationByReceipt(tx, municipalityCode, n))) return n;
  }
}

const isUniqueViolation = (e: unknown) => String((e as { code?: unknown }).code) === '23505';

/** Runs the transaction again when two submissions drew the same receipt number at the same moment. */
async function withReceiptRetry<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (e) {
      if (attempt >= 3 || !isUniqueViolation(e)) throw e;
    }
  }
}

/** Queues the receipt mail to the application's email field in the resident's language. */
async function queueReceipt(tx: Tx, app: ApplicationRow, definition: ProcedureDefinition, values: Record<string, unknown>, facts: { receiptNumber: string; submittedAt: Date; feeYen: number; resubmitted?: boolean }, served?: Municipality): Promise<void> {
  const to = values[emailFieldOf(definition)];
  if (typeof to !== 'string') return;
  // The served municipality's names are known to the portal; anything else (a payment notification) asks the database.
  const m = served?.code === app.municipalityCode ? { name_ja: served.nameJa, name_en: served.nameEn }
    : await tx.selectFrom('municipality').select(['name_ja', 'name_en']).where('municipality_code', '=', app.municipalityCode).executeTakeFirst();
  const municipalityName = (app.lang === 'en' ? m?.name_en : m?.name_ja) ?? '';
  const mail = receiptMail(app.lang, definition, { ...facts, municipalityName });
  await queueMail(tx, { municipalityCode: app.municipalityCode, to, subject: mail.subject, text: mail.text, category: facts.resubmitted ? 'application.resubmitted' : 'application.receipt' });
}

export type SubmitOutcome =
  | { kind: 'received'; receiptNumber: string }
  | { kind: 'resubmitted'; receiptNumber: string }
  | { kind: 'checkout'; redirectUrl: string; paymentId: string }
  | { kind: 'invalid'; errors: FormResult['errors'] };

/**
 * Submits the application behind a link: validates what is stored (never what a confirm page echoed), then a draft
 * without a fee is received with a receipt number, a draft with a fee (or one whose payment failed) goes to the
 * gateway for copies × fee, and a returned one is resubmitted. The token's row is locked, so a double click submits once.
 */
export async function submitApplication(deps: ApplicationsDeps, p: { app: ApplicationRow; procedure: StoredProcedure; client?: AuditClient; returnTo: string; today?: string }): Promise<SubmitOutcome> {
  const { app, procedure } = p;
  const definition = procedure.definition;
  const cipher = await deps.cipher(app.municipalityCode);
  const served = await deps.municipality();
  const subjects = [subjectId('application', app.applicationId)];
  if (app.state === 'awaiting_payment') return checkout(deps, app, definition, app.feeYen, p);
  const { values, errors } = await validateStored(deps.db, cipher, app, definition, p.today);
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };

  if (app.state === 'returned') {
    return chainedAfter(deps.db, deps.db.transaction(async (tx) => {
      const locked = await lockApplication(tx, app.municipalityCode, app.applicationId);
      if (locked?.state !== 'returned' || !locked.receiptNumber) throw new AppError('conflict');
      // The fee was paid once; a correction does not change what is owed, so copies and fee stay as they were.
      const { plain, sensitive } = splitValues(definition, values);
      await tx.updateTable('application').set({ field_values: JSON.stringify(plain), sensitive_values: sealSensitive(cipher, app.municipalityCode, app.applicationId, sensitive), updated_at: new Date() })
        .where('municipality_code', '=', app.municipalityCode).where('application_id', '=', app.applicationId).execute();
      await changeState(tx, locked, 'resubmitted', { actor: 'resident', action: 'resubmitted' });
      await queueReceipt(tx, locked, definition, values, { receiptNumber: locked.receiptNumber, submittedAt: new Date(), feeYen: 0, resubmitted: true }, served);
      await appendAuditPending(tx, { municipalityCode: app.municipalityCode, operation: ops['applications.portal.resubmit'], actor: residentActor, ...(p.client ? { client: p.client } : {}), subjects, detail: '差戻し → 再提出' });
      return { kind: 'resubmitted' as const, receiptNumber: locked.receiptNumber };
    }));
  }
  if (app.state !== 'draft') throw new AppError('conflict');

  if (definition.fee) {
    const fee = await chainedAfter(deps.db, deps.db.transaction(async (tx) => {
      const locked = await lockApplication(tx, app.municipalityCode, app.applicationId);
      if (locked?.state !== 'draft') throw new AppError('conflict');
      const stored = await storeValues(tx, cipher, locked, definition, values);
      await changeState(tx, locked, 'awaiting_payment', { actor: 'resident', action: 'checkout' });
      await appendAuditPending(tx, { municipalityCode: app.municipalityCode, operation: ops['applications.portal.checkout'], actor: residentActor, ...(p.client ? { client: p.client } : {}), subjects, detail: `下書き → 決済待ち ${stored.fee}円` });
      return stored.fee;
    }));
    return checkout(deps, app, definition, fee, p);
  }

  return chainedAfter(deps.db, withReceiptRetry(() => deps.db.transaction(async (tx) => {
    const locked = await lockApplication(tx, app.municipalityCode, app.applicationId);
    if (locked?.state !== 'draft') throw new AppError('conflict');
    await storeValues(tx, cipher, locked, definition, values);
    // Drawn without asking whether it is free: a clash (11 random digits) fails the unique index and the retry draws again.
    const receiptNumber = newReceiptNumber();
    const submittedAt = new Date();
    await queueReceipt(tx, locked, definition, values, { receiptNumber, submittedAt, feeYen: 0 }, served);
    // The state change takes one of the inbox's counter rows (migrations 0017, 0021): last, so that it is held only until
    // the commit that follows.
    await changeState(tx, locked, 'received', { actor: 'resident', action: 'submitted', receiptNumber, submittedAt });
    await appendAuditPending(tx, { municipalityCode: app.municipalityCode, operation: ops['applications.portal.submit'], actor: residentActor, ...(p.client ? { client: p.client } : {}), subjects, detail: '下書き → 受付' });
    return { kind: 'received' as const, receiptNumber };
  })));
}

/** Starts (or restarts, after a failure) the gateway's checkout for the stored fee. */
async function checkout(deps: ApplicationsDeps, app: ApplicationRow, definition: ProcedureDefinition, fee: number, p: { client?: AuditClient; returnTo: string }): Promise<SubmitOutcome> {
  if (!definition.fee || fee < 1) throw new AppError('conflict');
  const { paymentId, redirectUrl } = await startCheckout(deps, {
    municipalityCode: app.municipalityCode, applicationId: app.applicationId, procedureId: app.procedureId,
    title: app.lang === 'en' ? definition.title.en : definition.title.ja, amountYen: fee, methods: definition.fee.methods, lang: app.lang, returnTo: p.returnTo,
  }, p.client);
  return { kind: 'checkout', redirectUrl, paymentId };
}

/**
 * The payments module's onCaptured hook, in the notification's transaction: an application awaiting payment of exactly
 * this amount is received with a receipt number and its receipt mail. Anything else (already received: a repeated
 * notification; an amount that differs) changes nothing, so the same notification twice is harmless.
 */
export async function confirmPaidApplication(tx: Tx, p: { municipalityCode: string; applicationId: string; paymentId: string; amountYen: number }): Promise<'received' | 'unchanged'> {
  const app = await lockApplication(tx, p.municipalityCode, p.applicationId);
  if (app?.state !== 'awaiting_payment' || app.feeYen !== p.amountYen) return 'unchanged';
  const procedure = await findProcedureVersion(tx, app.municipalityCode, app.procedureId, app.procedureVersion);
  if (!procedure) return 'unchanged';
  const receiptNumber = await freeReceiptNumber(tx, app.municipalityCode);
  const submittedAt = new Date();
  await changeState(tx, app, 'received', { actor: 'system', action: 'paid', receiptNumber, submittedAt });
  await queueReceipt(tx, app, procedure.definition, app.fieldValues, { receiptNumber, submittedAt, feeYen: app.feeYen });
  await appendAudit(tx, {
    municipalityCode: app.municipalityCode, operation: ops['applications.portal.paid'], actor: systemActor('payment'),
    subjects: [subjectId('application', app.applicationId), subjectId('payment', p.paymentId)], detail: `決済待ち → 受付 ${p.amountYen}円`,
  });
  return 'received';
}

/** Gives the application a new link (the old one stops working); for a returned application found by the status lookup. */
export async function reissueDraftToken(tx: Tx, app: ApplicationRow): Promise<string> {
  const token = newDraftToken();
  await tx.updateTable('application').set({ draft_token_sha256: draftTokenHash(token) })
    .where('municipality_code', '=', app.municipalityCode).where('application_id', '=', app.applicationId).execute();
  return token;
}
