// Procedures as files: read and validate every definition of a folder (procedures/ by default), then save each as a
// new version only when it changed, all in one audited transaction. Used by `madoguchi procedures load`, the demo city
// and the console's editor (one definition at a time, by the same rules).
import fs from 'node:fs';
import path from 'node:path';
import { type AuditActor, type AuditClient, type AuditOperationRef, appendAudit, auditAttempt, defineAuditOperations, outcomeOf, subjectId } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { type ProcedureDefinition, procedureProblems } from './domain/procedure.ts';
import { saveProcedureVersion } from './store.ts';

/** The procedures shipped with madoguchi: the repository's procedures/ folder. */
export const shippedProceduresDir = path.resolve(import.meta.dirname, '../../../procedures');

export const procedureOperations = defineAuditOperations({
  /** 手続き定義の読込: the definitions of a folder loaded by the command line or with the demo city. */
  'applications.procedure.load': { nameJa: '手続き定義の読込', category: 'change' },
  /** 手続き定義の編集: one definition saved by an administrator in the console. */
  'applications.procedure.edit': { nameJa: '手続き定義の編集', category: 'change' },
});

/** What is wrong with one file: its name and every problem, as `path: problem` lines. */
export interface FileProblems {
  file: string;
  problems: string[];
}

/** A valid definition and the file it came from. */
export interface ProcedureFile {
  file: string;
  definition: ProcedureDefinition;
}

/** The problems of a definition given as JSON text, including a syntax error and an id other than `expectedId`. */
export function definitionTextProblems(text: string, expectedId?: string): { definition?: ProcedureDefinition; problems: string[] } {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return { problems: [`JSON: ${(e as Error).message}`] };
  }
  const problems = procedureProblems(input);
  const id = (input as { id?: unknown } | null)?.id;
  if (expectedId !== undefined && typeof id === 'string' && id !== expectedId) problems.push(`/id: must stay "${expectedId}" (got "${id}")`);
  return problems.length ? { problems } : { definition: input as ProcedureDefinition, problems };
}

/** Reads and checks every *.json of the folder: the definitions when all are sound, else every file's problems. */
export async function readProcedureFiles(dir: string): Promise<{ files: ProcedureFile[]; problems: FileProblems[] }> {
  let names: string[];
  try {
    names = (await fs.promises.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return { files: [], problems: [{ file: dir, problems: ['the folder cannot be read'] }] };
  }
  if (names.length === 0) return { files: [], problems: [{ file: dir, problems: ['no .json files'] }] };
  const files: ProcedureFile[] = [];
  const problems: FileProblems[] = [];
  const seen = new Map<string, string>();
  for (const file of names) {
    const { definition, problems: found } = definitionTextProblems(await fs.promises.readFile(path.join(dir, file), 'utf8'));
    if (definition) {
      // The file is named after the id, so the folder shows at a glance which procedure each file defines.
      if (file !== `${definition.id}.json`) found.push(`/id: "${definition.id}" must be defined in ${definition.id}.json`);
      const other = seen.get(definition.id);
      if (other) found.push(`/id: "${definition.id}" is also defined in ${other}`);
      seen.set(definition.id, file);
    }
    if (found.length) problems.push({ file, problems: found });
    else files.push({ file, definition: definition! });
  }
  return problems.length ? { files: [], problems } : { files, problems };
}

/** One definition after a load: its version in force and whether this load made that version. */
export interface LoadedProcedure {
  procedureId: string;
  version: number;
  changed: boolean;
}

/** Who loads: the login id stored with the version, and the audit event's actor. */
export interface Loader {
  loadedBy: string;
  actor: AuditActor;
  client?: AuditClient;
}

/** Saves the definitions, each as a new version only when changed, in one transaction with its audit event. */
export async function saveProcedures(db: Db, municipalityCode: string, definitions: ProcedureDefinition[], who: Loader, operation: AuditOperationRef = procedureOperations['applications.procedure.load']): Promise<LoadedProcedure[]> {
  const event = {
    municipalityCode,
    operation,
    actor: who.actor,
    ...(who.client ? { client: who.client } : {}),
    subjects: definitions.map((d) => subjectId('application_procedure', d.id)),
  };
  const startedAt = new Date();
  try {
    return await db.transaction(async (tx) => {
      const results: LoadedProcedure[] = [];
      for (const d of definitions) results.push({ procedureId: d.id, ...(await saveProcedureVersion(tx, municipalityCode, d, who.loadedBy)) });
      // Ids and versions only: what a definition says is in the versions themselves.
      const detail = results.map((r) => `${r.procedureId} v${r.version} ${r.changed ? 'changed' : 'unchanged'}`).join('; ').slice(0, 1000);
      await appendAudit(tx, { ...event, detail, outcome: 'success', startedAt, endedAt: new Date() });
      return results;
    });
  } catch (e) {
    await auditAttempt(db, { ...event, detail: `${definitions.length} definitions`, outcome: outcomeOf(e), startedAt, endedAt: new Date() }).catch(() => undefined);
    throw e;
  }
}

/** Loads a folder all or nothing; throws procedures_invalid (details.files: FileProblems[]) when any file is bad. */
export async function loadProcedureDir(db: Db, municipalityCode: string, dir: string, who: Loader): Promise<LoadedProcedure[]> {
  const { files, problems } = await readProcedureFiles(dir);
  if (problems.length) {
    throw new AppError('procedures_invalid', { count: problems.reduce((n, p) => n + p.problems.length, 0), files: problems });
  }
  return saveProcedures(db, municipalityCode, files.map((f) => f.definition), who);
}

/** The command line's and the demo's loader: stored as "system", as the migration documents. */
export const systemLoader = (userId: string): Loader => ({ loadedBy: 'system', actor: { userId } });
