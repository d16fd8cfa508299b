// 審査アシスト on an application (seed 000 flows ③④): for a procedure whose definition names its reviewAssist fields,
// the applicant's name kana, birth date, postal code (and tax year) go to the review module in process, through its
// public interface, and only the verdict codes come back and are stored in application.review_verdict — never a value.
import { type AuditActor, type AuditClient, auditAttempt, audited, subjectId, systemActor } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { type ApplicantInput, matchApplicant, REASON_CODES, type ReviewIndexer, reviewIndexers } from '../../review/index.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { type ProcedureDefinition, protectedCategories } from '../domain/procedure.ts';
import { openSensitive } from '../sensitive-values.ts';
import { findApplication, findProcedureVersion } from '../store.ts';
import { inboxOperations as ops } from './audit.ts';
import { saveReviewVerdict, type StoredVerdict } from './store.ts';

// One indexer cache per deps (per server): the review's keys are loaded on first use, then kept.
const indexers = new WeakMap<ApplicationsDeps, (municipalityCode: string) => Promise<ReviewIndexer>>();
function indexerFor(deps: ApplicationsDeps, municipalityCode: string): Promise<ReviewIndexer> {
  let of = indexers.get(deps);
  if (!of) {
    of = reviewIndexers(deps.db, deps.config);
    indexers.set(deps, of);
  }
  return of(municipalityCode);
}

/** Who asked for the match: a clerk from the console, or the system on submission (the default). */
export interface AssessedBy {
  actor: AuditActor;
  client?: AuditClient;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The applicant's query from the application's values, by the field ids the definition's reviewAssist names. */
export function applicantOf(assist: NonNullable<ProcedureDefinition['reviewAssist']>, values: Record<string, unknown>): ApplicantInput {
  const year = assist.taxYear === undefined ? undefined : Number(text(values[assist.taxYear]));
  return {
    nameKana: text(values[assist.nameKana]),
    birthDate: text(values[assist.birthDate]),
    postalCode: text(values[assist.postalCode]),
    ...(year === undefined ? {} : { taxYear: Number.isFinite(year) ? year : Number.NaN }),
  };
}

/**
 * Matches the application against the review extract and stores the verdict codes; returns them. Throws not_found for
 * an unknown application, bad_request for a procedure without the review assist, and review_extract_missing (503)
 * when no extract was ever imported (nothing is stored then: "cannot answer yet" is not a verdict).
 */
export async function assessApplication(deps: ApplicationsDeps, municipalityCode: string, applicationId: string, by: AssessedBy = { actor: systemActor('review_assist') }): Promise<StoredVerdict> {
  const event = {
    municipalityCode,
    operation: ops['applications.application.review_assist'],
    actor: by.actor,
    ...(by.client ? { client: by.client } : {}),
    subjects: [subjectId('application', applicationId)],
  };
  const startedAt = new Date();
  let verdict: StoredVerdict;
  try {
    const app = await findApplication(deps.db.kysely, municipalityCode, applicationId);
    if (!app) throw new AppError('not_found');
    const procedure = await findProcedureVersion(deps.db.kysely, municipalityCode, app.procedureId, app.procedureVersion);
    const assist = procedure?.definition.reviewAssist;
    if (!procedure || !assist) throw new AppError('bad_request');
    const named = new Set([assist.nameKana, assist.birthDate, assist.postalCode, assist.taxYear]);
    // Only when the definition put one of the matched fields under 個人番号 / 要配慮 does its value need decrypting.
    const needsSensitive = procedure.definition.fields.some((f) => named.has(f.id) && protectedCategories.includes(f.category));
    const values = needsSensitive ? { ...app.fieldValues, ...(await openSensitive(await deps.cipher(municipalityCode), app)) } : app.fieldValues;
    const indexer = await indexerFor(deps, municipalityCode);
    const at = new Date().toISOString();
    try {
      const v = await matchApplicant(deps.db, indexer, municipalityCode, applicantOf(assist, values));
      verdict = { verdict: v.verdict, certificateIssuable: v.certificateIssuable, reasons: [...v.reasons], at };
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'validation_failed')) throw e;
      const fields = Array.isArray(e.details.fields) ? e.details.fields.map(String) : [];
      verdict = { verdict: 'unreadable', certificateIssuable: null, reasons: [], invalidFields: fields, at };
    }
  } catch (e) {
    await auditAttempt(deps.db, { ...event, outcome: e instanceof AppError && e.code === 'not_found' ? 'denied' : 'failure', detail: `照合できず: ${e instanceof AppError ? e.code : 'error'}`, startedAt, endedAt: new Date() }).catch(() => undefined);
    throw e;
  }
  const detail = `照合結果: ${verdict.verdict}; 証明発行可否: ${String(verdict.certificateIssuable)}; 理由: ${verdict.reasons.join(',') || 'なし'}`;
  await audited(deps.db, { ...event, detail }, (tx) => saveReviewVerdict(tx, municipalityCode, applicationId, verdict));
  return verdict;
}

/** The stored verdict of an application, when it is one (review_verdict is jsonb). */
export function storedVerdictOf(value: unknown): StoredVerdict | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<StoredVerdict>;
  if (typeof v.verdict !== 'string' || !Array.isArray(v.reasons)) return undefined;
  // Only known codes reach a page: the column is ours, but a page never trusts what it did not make itself.
  const known: readonly string[] = REASON_CODES;
  return { verdict: v.verdict, certificateIssuable: v.certificateIssuable ?? null, reasons: v.reasons.map(String).filter((r) => known.includes(r)), at: String(v.at ?? ''), ...(v.invalidFields ? { invalidFields: v.invalidFields.map(String) } : {}) };
}
