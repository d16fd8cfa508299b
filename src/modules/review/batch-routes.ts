// 一括照合 in the console (seed 000 flow ⑤): a clerk uploads the online application system's file, maps its columns,
// and downloads it with 照合結果 and 証明発行可否 appended. Three steps, plain forms, no JavaScript:
//
//   GET  /console/review/batch             the upload form
//   POST /console/review/batch             (multipart) reads the file's headers, keeps it in memory, shows the mapping
//   POST /console/review/batch/run         matches every row: ONE audit event with the counts; shows them and the link
//   GET  /console/review/batch/result/:id  the file with the verdicts, once (its own audit event, an export)
//
// The file never touches the disk or the database and never reaches a log; the extract itself has no page here.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentStaff } from '../../platform/access/guard.ts';
import { auditSubjects } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/http/language.ts';
import { type ColumnMapping, describeBatch, runReviewBatch } from './batch.ts';
import { reviewBatchOperations as ops } from './batch-audit.ts';
import { type BatchFile, isBlank, readBatchFile } from './batch-csv.ts';
import { matchApplicants } from './batch-match.ts';
import { BATCH_HOLD_MS, createBatchHold } from './batch-hold.ts';
import type { BatchField } from './batch-fields.ts';
import { proposeMapping, readMappingForm, rememberedOf } from './batch-mapping.ts';
import { findBatchMapping, listBatchProcedures, saveBatchMapping } from './batch-store.ts';
import { reviewIndexers } from './indexer.ts';
import { BATCH_PATH, type BatchPageContext } from './pages/batch-common.tsx';
import { BatchMappingPage, type UploadSummary } from './pages/batch-mapping.tsx';
import { BatchResultPage } from './pages/batch-result.tsx';
import { BatchUploadPage } from './pages/batch-upload.tsx';
import { findCurrentExtract } from './store.ts';
import { todayInJapan } from '../../platform/text/date.ts';
import { html } from '../../platform/http/html.ts';

/** The largest file accepted: 20 MB holds some 100,000 applications, far more than a day's. */
export const BATCH_MAX_BYTES = 20 * 1024 * 1024;
/** The most rows matched in one request (about 20 s); a larger file is refused with a request to split it. */
export const BATCH_MAX_ROWS = 20_000;

export interface ReviewBatchOptions {
  db: Db;
  config: Config;
  /** The console's page context for the request (language, menu, session), as the shell builds it. */
  pageContext: (req: FastifyRequest) => Promise<BatchPageContext>;
  maxBytes?: number;
  maxRows?: number;
}

/** The uploaded file as the multipart parser hands it over: a class, so that no text field can pass for it. */
class UploadedFile {
  constructor(readonly fileName: string, readonly bytes: Buffer, readonly truncated: boolean) {}
}

interface Upload {
  procedure: string;
  fileName: string;
  file: BatchFile;
}

interface Result {
  procedure: string;
  fileName: string;
  rows: number;
  charset: 'utf-8' | 'Shift_JIS';
  output: Buffer;
}

type Problem = [ja: string, en: string];

// C0 and C1 controls and U+FFFD, as the platform's input hygiene refuses them (it does not see multipart fields).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u001F\u007F-\u009F\uFFFD]/;

/** The procedure's name as typed, trimmed; undefined when empty, too long or holding control characters. */
function readProcedure(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  return text.length >= 1 && text.length <= 100 && !controlCharacter.test(text) ? text : undefined;
}

/** The uploaded file's name without its folders, for the download's name; a plain default when it is odd. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base && base.length <= 200 && !controlCharacter.test(base) && !/["]/.test(base) ? base : 'applications.csv';
}

/** attachment with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
function attachment(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="review-result.csv"; filename*=UTF-8''${encoded}`;
}

const resultName = (fileName: string) => `${fileName.replace(/\.csv$/i, '')}_照合結果.csv`;
const ownerOf = (req: FastifyRequest) => {
  const staff = currentStaff(req);
  return `${staff.municipalityCode}:${staff.loginId}`;
};

/** Registers the batch's pages on a console server. */
export function installReviewBatch(app: FastifyInstance, options: ReviewBatchOptions): void {
  const { db } = options;
  const maxBytes = options.maxBytes ?? BATCH_MAX_BYTES;
  const maxRows = options.maxRows ?? BATCH_MAX_ROWS;
  const uploads = createBatchHold<Upload>({ perOwner: 1 });
  const results = createBatchHold<Result>({ perOwner: 3 });
  app.addHook('onClose', async () => {
    uploads.close();
    results.close();
  });

  const indexerOf = reviewIndexers(db, options.config);

  const context = async (req: FastifyRequest) => ({ ...(await options.pageContext(req)), path: BATCH_PATH });
  const uploadPage = async (req: FastifyRequest, extra: { procedure?: string; problem?: Problem } = {}) => {
    const ctx = await context(req);
    const staff = currentStaff(req);
    return BatchUploadPage({
      ...ctx,
      csrfToken: staff.csrfToken,
      procedures: await listBatchProcedures(db, staff.municipalityCode),
      procedure: extra.procedure ?? '',
      maxMegabytes: Math.round(maxBytes / (1024 * 1024)),
      maxRows,
      problem: extra.problem ? t(ctx.lang, ...extra.problem) : undefined,
    });
  };
  const mappingPage = async (req: FastifyRequest, uploadId: string, upload: Upload, problem?: Problem) => {
    const ctx = await context(req);
    const staff = currentStaff(req);
    const { file } = upload;
    const remembered = await findBatchMapping(db, staff.municipalityCode, upload.procedure);
    const { proposed, remembered: fromMemory } = proposeMapping(file.header, remembered);
    const summary: UploadSummary = {
      procedure: upload.procedure, fileName: upload.fileName, encoding: file.encoding, bom: file.bom, lineEnd: file.lineEnd,
      rows: file.records.filter((r) => !isBlank(r)).length,
    };
    return BatchMappingPage({
      ...ctx, csrfToken: staff.csrfToken, uploadId, header: file.header, proposed, remembered: fromMemory, summary,
      problem: problem ? t(ctx.lang, ...problem) : undefined,
    });
  };

  app.get(BATCH_PATH, { config: { capability: 'review.batch.run' }, schema: { hide: true } }, async (req, reply) => html(reply, 200, uploadPage(req)));

  // The upload, in a scope of its own: only this route parses multipart bodies. The file is read into memory (the
  // parser's limit cuts it at maxBytes, which is reported, not thrown) before the guard checks the form's csrf field.
  app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 4096, headerPairs: 50 },
      async onFile(part: MultipartFile) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        (part as MultipartFile & { value: unknown }).value = new UploadedFile(part.filename, Buffer.concat(chunks), part.file.truncated);
      },
    });
    scope.post(BATCH_PATH, { config: { capability: 'review.batch.run' }, schema: { hide: true } }, async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const typed = typeof body.procedure === 'string' && !controlCharacter.test(body.procedure) ? body.procedure.slice(0, 100) : '';
      const refuse = (status: number, problem: Problem) => html(reply, status, uploadPage(req, { procedure: typed, problem }));
      const procedure = readProcedure(body.procedure);
      const uploaded = body.file instanceof UploadedFile ? body.file : undefined;
      if (!procedure) return refuse(400, ['手続名を入力してください（100文字まで）。', 'Enter the procedure (up to 100 characters).']);
      if (!uploaded || uploaded.bytes.length === 0) return refuse(400, ['CSV ファイルを選んでください。', 'Choose a CSV file.']);
      if (uploaded.truncated) {
        const mb = Math.round(maxBytes / (1024 * 1024));
        return refuse(413, [`ファイルが大きすぎます（上限 ${mb} MB）。ファイルを分けてアップロードしてください。`, `The file is too large (at most ${mb} MB). Split it and upload each part.`]);
      }
      const file = readBatchFile(uploaded.bytes);
      if (!file) return refuse(400, ['1行目に見出しがありません。', 'The first line holds no headers.']);
      if (file.header.length < 3) return refuse(400, ['列が3つ未満です。カンマ区切りの CSV か確認してください。', 'The file has fewer than 3 columns. Check that it is comma-separated CSV.']);
      const rows = file.records.filter((r) => !isBlank(r)).length;
      if (rows === 0) return refuse(400, ['見出しのほかに行がありません。', 'The file has no rows below the headers.']);
      if (rows > maxRows) {
        return refuse(413, [`件数が多すぎます（${rows.toLocaleString('ja')}件）。${maxRows.toLocaleString('ja')}件以下に分けてください。`,
          `Too many rows (${rows.toLocaleString('en')}). Split the file into parts of at most ${maxRows.toLocaleString('en')}.`]);
      }
      const upload: Upload = { procedure, fileName: safeFileName(uploaded.fileName), file };
      return html(reply, 200, mappingPage(req, uploads.put(ownerOf(req), upload), upload));
    });
  });

  app.post(`${BATCH_PATH}/run`, {
    config: { capability: 'review.batch.run', personalData: true, audit: ops['review.batch.run'] },
    schema: {
      hide: true,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['upload'],
        properties: {
          csrf: { type: 'string' },
          upload: { type: 'string', maxLength: 64 },
          nameKana: { type: 'string', maxLength: 4 },
          birthDate: { type: 'string', maxLength: 4 },
          postalCode: { type: 'string', maxLength: 4 },
          taxYear: { type: 'string', maxLength: 4 },
        },
      },
    },
    onError: async (req, _reply, err) => {
      if (req.auditNote?.detail) return;
      const code = err instanceof AppError ? err.code : `HTTP ${(err as { statusCode?: number }).statusCode ?? 500}`;
      auditSubjects(req, { subjects: [], detail: `refused: ${code}` });
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const owner = ownerOf(req);
    const form = req.body as { upload: string } & Partial<Record<BatchField, string>>;
    const upload = uploads.peek(owner, form.upload);
    if (!upload) {
      auditSubjects(req, { subjects: [], detail: 'refused: upload expired' });
      return html(reply, 400, uploadPage(req, { problem: ['アップロードしたファイルの有効期限（30分）が切れました。もう一度選んでください。', 'The uploaded file has expired (30 minutes). Please choose it again.'] }));
    }
    const read = readMappingForm(form, upload.file.header);
    if ('problem' in read) {
      auditSubjects(req, { subjects: [], detail: 'refused: mapping' });
      return html(reply, 400, mappingPage(req, form.upload, upload, read.problem));
    }
    if (!(await findCurrentExtract(db.kysely, staff.municipalityCode))) {
      auditSubjects(req, { subjects: [], detail: 'refused: no extract' });
      return html(reply, 409, mappingPage(req, form.upload, upload, ['審査用データがまだ取り込まれていないため、照合できません。管理者に取込を依頼してください。', 'The review extract has not been imported yet, so nothing can be matched. Ask an administrator to import it.']));
    }
    uploads.take(owner, form.upload); // whatever happens next, the upload is not kept
    await saveBatchMapping(db, staff.municipalityCode, upload.procedure, rememberedOf(read.mapping, upload.file.header), staff.loginId);
    const { output, counts } = await matchAll(upload.file, read.mapping, staff.municipalityCode);
    auditSubjects(req, { subjects: [], detail: describeBatch(upload.procedure, counts) });
    const charset = upload.file.encoding === 'sjis' ? 'Shift_JIS' : 'utf-8';
    const id = results.put(owner, { procedure: upload.procedure, fileName: upload.fileName, rows: counts.rows, charset, output });
    return html(reply, 200, BatchResultPage({
      ...(await context(req)), procedure: upload.procedure, fileName: upload.fileName, counts,
      downloadHref: `${BATCH_PATH}/result/${id}`, keptMinutes: BATCH_HOLD_MS / 60_000,
    }));
  });

  async function matchAll(file: BatchFile, mapping: ColumnMapping, code: string) {
    const indexer = await indexerOf(code);
    const today = todayInJapan();
    const concurrency = db.backend === 'postgres' ? 2 : 1;
    return runReviewBatch(file, mapping, (applicants) => matchApplicants(db, indexer, code, applicants, today), { today, concurrency });
  }

  app.get(`${BATCH_PATH}/result/:id`, {
    config: { capability: 'review.batch.run', personalData: true, audit: ops['review.batch.download'] },
    schema: { hide: true, params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } },
  }, async (req, reply) => {
    const result = results.take(ownerOf(req), (req.params as { id: string }).id);
    if (!result) {
      auditSubjects(req, { subjects: [], detail: 'refused: result gone' });
      return html(reply, 404, uploadPage(req, { problem: ['結果ファイルは、ダウンロード済みか有効期限（30分）が切れたため消去されています。もう一度照合してください。', 'The result file was deleted: it was already downloaded or has expired (30 minutes). Please run the batch again.'] }));
    }
    auditSubjects(req, { subjects: [], detail: `手続 ${result.procedure}: 結果ファイル ${result.rows}件` });
    return reply
      .type(`text/csv; charset=${result.charset}`)
      .header('content-disposition', attachment(resultName(result.fileName)))
      .send(result.output);
  });
}
