// 保存期間と消去: how a module tells the one retention scheduler (governance/retention) what of its data is past its
// retention and how to dispose of it. The scheduler finds what is due every night, a person approves a batch, and the
// scheduler calls `dispose` inside the transaction that writes the disposal records (消去記録) and the certificate.
import type { Tx } from '../db/index.ts';

type Bilingual = { ja: string; en: string };

/** One record past its retention, as the approver sees it: never a name or an address, only what identifies the record. */
export interface DueRecord {
  /** The record's key within its source (an id the source's `dispose` understands). */
  key: string;
  /** The person it concerns, as the register's person key of the file (for the disposal record; not shown in lists). */
  personKey: string;
  /** What the record is, without personal data (e.g. "申請書 2011-04-01 1頁"). */
  description: string;
  /** The day its retention ended (YYYY-MM-DD). */
  dueOn: string;
}

/** What a module declares for each kind of record that is disposed after a retention period. */
export interface RetentionSource {
  /** A stable id (module.kind), e.g. `card.images`. */
  id: string;
  /** The register file (PersonalDataFile.fileId) the records belong to. */
  fileId: string;
  title: Bilingual;
  /** The rule as the council reads it, e.g. 「交付から15年」. */
  rule: Bilingual;
  /** How the records are destroyed: deleted rows, deleted files, or keys destroyed (crypto-shredding). */
  method: Bilingual;
  /**
   * The tables of its file whose rows `dispose` deletes, directly or by cascade: the coverage test holds every table
   * of every register file to a source or another disposal, so that a table added to a file is not left to grow.
   */
  tables: readonly string[];
  /**
   * Records one batch proposes at most (default the scheduler's BATCH_LIMIT, 1,000): a source whose records fall due
   * together by the thousand (a city's fiscal year) sets more, so that one approval disposes of them. The scheduler
   * hands `dispose` the keys a few thousand at a time, so a source need not split them itself.
   */
  batchLimit?: number;
  /** Records past retention on `asOf` (YYYY-MM-DD), oldest first, at most `limit`. */
  findDue(tx: Tx, municipalityCode: string, asOf: string, limit: number): Promise<DueRecord[]>;
  /** Disposes of the records with these keys inside `tx`; returns the keys it disposed (those already gone are left out). */
  dispose(tx: Tx, municipalityCode: string, keys: readonly string[]): Promise<string[]>;
}

/**
 * A file whose records are disposed of by a mechanism of its own rather than through the scheduler — replaced whole
 * by each import, or purged by a job — declared so that the council sees every file's rule beside the sources'.
 */
export interface OtherDisposal {
  /** The register file (PersonalDataFile.fileId). */
  fileId: string;
  /** The tables of the file it disposes of (see RetentionSource.tables). */
  tables: readonly string[];
  /** The rule as the council reads it, e.g. 「送信後30日」. */
  rule: Bilingual;
  /** What disposes of the records, and when. */
  mechanism: Bilingual;
  /** Where it lives in the code (file and function), for whoever checks it. */
  where: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The keys that are UUIDs, for a source whose records are keyed by one: a batch's keys are the source's own, but a key
 * of another form cannot name a row and would make the whole disposal fail on its cast.
 */
export const uuidKeys = (keys: readonly string[]): string[] => keys.filter((k) => uuidPattern.test(k));
