// 審査用データ取込 in the console (issue 4: `madoguchi review import`, "the same from the console for an
// administrator"). Plain forms, no JavaScript:
//
//   GET  /console/review/import       the form, and the current extract's counts
//   POST /console/review/import       (multipart) streams the two files into a private temporary folder, starts
//                                     importExtract in the background (one at a time per municipality), 303 to:
//   GET  /console/review/import/:id   the progress (refreshing itself), then the counts or every wrong line
//
// The folder (0700, files 0600) is removed when the import ends or the upload is refused, whatever happens. The import
// itself is audited by importExtract (review.extract.import, as from the command line, with the administrator as
// actor); the upload by this route (review.extract.upload). No value of the files reaches a page, an event or a log.
// The progress lives in this process's memory: behind a load balancer, the page answers on the server that started it.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentStaff } from '../../platform/access/guard.ts';
import { type AuditActor, auditClient, type AuditClient, auditSubjects, staffActor, subjectId } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { acceptFileUploads, removeUploadDir, UploadedFile } from '../../platform/http/file-upload.ts';
import { t } from '../../platform/http/language.ts';
import { importExtract } from './import.ts';
import { reviewImportOperations as ops } from './import-audit.ts';
import type { ExtractProblem } from './import-state.ts';
import { reviewIndexers } from './indexer.ts';
import type { BatchPageContext } from './pages/batch-common.tsx';
import { IMPORT_PATH } from './pages/import-common.tsx';
import { IMPORT_ENCODINGS, type ImportEncoding, ImportFormPage } from './pages/import-form.tsx';
import { type ImportPhase, ImportProgressPage, type ImportState } from './pages/import-progress.tsx';
import { findCurrentExtract } from './store.ts';
import { html } from '../../platform/http/html.ts';
import { importFailure } from '../../platform/csv/import-failure.ts';

/** The largest file accepted, each: well above Kobe's 1.5 M residents (some 110 MB) and their tax years. */
export const IMPORT_MAX_BYTES = 1024 * 1024 * 1024;
/** How long a finished import's result stays on its page. */
const KEEP_MS = 60 * 60 * 1000;

export interface ReviewImportOptions {
  db: Db;
  config: Config;
  /** The console's page context for the request (language, menu, session), as the shell builds it. */
  pageContext: (req: FastifyRequest) => Promise<BatchPageContext>;
  maxBytes?: number;
}


/** One import started from the console, as its page shows it. */
interface ImportJob {
  id: string;
  municipalityCode: string;
  startedBy: string;
  startedAt: Date;
  taxYearsBytes: number;
  totalBytes: number;
  rows: number;
  position: number;
  reading: boolean;
  outcome?: Exclude<ImportState, { kind: 'running' }>;
  endedAt?: Date;
}

type Problem = [ja: string, en: string];

const FILE_FIELDS = ['residents', 'taxYears'] as const;

function phaseOf(job: ImportJob): ImportPhase {
  if (!job.reading) return 'finishing';
  if (job.rows === 0 && job.position === 0) return 'starting';
  return job.position < job.taxYearsBytes ? 'tax_years' : 'residents';
}

/** Why an import that was not rejected for its lines failed, for the administrator; no internals. */
function failureOf(e: unknown): Problem {
  if (e instanceof AppError && e.code === 'conflict') {
    return ['別の取込（コマンドラインまたは別のサーバー）が実行中のため、取り込みませんでした。終わってから、もう一度取り込んでください。',
      'Another import (from the command line or another server) is running, so nothing was imported. Import again once it has ended.'];
  }
  return importFailure(e);
}

/** Registers the import's pages on a console server. */
export function installReviewImport(app: FastifyInstance, options: ReviewImportOptions): void {
  const { db } = options;
  const maxBytes = options.maxBytes ?? IMPORT_MAX_BYTES;
  const jobs = new Map<string, ImportJob>();
  const runningIn = new Map<string, ImportJob>(); // municipality code → its running import
  const inFlight = new Set<Promise<void>>();
  const liveDirs = new Set<string>(); // every upload folder a job has taken and not yet removed

  const indexerOf = reviewIndexers(db, options.config);

  const release = async (dir: string) => {
    await removeUploadDir(dir);
    liveDirs.delete(dir);
  };
  app.addHook('onClose', async () => {
    await Promise.all(inFlight);
    await Promise.all([...liveDirs].map(release));
  });

  const sweep = () => {
    const now = Date.now();
    for (const [id, job] of jobs) if (job.endedAt && now - job.endedAt.getTime() > KEEP_MS) jobs.delete(id);
  };

  const formPage = async (req: FastifyRequest, extra: { encoding?: ImportEncoding; problem?: Problem } = {}) => {
    const ctx = { ...(await options.pageContext(req)), path: IMPORT_PATH };
    const staff = currentStaff(req);
    const running = runningIn.get(staff.municipalityCode);
    return ImportFormPage({
      ...ctx,
      csrfToken: staff.csrfToken,
      extract: await findCurrentExtract(db.kysely, staff.municipalityCode),
      runningHref: running ? `${IMPORT_PATH}/${running.id}` : undefined,
      encoding: extra.encoding ?? 'auto',
      maxMegabytes: Math.round(maxBytes / (1024 * 1024)),
      problem: extra.problem ? t(ctx.lang, ...extra.problem) : undefined,
    });
  };

  app.get(IMPORT_PATH, { config: { capability: 'review.extract.import' }, schema: { hide: true } }, async (req, reply) => {
    sweep();
    return html(reply, 200, formPage(req));
  });

  /** Runs the import of a job; whatever happens, its folder is removed and the municipality is free again. */
  async function run(job: ImportJob, dir: string, files: { residents: UploadedFile; taxYears: UploadedFile }, encoding: ImportEncoding, who: { actor: AuditActor; client: AuditClient }) {
    let outcome: NonNullable<ImportJob['outcome']>;
    try {
      const result = await importExtract({
        db,
        indexer: await indexerOf(job.municipalityCode),
        residentsFile: files.residents.path,
        taxYearsFile: files.taxYears.path,
        encoding,
        ...who,
        progress: {
          update(rows, position) {
            job.rows = rows;
            if (position !== undefined) job.position = position;
          },
          done(rows) {
            if (rows !== undefined) job.rows = rows;
            job.reading = false;
          },
        },
      });
      outcome = { kind: 'done', result };
    } catch (e) {
      if (e instanceof AppError && e.code === 'import_rejected') {
        outcome = { kind: 'rejected', count: Number(e.details.count), problems: e.details.errors as ExtractProblem[] };
      } else {
        const [ja, en] = failureOf(e);
        outcome = { kind: 'failed', ja, en };
        if (!(e instanceof AppError && e.status < 500)) app.log.error({ err: e, importId: job.id }, 'review extract import failed');
      }
    }
    // The files are gone before the page says the import has ended.
    await release(dir);
    job.outcome = outcome;
    job.endedAt = new Date();
    runningIn.delete(job.municipalityCode);
  }

  // The upload, in a scope of its own: only this route parses multipart bodies. The guard has checked the capability
  // before the body is read; each file is streamed to disk, then the guard checks the form's csrf field.
  app.register(async (scope) => {
    const uploads = await acceptFileUploads(scope, { fileFields: FILE_FIELDS, textFields: 4, maxBytes, folderName: 'review-import' });

    scope.post(IMPORT_PATH, {
      config: { capability: 'review.extract.import', audit: ops['review.extract.upload'] },
      schema: { hide: true },
      onError: async (req, _reply, err) => {
        await uploads.release(req); // before the answer leaves, as for a refusal below
        if (req.auditNote?.detail) return;
        const code = err instanceof AppError ? err.code : `HTTP ${(err as { statusCode?: number }).statusCode ?? 500}`;
        auditSubjects(req, { subjects: [], detail: `refused: ${code}` });
      },
    }, async (req, reply) => {
      sweep();
      const staff = currentStaff(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const encoding = IMPORT_ENCODINGS.find((e) => e === body.encoding);
      const refuse = async (status: number, reason: string, problem: Problem) => {
        await uploads.release(req);
        auditSubjects(req, { subjects: [], detail: `refused: ${reason}` });
        return html(reply, status, formPage(req, { ...(encoding ? { encoding } : {}), problem }));
      };
      const residents = body.residents instanceof UploadedFile ? body.residents : undefined;
      const taxYears = body.taxYears instanceof UploadedFile ? body.taxYears : undefined;
      if (!encoding) return refuse(400, 'encoding', ['文字コードは 自動判定・UTF-8・Shift_JIS から選んでください。', 'Choose the encoding: detect, UTF-8 or Shift_JIS.']);
      if (!residents || residents.bytes === 0 || !taxYears || taxYears.bytes === 0) {
        return refuse(400, 'files', ['住民ファイルと課税年度ファイルの両方を選んでください。', 'Choose both the residents file and the tax-years file.']);
      }
      if (residents.truncated || taxYears.truncated) {
        const mb = Math.round(maxBytes / (1024 * 1024));
        return refuse(413, 'too large', [`ファイルが大きすぎます（各 ${mb} MB まで）。`, `A file is too large (at most ${mb} MB each).`]);
      }
      await indexerOf(staff.municipalityCode); // a missing key fails here, as this request's error
      // From here to runningIn.set nothing awaits: two uploads at once cannot both start.
      const running = runningIn.get(staff.municipalityCode);
      if (running) return refuse(409, 'import running', ['別の取込を実行中です。終わってから、もう一度取り込んでください。', 'Another import is running. Import again once it has ended.']);
      const dir = uploads.take(req); // the job removes the folder now
      if (!dir) throw new AppError('internal'); // two files were saved, so their folder is known
      liveDirs.add(dir);

      const job: ImportJob = {
        id: randomBytes(12).toString('base64url'),
        municipalityCode: staff.municipalityCode,
        startedBy: staff.loginId,
        startedAt: new Date(),
        taxYearsBytes: taxYears.bytes,
        totalBytes: residents.bytes + taxYears.bytes,
        rows: 0,
        position: 0,
        reading: true,
      };
      jobs.set(job.id, job);
      runningIn.set(job.municipalityCode, job);
      const actor: AuditActor = staffActor(staff);
      const promise = run(job, dir, { residents, taxYears }, encoding, { actor, client: auditClient(req) });
      inFlight.add(promise);
      void promise.finally(() => inFlight.delete(promise));
      auditSubjects(req, {
        subjects: [subjectId('review_import', job.id)],
        detail: `取込開始: 住民ファイル ${residents.bytes}バイト, 課税年度ファイル ${taxYears.bytes}バイト, 文字コード ${encoding}`,
      });
      return reply.redirect(`${IMPORT_PATH}/${job.id}`, 303);
    });
  });

  app.get(`${IMPORT_PATH}/:id`, {
    config: { capability: 'review.extract.import' },
    schema: {
      hide: true,
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
      querystring: { type: 'object', properties: { refresh: { type: 'string', maxLength: 8 }, lang: { type: 'string', maxLength: 2 } } },
    },
  }, async (req, reply) => {
    sweep();
    const staff = currentStaff(req);
    const job = jobs.get((req.params as { id: string }).id);
    if (!job || job.municipalityCode !== staff.municipalityCode) {
      return html(reply, 404, formPage(req, { problem: [
        'この取込の状況は見つかりません。終了から1時間たつと消去されます。現在の審査用データは下に表示しています。',
        'This import\'s status was not found; it is deleted an hour after the import ends. The extract in use is shown below.',
      ] }));
    }
    const selfHref = `${IMPORT_PATH}/${job.id}`;
    const autoRefresh = (req.query as { refresh?: string }).refresh !== 'off';
    const state: ImportState = job.outcome ?? { kind: 'running', phase: phaseOf(job), rows: job.rows, position: job.position, total: job.totalBytes };
    if (state.kind === 'running' && autoRefresh) reply.header('refresh', '2');
    const ctx = { ...(await options.pageContext(req)), path: selfHref };
    return html(reply, 200, ImportProgressPage({
      ...ctx, state, startedAt: job.startedAt, endedAt: job.endedAt, startedBy: job.startedBy,
      extract: await findCurrentExtract(db.kysely, staff.municipalityCode), selfHref, autoRefresh,
    }));
  });
}
