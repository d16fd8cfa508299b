// 引渡しデータ: the bundle that carries a procedure's applications to the core system (申請管理, seed 003), one way (seed
// 000). A ZIP streamed straight to the clerk's browser — no temporary file with personal data is ever written:
//
//   applications.csv                 one row per application: 受付番号, 申請日時, 状態, 手続き版, then every field of the
//                                    procedure in order under its Japanese label; 個人番号 / 要配慮 values decrypted
//   attachments/<受付番号>/<file>     each attachment as the resident gave it
//   manifest.json                    handover id, municipality, procedure and versions, period, counts, and for every
//                                    file its path, byte size and SHA-256; its own SHA-256 is the one the receipt quotes
//
// Everything happens in one transaction: the applications are locked, read in batches of BATCH and decrypted in
// parallel per batch, written into the zip as they are read; then the hand-over row, the marks, the history entries
// and the export's audit event are written and committed, and only then is the manifest (the zip's last entry)
// sent. A download that breaks before that rolls everything back, so no application is marked without its bundle.
import { createHash, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { type AuditActor, type AuditClient, appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { FieldCipher } from '../../../platform/crypto/index.ts';
import { type CsvEncoding, type CsvValue, writeCsv } from '../../../platform/csv/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { openAttachmentContent } from '../attachments/index.ts';
import { type FieldDefinition, type ProcedureDefinition, protectedCategories } from '../domain/procedure.ts';
import { applicationStates } from '../domain/state.ts';
import { openSensitive } from '../sensitive-values.ts';
import { findProcedureVersion, toApplication } from '../store.ts';
import { handoverOperations as ops } from './audit.ts';
import { type HandoverSelection, lockSelection, recordHandover } from './store.ts';
import type { EncryptedFiles } from '../../../platform/files/index.ts';

/** Applications read and decrypted together: large enough for few round trips, small enough for flat memory. */
export const BATCH = 500;
/** Attachments fetched in one query: up to this many bytes of files (and always at least one file, up to 10 MB). */
export const ATTACHMENT_GROUP_BYTES = 4 * 1024 * 1024;

/** Consecutive groups of attachments of at most ATTACHMENT_GROUP_BYTES each (a larger file alone). */
function attachmentGroups<T extends { bytes: number }>(attachments: readonly T[]): T[][] {
  const groups: T[][] = [];
  let bytes = Infinity;
  for (const a of attachments) {
    if (bytes + a.bytes > ATTACHMENT_GROUP_BYTES) {
      groups.push([]);
      bytes = 0;
    }
    groups.at(-1)!.push(a);
    bytes += a.bytes;
  }
  return groups;
}
/** The audit log's limit of subjects per event (migration 0003); a larger bundle is logged in several parts. */
const SUBJECTS_PER_EVENT = 1000;

/** The format name in every manifest, so the core side can tell our bundles and their version. */
export const MANIFEST_FORMAT = 'madoguchi-handover/1';

export interface BundleRequest extends HandoverSelection {
  encoding: CsvEncoding;
  /** Login id of the clerk (created_by), and who to log the export as. */
  createdBy: string;
  actor: AuditActor;
  client?: AuditClient;
  /** What the clerk may export: 個人番号 and 要配慮 fields are refused without the capability. */
  mayExport: { individualNumber: boolean; sensitive: boolean };
  now?: Date;
}

/** A file in the manifest. */
export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** manifest.json, as written. */
export interface HandoverManifest {
  format: typeof MANIFEST_FORMAT;
  handoverId: string;
  municipalityCode: string;
  procedure: { id: string; versions: number[] };
  period: { from: string; to: string };
  states: string[];
  encoding: CsvEncoding;
  createdAt: string;
  counts: { applications: number; attachments: number };
  /** CP932 only: characters it cannot carry, written as 〓 in the CSV. */
  replacedCharacters: number;
  files: ManifestFile[];
}

/** What the export did, for the caller (ids and counts). */
export interface BundleResult {
  handoverId: string;
  manifestSha256: string;
  manifest: HandoverManifest;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** The categories among the fields that need a capability to export, checked before anything is read. */
export function protectedCategoriesOf(definitions: ProcedureDefinition[]): { individualNumber: boolean; sensitive: boolean } {
  const cats = new Set<string>(definitions.flatMap((d) => d.fields.map((f) => f.category)).filter((c) => protectedCategories.includes(c)));
  return { individualNumber: cats.has('individual_number'), sensitive: cats.has('sensitive') };
}

/** Throws handover_sensitive_forbidden when the procedure has protected fields the clerk may not export. */
export function checkMayExport(definitions: ProcedureDefinition[], may: BundleRequest['mayExport']): void {
  const has = protectedCategoriesOf(definitions);
  const missing: Array<[string, string]> = [];
  if (has.individualNumber && !may.individualNumber) missing.push(['個人番号', 'individual-number']);
  if (has.sensitive && !may.sensitive) missing.push(['要配慮個人情報', 'sensitive-data']);
  if (missing.length > 0) throw new AppError('handover_sensitive_forbidden', { ja: missing.map((m) => m[0]).join('・'), en: missing.map((m) => m[1]).join(' and ') });
}

/** The columns: the newest version's fields in order, then fields only older versions had; labels made unique. */
export function csvFields(definitions: ProcedureDefinition[]): FieldDefinition[] {
  const seen = new Map<string, FieldDefinition>();
  for (const d of [...definitions].reverse()) for (const f of d.fields) if (!seen.has(f.id)) seen.set(f.id, f);
  return [...seen.values()];
}

const fixedHeaders = ['受付番号', '申請日時', '状態', '手続き版'] as const;

function headersOf(fields: FieldDefinition[]): string[] {
  const used = new Set<string>(fixedHeaders);
  return fields.map((f) => {
    const h = used.has(f.label.ja) ? `${f.label.ja}（${f.id}）` : f.label.ja;
    used.add(h);
    return h;
  });
}

/** 2025-04-01T09:30:00+09:00: the instant in Japan time, as core systems read it. */
export function japanIso(at: Date): string {
  const j = new Date(at.getTime() + 9 * 3_600_000).toISOString();
  return `${j.slice(0, 19)}+09:00`;
}

/** A cell for a field's value: lists joined with ;, booleans 1/0, numbers as digits. */
function cellOf(value: unknown): CsvValue {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(';');
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** A file name safe as the last part of a zip path: no folders, no control characters, at most 100 characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters in a resident's file name must not reach the zip
  const cleaned = name.normalize('NFC').replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^\.+/, '_').trim();
  return [...(cleaned || 'file')].slice(-100).join('');
}

/** Backpressure: waits until the response has room; throws once the browser has gone. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(new Error('the download was interrupted'));
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      if (out.destroyed) reject(new Error('the download was interrupted'));
      else resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

interface AttachmentRef {
  applicationId: string;
  attachmentId: string;
  fieldId: string;
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Exports the selection as a bundle to `out` (ended when the zip is complete, destroyed by the caller on error) and
 * marks the applications handed over, in one transaction with the export's audit event. Throws handover_empty when
 * nothing matches, handover_sensitive_forbidden when the clerk may not export a protected field.
 */
export async function exportHandoverBundle(db: Db, cipher: FieldCipher, fileStore: EncryptedFiles, req: BundleRequest, out: Writable): Promise<BundleResult> {
  const now = req.now ?? new Date();
  const handoverId = randomUUID();
  const mc = req.municipalityCode;
  const files: ManifestFile[] = [];

  // fflate calls back synchronously with each piece of zip; the response's buffer is what we wait on.
  const zip = new Zip((err, chunk, final) => {
    if (err) out.destroy(err);
    else {
      out.write(chunk);
      if (final) out.end();
    }
  });

  let individualNumber = false;
  const { manifest, manifestText } = await db.transaction(async (tx) => {
    const selection = await lockSelection(tx, req);
    if (selection.length === 0) throw new AppError('handover_empty');
    const versions = [...new Set(selection.map((s) => s.procedureVersion))].sort((a, b) => a - b);
    const definitions = await Promise.all(versions.map(async (v) => {
      const p = await findProcedureVersion(tx, mc, req.procedureId, v);
      if (!p) throw new AppError('internal');
      return p.definition;
    }));
    checkMayExport(definitions, req.mayExport);
    individualNumber = protectedCategoriesOf(definitions).individualNumber;
    const fields = csvFields(definitions);
    const fileFields = new Set(fields.filter((f) => f.type === 'file').map((f) => f.id));
    const headers = headersOf(fields);
    const attachments: AttachmentRef[] = [];

    // applications.csv, deflated, hashed and counted as it is written.
    const csvEntry = new ZipDeflate('applications.csv', { level: 6 });
    zip.add(csvEntry);
    const csvHash = createHash('sha256');
    let csvBytes = 0;
    const csvSink = new Writable({
      write(chunk: Buffer, _enc, done) {
        csvHash.update(chunk);
        csvBytes += chunk.length;
        csvEntry.push(chunk);
        drained(out).then(() => done(), done);
      },
      final(done) {
        csvEntry.push(new Uint8Array(0), true);
        done();
      },
    });
    const columns = [...fixedHeaders.map((h, i) => ({ key: `c${i}`, header: h })), ...headers.map((h, i) => ({ key: `f${i}`, header: h }))];
    async function* records(): AsyncGenerator<Record<string, CsvValue>> {
      for (let i = 0; i < selection.length; i += BATCH) {
        const slice = selection.slice(i, i + BATCH);
        const ids = slice.map((s) => s.applicationId);
        const rows = (await tx.selectFrom('application').selectAll().where('municipality_code', '=', mc).where('application_id', 'in', ids).execute()).map(toApplication);
        const byId = new Map(rows.map((r) => [r.applicationId, r]));
        const metas = await tx.selectFrom('application_attachment')
          .select(['application_id', 'attachment_id', 'field_id', 'file_name', 'byte_size', 'sha256', 'created_at'])
          .where('municipality_code', '=', mc).where('application_id', 'in', ids).orderBy('created_at').orderBy('attachment_id').execute();
        const sensitive = await Promise.all(slice.map((s) => {
          const row = byId.get(s.applicationId);
          return row?.sensitiveValues ? openSensitive(cipher, row) : Promise.resolve({});
        }));
        for (const [k, s] of slice.entries()) {
          const row = byId.get(s.applicationId);
          if (!row) throw new AppError('internal');
          const paths = new Map<string, string[]>();
          const names = new Set<string>();
          for (const m of metas.filter((x) => x.application_id === s.applicationId)) {
            let name = safeFileName(m.file_name);
            for (let n = 2; names.has(name); n++) name = `${n}-${safeFileName(m.file_name)}`;
            names.add(name);
            const path = `attachments/${s.receiptNumber}/${name}`;
            attachments.push({ applicationId: s.applicationId, attachmentId: m.attachment_id, fieldId: m.field_id, path, bytes: m.byte_size, sha256: m.sha256 });
            paths.set(m.field_id, [...(paths.get(m.field_id) ?? []), path]);
          }
          const values: Record<string, unknown> = { ...row.fieldValues, ...(sensitive[k] as Record<string, unknown>) };
          const record: Record<string, CsvValue> = {
            c0: s.receiptNumber, c1: row.submittedAt ? japanIso(row.submittedAt) : '', c2: applicationStates[row.state].ja, c3: row.procedureVersion,
          };
          fields.forEach((f, j) => { record[`f${j}`] = fileFields.has(f.id) ? (paths.get(f.id) ?? []).join(';') : cellOf(values[f.id]); });
          yield record;
        }
      }
    }
    const summary = await writeCsv(csvSink, records(), { columns, encoding: req.encoding, unrepresentable: 'replace' });
    files.push({ path: 'applications.csv', bytes: csvBytes, sha256: csvHash.digest('hex') });

    // The attachments, stored as they are (JPEG, PNG, HEIC and PDF are compressed already), fetched a group at a time
    // (one round trip per group, not per file; the next group is asked for while this one is decrypted and written),
    // decrypted in parallel, and checked against their hash.
    const fetchGroup = (group: readonly AttachmentRef[]) => tx.selectFrom('application_attachment').select(['municipality_code', 'application_id', 'attachment_id', 'content', 'content_in_file'])
      .where('municipality_code', '=', mc)
      // application_id too, so the primary key finds each row (it leads with it) instead of scanning the table per group.
      .where('application_id', 'in', group.map((a) => a.applicationId))
      .where('attachment_id', 'in', group.map((a) => a.attachmentId)).execute();
    const groups = attachmentGroups(attachments);
    let next = groups[0] ? fetchGroup(groups[0]) : undefined;
    for (const [g, group] of groups.entries()) {
      const rows = await next!;
      next = groups[g + 1] ? fetchGroup(groups[g + 1]!) : undefined;
      const sealed = new Map(rows.map((r) => [r.attachment_id, r]));
      const contents = await Promise.all(group.map(async (a) => {
        const r = sealed.get(a.attachmentId);
        if (!r || r.application_id !== a.applicationId) throw new AppError('internal', { reason: `attachment ${a.attachmentId} vanished` });
        return openAttachmentContent(cipher, fileStore, r);
      }));
      for (const [k, a] of group.entries()) {
        const content = contents[k]!;
        if (sha256(content) !== a.sha256) throw new AppError('internal', { reason: `attachment ${a.attachmentId} does not match its hash` });
        const entry = new ZipPassThrough(a.path);
        zip.add(entry);
        entry.push(content, true);
        files.push({ path: a.path, bytes: content.length, sha256: a.sha256 });
        await drained(out);
      }
    }
    const m: HandoverManifest = {
      format: MANIFEST_FORMAT,
      handoverId,
      municipalityCode: mc,
      procedure: { id: req.procedureId, versions },
      period: { from: req.from, to: req.to },
      states: [...req.states],
      encoding: req.encoding,
      createdAt: japanIso(now),
      counts: { applications: selection.length, attachments: attachments.length },
      replacedCharacters: summary.replaced.count,
      files,
    };
    const text = `${JSON.stringify(m, null, 2)}\n`;
    await recordHandover(tx, {
      municipalityCode: mc, handoverId, procedureId: req.procedureId, periodFrom: req.from, periodTo: req.to, encoding: req.encoding,
      applicationCount: selection.length, manifestSha256: sha256(text), createdBy: req.createdBy,
      applicationIds: selection.map((s) => s.applicationId), actor: `staff:${req.createdBy}`, now,
    });
    // One event per thousand applications (the log's limit of subjects per event), each naming the hand-over.
    const subjects = selection.map((s) => subjectId('application', s.applicationId));
    const parts = Math.ceil(subjects.length / (SUBJECTS_PER_EVENT - 1));
    for (let p = 0; p < parts; p++) {
      await appendAudit(tx, {
        municipalityCode: mc, operation: ops['applications.handover.export'], actor: req.actor, ...(req.client ? { client: req.client } : {}),
        individualNumberAccess: individualNumber,
        subjects: [subjectId('handover', handoverId), ...subjects.slice(p * (SUBJECTS_PER_EVENT - 1), (p + 1) * (SUBJECTS_PER_EVENT - 1))],
        detail: `引渡しデータ出力: 手続き ${req.procedureId} 版 ${versions.join(',')}, 期間 ${req.from}〜${req.to}, 申請 ${selection.length}件, 添付 ${attachments.length}件, 文字コード ${req.encoding}${parts > 1 ? `, 対象 ${p + 1}/${parts}` : ''}`,
        startedAt: now,
      });
    }
    return { manifest: m, manifestText: text };
  });

  // Committed: the manifest closes the zip.
  const entry = new ZipDeflate('manifest.json', { level: 6 });
  zip.add(entry);
  entry.push(new TextEncoder().encode(manifestText), true);
  zip.end();
  return { handoverId, manifestSha256: sha256(manifestText), manifest };
}
