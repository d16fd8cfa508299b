// 支給対象者の算定: decide every taxpayer of a programme with its rule and keep each decision with the rule version and
// the exclusion. One transaction: the programme's targets change all together or not at all. Decisions past
// targeted (a letter has gone out) are never recomputed here; a changed rule reaches them through the dry run and the
// later steps.
//
// The dry run compares what is stored (each decision as computed, whatever its version; nothing for a taxpayer not
// yet computed) with what the programme's rules in force would decide now, and counts who becomes eligible,
// ineligible, or gets another amount: the effect of a new rule version, or of a new taxpayers file, before it is
// written.
import { type AuditActor, appendAudit } from '../../../platform/audit/index.ts';
import { lockImports } from '../../../platform/csv/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import type { AdjustmentDecision, AdjustmentInput, AdjustmentRules } from '../domain/adjustment.ts';
import { type DryRunChange, DryRunTally, type DryRunTotal } from '../domain/dry-run.ts';
import type { Programme } from '../domain/programme.ts';
import { findLedgerProgramme, type LedgerProgrammeId } from '../programmes.ts';
import { noTargetsYet, pageSize, storedOutcomes, targetSummary, type TargetRecord, type TargetSummaryRow, taxpayerPage, targetRow, upsertTargets } from './store.ts';
import { adjustmentInputOf } from './taxpayer-input.ts';

/** A programme deciding taxpayers with the adjustment's rule (its rules possibly revised). */
export type AdjustmentProgramme = Programme<AdjustmentInput, AdjustmentRules, AdjustmentDecision>;

/** Which programme's targets, for whom. */
export interface ComputeTargetsOptions {
  db: Db;
  municipalityCode: string;
  programmeId: LedgerProgrammeId;
  actor: AuditActor;
  /** Taxpayers decided and written per statement (default pageSize); tests take small pages. */
  pageSize?: number;
}

/** What a computation did: the decisions written and the ledger's summary after it. */
export interface ComputeTargetsResult {
  ruleVersion: string;
  computed: number;
  summary: TargetSummaryRow[];
}

function programmeOf(id: LedgerProgrammeId) {
  const found = findLedgerProgramme(id);
  if (!found) throw new RangeError(`no programme ${id}`);
  return found.programme;
}

/** The stored form of one decision. */
export function targetRecord(residentNumber: string, d: AdjustmentDecision): TargetRecord {
  return {
    resident_number: residentNumber,
    rule_version: d.ruleVersion,
    eligible: d.eligible,
    amount: d.amount,
    count_income_tax: d.counts.incomeTax,
    count_resident_tax: d.counts.residentTax,
    income_tax_shortfall: d.shortfalls.incomeTax.shortfall,
    resident_tax_shortfall: d.shortfalls.residentTax.shortfall,
    exclusion_code: d.exclusion?.code ?? null,
    explanation: d.explanation,
  };
}

/**
 * Decides every page of the programme's taxpayers and writes the decisions, answering how many were written. The
 * pages overlap: the next page is asked for before this one is decided, and a page's decisions are written without
 * waiting, so the rule runs in Node while PostgreSQL writes the page before (the transaction's queries still run one
 * after the other, in the order asked). Every query asked for has settled when this returns or throws; the error
 * thrown is the first query's to fail (those after it only say that the transaction is aborted), else the rule's.
 */
async function decidePages(tx: Tx, o: ComputeTargetsOptions, programme: AdjustmentProgramme): Promise<number> {
  const asked: Promise<unknown>[] = [];
  const ask = <T>(query: Promise<T>): Promise<T> => {
    asked.push(query);
    query.catch(() => undefined); // settled below; a failure must not go unhandled meanwhile
    return query;
  };
  const size = o.pageSize ?? pageSize;
  // Nothing else writes decisions while this computation holds the lock: with none stored yet, none can conflict.
  const first = await noTargetsYet(tx, o.municipalityCode, o.programmeId);
  let computed = 0;
  let stopped: { error: unknown } | undefined;
  try {
    for (let next = ask(taxpayerPage(tx, o.municipalityCode, o.programmeId, '', size)); ; ) {
      const page = await next;
      if (page.length === size) next = ask(taxpayerPage(tx, o.municipalityCode, o.programmeId, page.at(-1)!.resident_number, size));
      const rows = page.map((t) => targetRow(targetRecord(t.resident_number, programme.decide(adjustmentInputOf(t)))));
      void ask(upsertTargets(tx, o.municipalityCode, o.programmeId, rows, first).then((n) => (computed += n)));
      if (page.length < size) break;
    }
  } catch (error) {
    stopped = { error };
  }
  const failed = (await Promise.allSettled(asked)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  if (stopped) throw stopped.error;
  return computed;
}

/** Decides every taxpayer of the programme not yet past targeted and stores the decisions, in one transaction. */
export async function computeTargets(o: ComputeTargetsOptions): Promise<ComputeTargetsResult> {
  const programme = programmeOf(o.programmeId);
  const startedAt = new Date();
  return o.db.transaction(async (tx) => {
    await lockImports(tx, 'benefits.taxpayers', o.municipalityCode);
    const computed = await decidePages(tx, o, programme);
    const summary = await targetSummary(tx, o.municipalityCode, o.programmeId);
    const detail = `${o.programmeId} ${programme.ruleVersion}: 算定 ${computed}件`;
    await appendAudit(tx, { municipalityCode: o.municipalityCode, operation: ops['benefits.targets.compute'], actor: o.actor, detail, startedAt, endedAt: new Date() });
    return { ruleVersion: programme.ruleVersion, computed, summary };
  });
}

/** The comparison of the stored decisions with the rules in force. */
export interface TargetsDryRun {
  programmeId: string;
  /** The versions the stored decisions were computed with, each once. */
  storedVersions: string[];
  proposedVersion: string;
  /** Taxpayers with no stored decision yet (counted as not eligible on the stored side). */
  notComputed: number;
  totals: Readonly<Record<DryRunChange, DryRunTotal>>;
  overall: DryRunTally['overall'];
}

/**
 * Recomputes every taxpayer of the programme under the rules in force (or `proposed`, a revised version of them) and
 * compares with the stored decisions; writes nothing.
 */
export async function dryRunTargets(o: Omit<ComputeTargetsOptions, 'actor'> & { proposed?: AdjustmentProgramme }): Promise<TargetsDryRun> {
  const programme = o.proposed ?? programmeOf(o.programmeId);
  if (programme.id !== o.programmeId) throw new RangeError(`a dry run of ${o.programmeId} cannot propose ${programme.id}`);
  const tally = new DryRunTally();
  const versions = new Set<string>();
  let notComputed = 0;
  for (let after = ''; ; ) {
    const page = await taxpayerPage(o.db.kysely, o.municipalityCode, o.programmeId, after);
    if (page.length === 0) break;
    const last = page.at(-1)!.resident_number;
    const stored = await storedOutcomes(o.db.kysely, o.municipalityCode, o.programmeId, after, last);
    for (const t of page) {
      const before = stored.get(t.resident_number);
      if (before) versions.add(before.ruleVersion);
      else notComputed++;
      tally.add(before ?? { eligible: false, amount: 0 }, programme.decide(adjustmentInputOf(t)));
    }
    if (page.length < pageSize) break;
    after = last;
  }
  return {
    programmeId: o.programmeId, storedVersions: [...versions].sort(), proposedVersion: programme.ruleVersion, notComputed,
    totals: tally.totals, overall: tally.overall,
  };
}
