// The replies' SQL (migration 0032): one reply per target, written in the transaction that moves the target to
// replied; the account it gave is the accounts slice's (saveAccount, source reply).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';

/** A reply as stored. */
export interface StoredReply {
  letterNumber: number;
  channel: 'paper' | 'online';
  consent: boolean;
  receivedOn: string;
  recordedAt: Date;
  recordedBy: string | null;
}

/** Writes the target's reply. */
export async function insertReply(db: Kysely<Database>, code: string, programmeId: string, residentNumber: string, r: Omit<StoredReply, 'recordedAt'>): Promise<void> {
  await sql`
    insert into benefit_reply (municipality_code, programme_id, resident_number, letter_number, channel, consent, received_on, recorded_by)
    values (${code}, ${programmeId}, ${residentNumber}, ${r.letterNumber}, ${r.channel}, ${r.consent}, ${r.receivedOn}, ${r.recordedBy})`.execute(db);
}

/** The target's reply, if one came. */
export async function replyOf(db: Kysely<Database>, code: string, programmeId: string, residentNumber: string): Promise<StoredReply | undefined> {
  const { rows } = await sql<{ letter_number: number; channel: StoredReply['channel']; consent: boolean; received_on: string; recorded_at: Date; recorded_by: string | null }>`
    select letter_number, channel, consent, to_char(received_on, 'YYYY-MM-DD') as received_on, recorded_at, recorded_by from benefit_reply
    where municipality_code = ${code} and programme_id = ${programmeId} and resident_number = ${residentNumber}`.execute(db);
  const r = rows[0];
  return r && { letterNumber: r.letter_number, channel: r.channel, consent: r.consent, receivedOn: r.received_on, recordedAt: new Date(r.recorded_at), recordedBy: r.recorded_by };
}
