// The worker's mail sender: every few seconds it claims due mail from the outbox and hands it to the SMTP server
// (nodemailer), marks what was accepted, and backs off on failures. Logs carry ids, categories and error codes only,
// never an address, subject or body.
import nodemailer from 'nodemailer';
import type { Config, SmtpConfig } from '../config.ts';
import type { Db } from '../db/index.ts';
import { claimDueMail, markFailed, markSent } from './outbox.ts';

/** Where the sender reports (pino's signature: fields, then a message). */
export interface MailLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** What sends one message; nodemailer's transporter is one. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close(): void;
}

/** Mails claimed per transaction. */
const batchSize = 20;
/** A claimed mail is left alone by other senders this long (a send takes seconds at most). */
const leaseMs = 10 * 60_000;

/** Wait before the next try after the n-th failed attempt: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/**
 * What a failure is, for last_error and the log: nodemailer's error code and the SMTP reply code, never the server's
 * text (a rejection quotes the recipient's address).
 */
export function describeMailError(e: unknown): string {
  const err = (e ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const code = typeof err.code === 'string' && /^[A-Z_]{1,40}$/.test(err.code) ? err.code : 'ERROR';
  const status = typeof err.responseCode === 'number' ? ` ${err.responseCode}` : '';
  const command = typeof err.command === 'string' && /^[A-Z ]{1,20}$/.test(err.command) ? ` (${err.command})` : '';
  return `${code}${status}${command}`;
}

/** A nodemailer transport for the configured server. */
export function smtpTransport(smtp: SmtpConfig): MailTransport {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password?.export().toString('utf8') ?? '' } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // nodemailer may log envelopes at debug level: keep its own logger off.
    logger: false,
    debug: false,
  });
}

/** One pass: sends every due mail (in batches) and returns how many were sent and how many failed. */
export async function sendDueMail(db: Db, transport: MailTransport, from: string, log: MailLog): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await db.transaction((tx) => claimDueMail(tx, batchSize, leaseMs));
    for (const mail of batch) {
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      } catch (e) {
        const error = describeMailError(e);
        const retryInMs = retryDelayMs(mail.attempts);
        await markFailed(db.kysely, mail.municipalityCode, mail.mailId, error, retryInMs);
        log.warn({ mailId: mail.mailId, category: mail.category, attempts: mail.attempts, error, retryInSeconds: retryInMs / 1000 }, 'mail not sent, will retry');
        failed++;
        continue;
      }
      await markSent(db.kysely, mail.municipalityCode, mail.mailId);
      log.info({ mailId: mail.mailId, category: mail.category, attempts: mail.attempts }, 'mail sent');
      sent++;
    }
    if (batch.length < batchSize) return { sent, failed };
  }
}

export interface MailSenderOptions {
  db: Db;
  config: Pick<Config, 'smtp'>;
  log: MailLog;
  /** Pause between passes (default 5 s). */
  intervalMs?: number;
  /** For tests: another transport than the configured SMTP server. */
  transport?: MailTransport;
}

/**
 * Sends the outbox every intervalMs while the worker runs. Without MADOGUCHI_SMTP_URL nothing is sent and the mail
 * stays in the outbox. The returned stop() ends the loop, waits for a pass in progress and closes the connection.
 */
export function startMailSender(options: MailSenderOptions): () => Promise<void> {
  const { db, config, log } = options;
  if (!config.smtp) {
    log.info({}, 'no SMTP server configured (MADOGUCHI_SMTP_URL): mail stays in the outbox');
    return async () => undefined;
  }
  const from = config.smtp.from;
  const transport = options.transport ?? smtpTransport(config.smtp);
  const intervalMs = options.intervalMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const pass = (): void => {
    running = sendDueMail(db, transport, from, log).then(
      () => undefined,
      (err: unknown) => log.error({ error: describeMailError(err) }, 'mail sender pass failed'),
    ).finally(() => {
      running = undefined;
      if (!stopped) {
        timer = setTimeout(pass, intervalMs);
        timer.unref();
      }
    });
  };
  pass();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    transport.close();
  };
}
