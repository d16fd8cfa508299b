// The payments console: the batches (list and prepare), one batch (an audited read of its transfers) with approve,
// the bank file (an audited export), settle, returns and cancel; the remitter settings. Handlers validate, load, check
// the capability (the route's) and four eyes (the use case's), call the use case, and come back to the page.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { appendAudit, auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { decodeWholeFile } from '../../../platform/csv/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import type { BenefitsDeps } from '../console/deps.ts';
import { ledgerProgrammes } from '../programmes.ts';
import { checkBankCodes } from '../zengin/banks.ts';
import { toZenginKana } from '../../../platform/text/index.ts';
import { type Acting, approveBatch, batchFile, cancelBatch, getBatch, prepareBatch } from './batch.ts';
import { checkTransferDate, isReturnReason, itemNumbersFromFile, parseItemNumbers, transferDateMessages } from './domain/batch.ts';
import { BatchPage } from './pages/batch-page.tsx';
import { BatchesPage, type PrepareForm } from './pages/batches-page.tsx';
import { batchPath, pageNotice, PAYMENTS_PATH, SETTINGS_PATH } from './pages/common.tsx';
import { type SettingsForm, SettingsPage } from './pages/settings-page.tsx';
import { returnItems, settleBatch } from './settle.ts';
import { batchItems, findPaymentSettings, itemCounts, listBatches, type PaymentSettings, savePaymentSettings, targetNames } from './store.ts';

type Bilingual = { ja: string; en: string };

/** The uploaded list as the multipart parser hands it over: a class, so that no text field can pass for it. */
class ReturnsFile {
  constructor(readonly bytes: Buffer, readonly truncated: boolean) {}
}

const lang = { type: 'string', maxLength: 2 } as const;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const batchParams = { type: 'object', required: ['batchId'], properties: { batchId: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } } } as const;
const pageQuery = { type: 'object', properties: { done: text(20), after: { type: 'string', pattern: '^[0-9]{0,7}$' }, lang } } as const;
const itemsBody = { type: 'object', properties: { csrf: text(200), back: text(300), items: text(200_000), reason: text(20), note: text(200) } } as const;

export const programmeNames = (): Record<string, Bilingual> =>
  Object.fromEntries(Object.entries(ledgerProgrammes).map(([id, x]) => [id, { ja: x.programme.names.ja, en: x.programme.names.en }]));

/** A console address of the benefits module to come back to after a form (never another origin). */
export const backTo = (back: string | undefined, fallback: string): string =>
  back && /^\/console\/benefits\/[A-Za-z0-9/_-]*(\?[A-Za-z0-9=&%._+-]*)?$/.test(back) ? back : fallback;

/** Back to the page the form came from, saying what was done. */
export function comeBack(reply: FastifyReply, req: FastifyRequest, fallback: string, done: string): FastifyReply {
  const back = backTo((req.body as { back?: string } | undefined)?.back, fallback).replace(/[?&]done=[a-z_]*/, '');
  return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}done=${done}`, 303);
}

/** Who acts, for the use cases and their audit events. */
export function acting(req: FastifyRequest): Acting {
  const staff = currentStaff(req);
  return { municipalityCode: staff.municipalityCode, actor: staffActor(staff), client: auditClient(req) };
}

const settingsForm = (s: PaymentSettings | undefined): SettingsForm => ({
  requesterCode: s?.requesterCode ?? '', requesterName: s?.requesterName ?? '', bankCode: s?.bankCode ?? '', branchCode: s?.branchCode ?? '',
  accountType: s?.accountType ?? '1', accountNumber: s?.accountNumber ?? '', paymentNote: s?.paymentNote ?? '',
});

/** The settings as typed, or what is wrong per field. */
function checkSettings(f: SettingsForm): { ok: true; settings: PaymentSettings } | { ok: false; errors: Partial<Record<keyof SettingsForm, Bilingual>> } {
  const errors: Partial<Record<keyof SettingsForm, Bilingual>> = {};
  if (!/^[0-9]{10}$/.test(f.requesterCode)) errors.requesterCode = { ja: '委託者コードは10桁の数字です。', en: 'The remitter code is 10 digits.' };
  const name = toZenginKana(f.requesterName, 'accountName');
  if (!name.ok || name.value.length === 0 || name.value.length > 40) errors.requesterName = { ja: '委託者名はカナで40文字（半角換算）以内で入力してください。', en: 'Enter the remitter name in kana, at most 40 half-width characters.' };
  const bank = checkBankCodes(f.bankCode, f.branchCode);
  if (bank === 'malformed_bank_code' || bank === 'unknown_bank') errors.bankCode = { ja: '全銀協の金融機関コード（4桁）を入力してください。', en: 'Enter a 4-digit bank code of the Zengin master.' };
  else if (bank) errors.branchCode = { ja: 'この金融機関の支店コード（3桁）を入力してください。', en: 'Enter a 3-digit branch code of this bank.' };
  if (!/^[0-9]{7}$/.test(f.accountNumber)) errors.accountNumber = { ja: '口座番号は7桁の数字です。', en: 'The account number is 7 digits.' };
  if (!['1', '2', '4', '9'].includes(f.accountType)) errors.accountType = { ja: '預金種目を選んでください。', en: 'Choose the account type.' };
  if (f.paymentNote.length > 400) errors.paymentNote = { ja: '400文字以内で入力してください。', en: 'At most 400 characters.' };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: { ...f, accountType: f.accountType as PaymentSettings['accountType'] } };
}

export function installPaymentRoutes(app: FastifyInstance, deps: BenefitsDeps): void {
  const { db } = deps;
  const may = (req: FastifyRequest, capability: Parameters<typeof can>[1]) => can(currentPrincipal(req), capability, { municipalityCode: currentStaff(req).municipalityCode });

  const batchesPage = async (req: FastifyRequest, reply: FastifyReply, status: number, form: PrepareForm, errors: Partial<Record<keyof PrepareForm, Bilingual>>, error?: string) => {
    const staff = currentStaff(req);
    const ctx = await deps.pageContext(req);
    const batches = await listBatches(db.kysely, staff.municipalityCode);
    const done = (req.query as { done?: string } | undefined)?.done;
    return html(reply, status, BatchesPage({ ...ctx, csrf: staff.csrfToken, batches, programmes: programmeNames(), mayPrepare: may(req, 'benefits.payments.prepare'), form, errors, notice: pageNotice(ctx.lang, done, error) }));
  };

  const batchPage = async (req: FastifyRequest, reply: FastifyReply, batchId: number, status: number, error?: string) => {
    const staff = currentStaff(req);
    const mc = staff.municipalityCode;
    const q = (req.query ?? {}) as { done?: string; after?: string };
    const [ctx, batch] = await Promise.all([deps.pageContext(req), getBatch(db, mc, batchId)]);
    const after = Number(q.after || 0);
    const [counts, items] = await Promise.all([itemCounts(db.kysely, mc, batchId), batchItems(db.kysely, mc, batchId, { after, limit: 200 })]);
    const names = await targetNames(db.kysely, mc, batch.programmeId, items.map((i) => i.residentNumber));
    const last = items.at(-1)?.itemNumber;
    auditSubjects(req, { subjects: [subjectId('benefit_payment_batch', String(batchId)), ...items.map((i) => subjectId('benefit_target', `${batch.programmeId}.${i.residentNumber}`))], detail: `batch ${batchId}: items after ${after}, ${items.length} shown` });
    return html(reply, status, BatchPage({
      ...ctx, csrf: staff.csrfToken, batch, counts, items, names, loginId: staff.loginId, next: items.length === 200 && last ? `${batchPath(batchId)}?after=${last}` : undefined,
      may: { prepare: may(req, 'benefits.payments.prepare'), approve: may(req, 'benefits.payments.approve') }, notice: pageNotice(ctx.lang, q.done, error),
    }));
  };

  /** Runs a batch action; a refusal (four eyes, a step the state does not allow, wrong items) shows on the batch's page. */
  const batchAction = async (req: FastifyRequest, reply: FastifyReply, run: (batchId: number) => Promise<string>) => {
    const batchId = Number((req.params as { batchId: string }).batchId);
    try {
      const done = await run(batchId);
      return comeBack(reply, req, batchPath(batchId), done);
    } catch (e) {
      if (!(e instanceof AppError) || e.code === 'benefits_batch_not_found' || e.status >= 500) throw e;
      const ctx = await deps.pageContext(req);
      return batchPage(req, reply, batchId, e.status, e.localized(ctx.lang));
    }
  };

  app.get(PAYMENTS_PATH, { config: { capability: 'benefits.ledger.read' }, schema: { hide: true, querystring: pageQuery } }, async (req, reply) =>
    batchesPage(req, reply, 200, { programme: Object.keys(ledgerProgrammes)[0] ?? '', transferDate: '', limit: '' }, {}));

  app.post(PAYMENTS_PATH, {
    config: { capability: 'benefits.payments.prepare' },
    schema: { hide: true, body: { type: 'object', properties: { csrf: text(200), programme: text(40), transferDate: text(10), limit: text(7) } } },
  }, async (req, reply) => {
    const form = { programme: '', transferDate: '', limit: '', ...(req.body as Partial<PrepareForm>) };
    const errors: Partial<Record<keyof PrepareForm, Bilingual>> = {};
    const dateProblem = checkTransferDate(form.transferDate, todayInJapan());
    if (dateProblem) errors.transferDate = transferDateMessages[dateProblem];
    if (form.limit !== '' && !/^[1-9][0-9]{0,5}$/.test(form.limit)) errors.limit = { ja: '最大件数は1〜999999の数字で入力してください。', en: 'At most: a number from 1 to 999999.' };
    if (!Object.hasOwn(ledgerProgrammes, form.programme)) errors.programme = { ja: '給付事業を選んでください。', en: 'Choose a programme.' };
    if (Object.keys(errors).length > 0) return batchesPage(req, reply, 400, form, errors);
    const cipher = await deps.cipher(currentStaff(req).municipalityCode);
    try {
      const b = await prepareBatch(db, cipher, { ...acting(req), programmeId: form.programme, transferDate: form.transferDate, limit: form.limit ? Number(form.limit) : undefined });
      return reply.redirect(`${batchPath(b.batchId)}?done=prepared`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      return batchesPage(req, reply, e.status, form, {}, e.localized((await deps.pageContext(req)).lang));
    }
  });

  app.get(`${PAYMENTS_PATH}/batches/:batchId`, {
    config: { capability: 'benefits.ledger.read', personalData: true, audit: ops['benefits.batch.read'] },
    schema: { hide: true, params: batchParams, querystring: pageQuery },
  }, async (req, reply) => batchPage(req, reply, Number((req.params as { batchId: string }).batchId), 200));

  app.post(`${PAYMENTS_PATH}/batches/:batchId/approve`, { config: { capability: 'benefits.payments.approve' }, schema: { hide: true, params: batchParams, body: itemsBody } }, async (req, reply) =>
    batchAction(req, reply, async (batchId) => {
      await approveBatch(db, await deps.cipher(currentStaff(req).municipalityCode), { ...acting(req), batchId });
      return 'approved';
    }));

  app.get(`${PAYMENTS_PATH}/batches/:batchId/file`, {
    config: { capability: 'benefits.payments.approve', personalData: true, audit: ops['benefits.batch.file'] },
    schema: { hide: true, params: batchParams },
  }, async (req, reply) => {
    const mc = currentStaff(req).municipalityCode;
    const batchId = Number((req.params as { batchId: string }).batchId);
    const file = await batchFile(db, await deps.cipher(mc), mc, batchId);
    auditSubjects(req, { subjects: [subjectId('benefit_payment_batch', String(batchId))], detail: `総合振込 file of batch ${batchId}: ${file.count} transfers, ${file.total} yen, sha256 ${file.sha256}` });
    return reply.type('text/plain; charset=shift_jis').header('content-disposition', `attachment; filename="furikomi-${batchId}.txt"`).header('x-content-sha256', file.sha256).send(file.bytes);
  });

  app.post(`${PAYMENTS_PATH}/batches/:batchId/settle`, { config: { capability: 'benefits.payments.approve' }, schema: { hide: true, params: batchParams, body: itemsBody } }, async (req, reply) =>
    batchAction(req, reply, async (batchId) => {
      const { numbers, bad } = parseItemNumbers((req.body as { items?: string }).items ?? '');
      if (bad.length > 0) throw new AppError('benefits_batch_items', { items: bad.slice(0, 20).join(', '), what: 'pending' });
      await settleBatch(db, { ...acting(req), batchId, itemNumbers: numbers.length > 0 ? numbers : undefined });
      return 'settled';
    }));

  /** Records the returns of the numbers read from a form or a file. */
  const recordReturns = (req: FastifyRequest, reply: FastifyReply, read: () => { numbers: number[]; bad: string[] }, body: { reason?: unknown; note?: unknown }) =>
    batchAction(req, reply, async (batchId) => {
      const { numbers, bad } = read();
      if (bad.length > 0 || numbers.length === 0) throw new AppError('benefits_batch_items', { items: bad.slice(0, 20).join(', '), what: 'paid' });
      const reason = typeof body.reason === 'string' ? body.reason : '';
      if (!isReturnReason(reason)) throw new AppError('validation_failed');
      await returnItems(db, { ...acting(req), batchId, itemNumbers: numbers, reason, note: typeof body.note === 'string' ? body.note.trim().slice(0, 200) : '' });
      return 'returned';
    });

  app.post(`${PAYMENTS_PATH}/batches/:batchId/returns`, { config: { capability: 'benefits.payments.prepare' }, schema: { hide: true, params: batchParams, body: itemsBody } }, async (req, reply) => {
    const body = req.body as { items?: string; reason?: string; note?: string };
    return recordReturns(req, reply, () => parseItemNumbers(body.items ?? ''), body);
  });

  // The bank's list of returned transfers as a file (item numbers in the first column, UTF-8 or Shift_JIS), in a scope
  // of its own: only this route parses multipart bodies; the file is read into memory before the guard checks csrf.
  app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 4, parts: 5, fieldSize: 4096, headerPairs: 50 },
      async onFile(part: MultipartFile) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        (part as MultipartFile & { value: unknown }).value = new ReturnsFile(Buffer.concat(chunks), part.file.truncated);
      },
    });
    scope.post(`${PAYMENTS_PATH}/batches/:batchId/returns-file`, { config: { capability: 'benefits.payments.prepare' }, schema: { hide: true, params: batchParams } }, async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const file = body.file instanceof ReturnsFile && !body.file.truncated ? body.file.bytes : Buffer.alloc(0);
      return recordReturns(req, reply, () => itemNumbersFromFile(decodeWholeFile(file)), body);
    });
  });

  app.post(`${PAYMENTS_PATH}/batches/:batchId/cancel`, { config: { capability: 'benefits.payments.prepare' }, schema: { hide: true, params: batchParams, body: itemsBody } }, async (req, reply) =>
    batchAction(req, reply, async (batchId) => {
      await cancelBatch(db, { ...acting(req), batchId });
      return 'cancelled';
    }));

  app.get(SETTINGS_PATH, { config: { capability: 'benefits.ledger.read' }, schema: { hide: true, querystring: pageQuery } }, async (req, reply) => {
    const staff = currentStaff(req);
    const ctx = await deps.pageContext(req);
    const form = settingsForm(await findPaymentSettings(db.kysely, staff.municipalityCode));
    return html(reply, 200, SettingsPage({ ...ctx, csrf: staff.csrfToken, form, errors: {}, mayChange: may(req, 'benefits.payments.approve'), notice: pageNotice(ctx.lang, (req.query as { done?: string }).done) }));
  });

  app.post(SETTINGS_PATH, {
    config: { capability: 'benefits.payments.approve' },
    schema: { hide: true, body: { type: 'object', properties: { csrf: text(200), requesterCode: text(20), requesterName: text(80), bankCode: text(8), branchCode: text(8), accountType: text(2), accountNumber: text(14), paymentNote: text(800) } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const form = { ...settingsForm(undefined), ...(req.body as Partial<SettingsForm>) };
    const checked = checkSettings(form);
    if (!checked.ok) {
      const ctx = await deps.pageContext(req);
      return html(reply, 400, SettingsPage({ ...ctx, csrf: staff.csrfToken, form, errors: checked.errors, mayChange: true, notice: { kind: 'error', text: t(ctx.lang, '入力内容を確認してください。', 'Please check the fields.') } }));
    }
    await db.transaction(async (tx) => {
      await savePaymentSettings(tx, staff.municipalityCode, checked.settings, staff.loginId);
      const a = acting(req);
      await appendAudit(tx, { municipalityCode: a.municipalityCode, operation: ops['benefits.payments.settings'], actor: a.actor, ...(a.client ? { client: a.client } : {}), detail: `remitter ${checked.settings.requesterCode} at ${checked.settings.bankCode}-${checked.settings.branchCode}` });
    });
    return reply.redirect(`${SETTINGS_PATH}?done=settings`, 303);
  });
}
