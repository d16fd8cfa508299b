// audit verify: walks a municipality's chain in batches, recomputing every hash, and names the first broken link.
import type { Db } from '../db/index.ts';
import { auditHash, genesisHash } from './canonical.ts';
import { auditRowsAfter } from './store.ts';

/** Why a link is broken: its content no longer matches its hash; a seq is missing; it does not point at the event before it. */
export type ChainBreakReason = 'hash mismatch' | 'gap' | 'prev_hash mismatch';

/** The first broken link: the seq where the chain stops being trustworthy. */
export interface ChainBreak {
  seq: number;
  reason: ChainBreakReason;
}

/** The verdict on one chain: its verified head (seq 0 for an empty chain), or the first break and the last seq found intact. */
export type ChainVerification =
  | { ok: true; head: { seq: number; hash: string } }
  | { ok: false; intactTo: number; broken: ChainBreak };

export interface VerifyOptions {
  /** Start after this already-trusted event (e.g. the last anchor) instead of at the genesis. */
  after?: { seq: number; hash: string };
  /** Events per query: memory stays flat however long the chain (default 5,000). */
  batchSize?: number;
  /** Called after each batch with the number of events checked so far. */
  onProgress?: (events: number) => void;
}

/**
 * Walks the chain from seq 1 (or from `after`) and reports the first broken link, or the verified head. Events cut
 * off the end leave no broken link behind: the anchors find those (verifyAgainstAnchors).
 */
export async function verifyAuditChain(db: Db, municipalityCode: string, options: VerifyOptions = {}): Promise<ChainVerification> {
  const batchSize = options.batchSize ?? 5000;
  let seq = options.after?.seq ?? 0;
  let hash = options.after?.hash ?? genesisHash;
  const broken = (at: number, reason: ChainBreakReason): ChainVerification => ({ ok: false, intactTo: seq, broken: { seq: at, reason } });
  for (;;) {
    const rows = await auditRowsAfter(db, municipalityCode, seq, batchSize);
    for (const row of rows) {
      if (row.seq !== seq + 1) return broken(seq + 1, 'gap');
      if (auditHash(row) !== row.hash) return broken(row.seq, 'hash mismatch');
      if (row.prevHash !== hash) return broken(row.seq, 'prev_hash mismatch');
      seq = row.seq;
      hash = row.hash;
    }
    options.onProgress?.(seq);
    // Events appended during the walk are walked too; the walk ends at a short batch.
    if (rows.length < batchSize) return { ok: true, head: { seq, hash } };
  }
}
