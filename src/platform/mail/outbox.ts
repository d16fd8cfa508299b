// The mail outbox's SQL: queue in the caller's transaction, claim due mail for sending, record the outcome, purge.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import { AppError } from '../errors.ts';

type Q = Db['kysely'] | Tx;

/** A mail to queue. `to` and `text` are personal data; the subject should name a receipt number at most. */
export interface NewMail {
  municipalityCode: string;
  to: string;
  subject: string;
  text: string;
  /** What kind of mail, dotted lower case (e.g. application.receipt). */
  category: string;
  /** Not before this time (default: at once). */
  sendAfter?: Date;
}

/** A mail as the outbox holds it (personal data: address and body). */
export interface OutboxMail {
  municipalityCode: string;
  mailId: string;
  to: string;
  subject: string;
  text: string;
  category: string;
  createdAt: Date;
  sendAfter: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

// One address, no display name: nothing a header could be injected through.
const address = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;
const category = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** Writes the mail to the outbox in the caller's transaction: it is sent only if what it reports is committed. */
export async function queueMail(tx: Tx, m: NewMail): Promise<string> {
  if (m.to.length > 254 || !address.test(m.to)) throw new AppError('validation_failed', { field: 'to' });
  if (!m.subject || m.subject.length > 200 || /[\r\n]/.test(m.subject)) throw new AppError('validation_failed', { field: 'subject' });
  if (!m.text || m.text.length > 20000) throw new AppError('validation_failed', { field: 'text' });
  if (m.category.length > 60 || !category.test(m.category)) throw new AppError('validation_failed', { field: 'category' });
  const mailId = randomUUID();
  await tx.insertInto('platform_mail_outbox').values({
    municipality_code: m.municipalityCode,
    mail_id: mailId,
    to_address: m.to,
    subject: m.subject,
    body_text: m.text,
    category: m.category,
    ...(m.sendAfter ? { send_after: m.sendAfter } : {}),
  }).execute();
  return mailId;
}

interface OutboxRow {
  municipality_code: string;
  mail_id: string;
  to_address: string;
  subject: string;
  body_text: string;
  category: string;
  created_at: Date;
  send_after: Date;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

const toMail = (r: OutboxRow): OutboxMail => ({
  municipalityCode: r.municipality_code,
  mailId: r.mail_id,
  to: r.to_address,
  subject: r.subject,
  text: r.body_text,
  category: r.category,
  createdAt: r.created_at,
  sendAfter: r.send_after,
  sentAt: r.sent_at,
  attempts: r.attempts,
  lastError: r.last_error,
});

/** The municipality's newest mail first, sent or not (for the console; reading it is reading personal data). */
export async function listOutbox(q: Q, municipalityCode: string, options: { limit: number }): Promise<OutboxMail[]> {
  const rows = await q.selectFrom('platform_mail_outbox').selectAll()
    .where('municipality_code', '=', municipalityCode)
    .orderBy('created_at', 'desc').orderBy('mail_id').limit(Math.max(1, Math.min(options.limit, 1000))).execute();
  return rows.map(toMail);
}

/**
 * Takes up to `limit` due mails of every municipality for sending: each gets its attempt counted and a lease (its
 * send_after moved by leaseMs), so another sender skips it and a sender that dies mid-way leaves it to be tried again.
 */
export async function claimDueMail(tx: Tx, limit: number, leaseMs: number): Promise<OutboxMail[]> {
  const { rows } = await sql<OutboxRow>`
    update platform_mail_outbox set attempts = attempts + 1, send_after = now() + make_interval(secs => ${leaseMs / 1000})
    where (municipality_code, mail_id) in (
      select municipality_code, mail_id from platform_mail_outbox
      where sent_at is null and send_after <= now()
      order by send_after, municipality_code, mail_id limit ${limit}
      for update skip locked)
    returning *`.execute(tx);
  return rows.map(toMail);
}

/** Records that the SMTP server accepted the mail. */
export async function markSent(q: Q, municipalityCode: string, mailId: string): Promise<void> {
  await q.updateTable('platform_mail_outbox').set({ sent_at: sql<Date>`now()`, last_error: null })
    .where('municipality_code', '=', municipalityCode).where('mail_id', '=', mailId).execute();
}

/** Records a failed try (error code and SMTP status only) and when to try again. */
export async function markFailed(q: Q, municipalityCode: string, mailId: string, error: string, retryInMs: number): Promise<void> {
  await q.updateTable('platform_mail_outbox')
    .set({ last_error: error.slice(0, 200), send_after: sql<Date>`now() + make_interval(secs => ${retryInMs / 1000})` })
    .where('municipality_code', '=', municipalityCode).where('mail_id', '=', mailId).execute();
}

/** How long sent mail is kept (for a resident's "did you send it?" and the console), then deleted. */
export const sentMailLifetimeMs = 30 * 24 * 3_600_000;

/**
 * Deletes mail sent longer ago than lifetimeMs, and mail still unsent after as long (no SMTP configured, or an address
 * that never accepted it): a receipt a month late helps nobody, and the outbox must not keep personal data for ever.
 */
export async function purgeSentMail(tx: Tx, lifetimeMs: number): Promise<number> {
  const cutoff = sql<Date>`now() - make_interval(secs => ${lifetimeMs / 1000})`;
  const r = await tx.deleteFrom('platform_mail_outbox')
    .where((eb) => eb.or([
      eb.and([eb('sent_at', 'is not', null), eb('sent_at', '<', cutoff)]),
      eb.and([eb('sent_at', 'is', null), eb('created_at', '<', cutoff)]),
    ]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
