// 課税情報取込 in the console (capability certificates.tax.import, administrators):
//
//   GET  /console/certificates/tax-import       the form and the fiscal years on file (counts only)
//   POST /console/certificates/tax-import       (multipart) saves the file in a private temporary folder (0700, the
//                                               file 0600), starts importTaxRecords in the background (one at a time
//                                               per municipality), 303 to:
//   GET  /console/certificates/tax-import/:id   the progress (refreshing itself), then the rows per year or every
//                                               wrong line
//
// The folder is removed when the import ends or the upload is refused. The import audits itself
// (certificates.tax.import, the administrator as actor). The pages show years, counts, lines and reasons, never a
// value of the file. Jobs live in this process's memory for an hour after they end.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { type AuditActor, auditClient, type AuditClient, staffActor } from '../../../platform/audit/index.ts';
import type { DescribedRowError } from '../../../platform/csv/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { acceptFileUploads, removeUploadDir, UploadedFile } from '../../../platform/http/file-upload.ts';
import { t } from '../../../platform/http/language.ts';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import { importTaxRecords } from './import.ts';
import { TAX_IMPORT_ENCODINGS, TAX_IMPORT_PATH, TaxImportPage, type TaxImportPageProps, type TaxImportState } from './pages/tax-import-page.tsx';
import { taxYearCounts } from './store.ts';
import { importFailure } from '../../../platform/csv/import-failure.ts';

/** The largest file accepted: Kobe's 1.5 M people over three years is some 1.5 GB. */
export const TAX_IMPORT_MAX_BYTES = 4 * 1024 * 1024 * 1024;
const KEEP_MS = 60 * 60 * 1000;
const capability = 'certificates.tax.import';

export interface TaxImportRoutesOptions {
  db: Db;
  /** The console's page context for the request (language, menu, session), as the shell builds it. */
  pageContext: (req: FastifyRequest) => Promise<PageContext>;
  maxBytes?: number;
}

interface Job {
  id: string;
  municipalityCode: string;
  total: number;
  state: TaxImportState;
  endedAt?: number;
}

/** An uploaded file as the multipart parser leaves it: a class, so no text field can pass for it. */

/** Registers the import's pages on a console server. */
export function installTaxImport(app: FastifyInstance, options: TaxImportRoutesOptions): void {
  const { db } = options;
  const maxBytes = options.maxBytes ?? TAX_IMPORT_MAX_BYTES;
  const jobs = new Map<string, Job>();
  const running = new Map<string, Job>(); // municipality code → its running import
  const inFlight = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.all(inFlight);
  });
  const sweep = () => {
    for (const [id, job] of jobs) if (job.endedAt && Date.now() - job.endedAt > KEEP_MS) jobs.delete(id);
  };

  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, extra: Partial<TaxImportPageProps> = {}) => {
    const staff = currentStaff(req);
    const html = await TaxImportPage({
      ...(await options.pageContext(req)),
      csrfToken: staff.csrfToken,
      years: await taxYearCounts(db.kysely, staff.municipalityCode),
      maxMegabytes: Math.round(maxBytes / (1024 * 1024)),
      ...extra,
    });
    return reply.status(status).type('text/html; charset=utf-8').send(html);
  };

  app.get(TAX_IMPORT_PATH, { config: { capability }, schema: { hide: true } }, (req, reply) => page(req, reply, 200));

  /** Runs a job's import; the folder is gone and the municipality free before its page shows the outcome. */
  async function run(job: Job, upload: { dir: string; file: UploadedFile }, encoding: 'auto' | 'utf8' | 'sjis', who: { actor: AuditActor; client: AuditClient }): Promise<void> {
    let outcome: TaxImportState;
    try {
      const result = await importTaxRecords({
        db,
        municipalityCode: job.municipalityCode,
        source: upload.file.path,
        encoding,
        ...who,
        progress: {
          update: (rows, position) => {
            job.state = { kind: 'running', rows, position: position ?? 0, total: job.total };
          },
          done: () => undefined,
        },
      });
      outcome = { kind: 'done', result };
    } catch (e) {
      if (e instanceof AppError && e.code === 'import_rejected') {
        outcome = { kind: 'rejected', count: Number(e.details.count), problems: e.details.errors as DescribedRowError[] };
      } else {
        const [ja, en] = importFailure(e);
        outcome = { kind: 'failed', ja, en };
        if (!(e instanceof AppError && e.status < 500)) app.log.error({ err: e, importId: job.id }, 'tax records import failed');
      }
    }
    await removeUploadDir(upload.dir);
    running.delete(job.municipalityCode);
    job.endedAt = Date.now();
    job.state = outcome;
  }

  app.register(async (scope) => {
    const uploads = await acceptFileUploads(scope, { fileFields: ['file'], textFields: 3, maxBytes, folderName: 'tax-import' });

    scope.post(TAX_IMPORT_PATH, { config: { capability }, schema: { hide: true } }, async (req, reply) => {
      sweep();
      const staff = currentStaff(req);
      const { lang } = await options.pageContext(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const encoding = TAX_IMPORT_ENCODINGS.find((e) => e === body.encoding);
      const upload = body.file instanceof UploadedFile ? body.file : undefined;
      const refuse = (status: number, ja: string, en: string) => page(req, reply, status, { problem: t(lang, ja, en) });
      if (!encoding) return refuse(400, '文字コードは 自動判定・UTF-8・Shift_JIS から選んでください。', 'Choose the encoding: detect, UTF-8 or Shift_JIS.');
      if (!upload || upload.bytes === 0) return refuse(400, '課税情報ファイルを選んでください。', 'Choose the tax records file.');
      const mb = Math.round(maxBytes / (1024 * 1024));
      if (upload.truncated) return refuse(413, `ファイルが大きすぎます（${mb} MB まで）。`, `The file is too large (at most ${mb} MB).`);
      // From here to running.set nothing awaits: two uploads at once cannot both start.
      if (running.has(staff.municipalityCode)) return refuse(409, '別の取込を実行中です。終わってから、もう一度取り込んでください。', 'Another import is running. Import again once it has ended.');
      const job: Job = { id: randomBytes(12).toString('base64url'), municipalityCode: staff.municipalityCode, total: upload.bytes, state: { kind: 'running', rows: 0, position: 0, total: upload.bytes } };
      jobs.set(job.id, job);
      running.set(job.municipalityCode, job);
      const dir = uploads.take(req)!; // the job removes the folder now
      const actor: AuditActor = staffActor(staff);
      const promise = run(job, { dir, file: upload }, encoding, { actor, client: auditClient(req) });
      inFlight.add(promise);
      void promise.finally(() => inFlight.delete(promise));
      return reply.redirect(`${TAX_IMPORT_PATH}/${job.id}`, 303);
    });
  });

  app.get(`${TAX_IMPORT_PATH}/:id`, {
    config: { capability },
    schema: {
      hide: true,
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
      querystring: { type: 'object', properties: { refresh: { type: 'string', maxLength: 8 }, lang: { type: 'string', maxLength: 2 } } },
    },
  }, async (req, reply) => {
    sweep();
    const job = jobs.get((req.params as { id: string }).id);
    const { lang } = await options.pageContext(req);
    if (!job || job.municipalityCode !== currentStaff(req).municipalityCode) {
      return page(req, reply, 404, { problem: t(lang, 'この取込の状況は見つかりません（終了から1時間で消去されます）。', 'This import was not found (its status is kept for an hour after it ends).') });
    }
    const selfHref = `${TAX_IMPORT_PATH}/${job.id}`;
    const autoRefresh = (req.query as { refresh?: string }).refresh !== 'off';
    if (job.state.kind === 'running' && autoRefresh) reply.header('refresh', '2');
    return page(req, reply, 200, { job: { state: job.state, selfHref, autoRefresh } });
  });
}
