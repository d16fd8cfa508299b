// Reads a ぴったりサービス bundle (format: FORMAT.md) completely before anything is imported: the zip, every
// application.json, the procedure each is for, every value through the form's own validation, every attachment through
// the upload checks. Either every application comes out ready to store, or every problem comes out with its file path.
import { unzipSync } from 'fflate';
import type { Db } from '../../../platform/db/index.ts';
import { type AttachmentMediaType, type AttachmentScanner, inspectUpload, MAX_ATTACHMENT_BYTES } from '../attachments/index.ts';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { type RawForm, validateForm } from '../domain/validate.ts';
import { findProcedure } from '../store.ts';
import { ourProcedureId } from './procedure-map.ts';
import { numbersImported } from './store.ts';

/** The largest bundle accepted, and the most files and applications in one. */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;
export const MAX_ENTRIES = 5000;
/** The format name every application.json declares. */
export const PITTARI_FORMAT = 'madoguchi-pittari/1';

/** One thing wrong with the bundle: where (a path inside the zip) and what, in both languages. */
export interface BundleProblem {
  path: string;
  ja: string;
  en: string;
}

/** An attachment ready to store. */
export interface PlannedAttachment {
  fieldId: string;
  fileName: string;
  content: Buffer;
  mediaType: AttachmentMediaType;
  sha256: string;
  scanResult: 'clean' | 'not_scanned';
}

/** An application ready to store. */
export interface PlannedApplication {
  /** The portal's 申請番号. */
  pittariNumber: string;
  folder: string;
  procedureId: string;
  procedureVersion: number;
  definition: ProcedureDefinition;
  submittedAt: Date;
  /** Canonical values (validateForm's), file fields still empty: they get the stored attachments' ids. */
  values: Record<string, unknown>;
  attachments: PlannedAttachment[];
}

export type ReadResult = { ok: true; applications: PlannedApplication[] } | { ok: false; problems: BundleProblem[] };

const numberPattern = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const problem = (path: string, ja: string, en: string): BundleProblem => ({ path, ja, en });

/** A zip path that is safe to name: relative, no "..", no backslashes or control characters. */
function unsafePath(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- a control character in a path is refused, not cleaned
  return name.startsWith('/') || name.includes('\\') || /[\u0000-\u001f\u007f]/.test(name) || name.split('/').some((p) => p === '..' || p === '.');
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/** Unzips with the declared sizes checked first, so a zip bomb is refused before it is inflated. */
function unzip(bundle: Uint8Array, problems: BundleProblem[]): Record<string, Uint8Array> | undefined {
  let total = 0;
  let entries = 0;
  try {
    return unzipSync(bundle, {
      filter(file) {
        entries++;
        total += file.originalSize;
        if (entries > MAX_ENTRIES) throw new RangeError(`more than ${MAX_ENTRIES} files`);
        if (file.originalSize > MAX_ATTACHMENT_BYTES || total > MAX_BUNDLE_BYTES * 4) throw new RangeError(`${file.name} is too large once unpacked`);
        return !file.name.endsWith('/');
      },
    });
  } catch (e) {
    const reason = e instanceof RangeError ? e.message : 'not a readable zip file';
    problems.push(problem('(zip)', `ZIP ファイルとして読めません（${reason}）。`, `The zip cannot be read (${reason}).`));
    return undefined;
  }
}

/** A form value from JSON as the form would have sent it: strings, lists of strings. */
function rawValue(v: unknown): string | string[] | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? 'yes' : '';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  return undefined;
}

export interface ReadOptions {
  municipalityCode: string;
  scanner: AttachmentScanner;
  /** Today in Japan (YYYY-MM-DD), for the date fields' ranges. */
  today: string;
  /** ぴったり 手続ID → our procedure id; the shipped table by default. */
  procedureMap?: Readonly<Record<string, string>>;
}

/** Reads and checks the whole bundle; nothing is written. */
export async function readPittariBundle(db: Db, bundle: Uint8Array, o: ReadOptions): Promise<ReadResult> {
  const problems: BundleProblem[] = [];
  if (bundle.length > MAX_BUNDLE_BYTES) return { ok: false, problems: [problem('(zip)', 'ファイルが大きすぎます（200 MB まで）。', 'The file is too large (200 MB at most).')] };
  const files = unzip(bundle, problems);
  if (!files) return { ok: false, problems };

  const used = new Set<string>();
  const manifests = Object.keys(files).filter((p) => p === 'application.json' || p.endsWith('/application.json')).sort();
  for (const path of Object.keys(files).sort()) {
    if (unsafePath(path)) problems.push(problem(path, '安全でないパス名です（.. や絶対パス）。', 'The path is unsafe (.. or absolute).'));
  }
  if (manifests.length === 0) problems.push(problem('(zip)', 'application.json が1つもありません。', 'There is no application.json.'));

  const applications: PlannedApplication[] = [];
  const numbers = new Map<string, string>(); // 申請番号 → its file, for duplicates inside the bundle
  const procedures = new Map<string, Awaited<ReturnType<typeof findProcedure>>>();
  for (const path of manifests) {
    used.add(path);
    const folder = dirOf(path);
    let doc: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(files[path]).replace(/^\uFEFF/, ''));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError('not an object');
      doc = parsed as Record<string, unknown>;
    } catch {
      problems.push(problem(path, 'JSON（UTF-8）として読めません。', 'It cannot be read as JSON (UTF-8).'));
      continue;
    }
    const before = problems.length;
    if (doc.format !== PITTARI_FORMAT) problems.push(problem(path, `format は "${PITTARI_FORMAT}" にしてください。`, `format must be "${PITTARI_FORMAT}".`));
    const number = typeof doc.applicationNumber === 'string' && numberPattern.test(doc.applicationNumber) ? doc.applicationNumber : undefined;
    if (!number) problems.push(problem(path, 'applicationNumber（申請番号: 英数字とハイフン40文字まで）がありません。', 'applicationNumber (letters, digits and hyphens, up to 40) is missing.'));
    else if (numbers.has(number)) problems.push(problem(path, `申請番号 ${number} が ${numbers.get(number)!} と重複しています。`, `Application number ${number} is also in ${numbers.get(number)!}.`));
    else numbers.set(number, path);
    const submittedAt = typeof doc.submittedAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(doc.submittedAt) ? new Date(doc.submittedAt) : undefined;
    if (!submittedAt || Number.isNaN(submittedAt.getTime())) problems.push(problem(path, 'submittedAt（申請日時: ISO 8601、時差つき）がありません。', 'submittedAt (ISO 8601 with an offset) is missing.'));
    const code = typeof doc.procedureCode === 'string' ? doc.procedureCode : '';
    const procedureId = ourProcedureId(code, o.procedureMap);
    if (!procedures.has(procedureId)) procedures.set(procedureId, /^[a-z][a-z0-9-]{1,62}$/.test(procedureId) ? await findProcedure(db.kysely, o.municipalityCode, procedureId) : undefined);
    const procedure = procedures.get(procedureId);
    if (!procedure) problems.push(problem(path, `手続ID "${code}" に対応する手続きがありません。`, `No procedure of ours matches procedure code "${code}".`));
    const values = doc.values;
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      problems.push(problem(path, 'values（項目ごとの値）がありません。', 'values (the value of each field) is missing.'));
    }
    const listed = Array.isArray(doc.attachments) ? doc.attachments : doc.attachments === undefined ? [] : undefined;
    if (!listed) problems.push(problem(path, 'attachments は配列にしてください。', 'attachments must be an array.'));

    // Attachments: each listed file must be there, of a file field, and pass the upload checks.
    const attachments: PlannedAttachment[] = [];
    const raw: RawForm = {};
    for (const [i, a] of (listed ?? []).entries()) {
      const entry = a as { field?: unknown; file?: unknown } | null;
      const where = `${path}#attachments[${i}]`;
      if (typeof entry?.field !== 'string' || typeof entry.file !== 'string' || entry.file.includes('/') || entry.file === '') {
        problems.push(problem(where, 'field と file（同じフォルダのファイル名）を指定してください。', 'Give field and file (a file name in the same folder).'));
        continue;
      }
      const filePath = join(folder, entry.file);
      used.add(filePath);
      // Named, so the field counts as given: a refused or missing file is reported once, as itself.
      raw[entry.field] = [...[raw[entry.field] ?? []].flat(), entry.file];
      const field = procedure?.definition.fields.find((f) => f.id === entry.field);
      if (procedure && field?.type !== 'file') problems.push(problem(where, `項目 ${entry.field} は添付ファイルの項目ではありません。`, `Field ${entry.field} is not a file field.`));
      const content = files[filePath];
      if (!content) {
        problems.push(problem(filePath, 'application.json に書かれた添付ファイルがありません。', 'The attachment named in application.json is missing.'));
        continue;
      }
      const inspected = await inspectUpload(Buffer.from(content), o.scanner);
      if (!inspected.ok) {
        problems.push(problem(filePath, inspected.message.ja, inspected.message.en));
        continue;
      }
      attachments.push({ fieldId: entry.field, fileName: entry.file, content: Buffer.from(content), mediaType: inspected.mediaType, sha256: inspected.sha256, scanResult: inspected.scanResult });
    }

    // Values: through the form's own validation, as if the resident had typed them here.
    if (procedure && typeof values === 'object' && values !== null && !Array.isArray(values)) {
      for (const [k, v] of Object.entries(values)) {
        const field = procedure.definition.fields.find((f) => f.id === k.split('.')[0]);
        if (!field) {
          problems.push(problem(`${path}#values.${k}`, `手続きに項目 ${k} はありません。`, `The procedure has no field ${k}.`));
          continue;
        }
        if (field.type === 'file') continue; // files come from attachments
        const value = rawValue(v);
        if (value === undefined) problems.push(problem(`${path}#values.${k}`, '値は文字列か文字列の配列にしてください。', 'A value must be a string or a list of strings.'));
        else raw[k] = value;
      }
      const { values: checked, errors } = validateForm(procedure.definition, raw, o.today);
      for (const [fieldId, message] of Object.entries(errors)) problems.push(problem(`${path}#values.${fieldId}`, message.ja, message.en));
      if (problems.length === before && number && submittedAt) {
        for (const f of procedure.definition.fields) if (f.type === 'file') checked[f.id] = [];
        applications.push({
          pittariNumber: number, folder, procedureId: procedure.procedureId, procedureVersion: procedure.version, definition: procedure.definition,
          submittedAt, values: checked, attachments,
        });
      }
    }
  }

  for (const path of Object.keys(files).sort()) {
    if (!used.has(path)) problems.push(problem(path, 'どの application.json にも書かれていないファイルです。', 'No application.json names this file.'));
  }
  for (const n of await numbersImported(db.kysely, o.municipalityCode, [...numbers.keys()])) {
    problems.push(problem(numbers.get(n)!, `申請番号 ${n} は既に取り込まれています。`, `Application number ${n} has already been imported.`));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, applications };
}
