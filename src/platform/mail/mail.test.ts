import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { addMunicipality, city, otherCity } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { listOutbox, purgeSentMail, queueMail, sentMailLifetimeMs } from './outbox.ts';
import { retryDelayMs, startMailSender } from './sender.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** The SMTP test server: accepts any mail from our login, refuses recipients whose address starts with "reject". */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'madoguchi' && auth.password === 'p@ss:word') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      // A real server's rejection quotes the address: it must not reach our log or last_error.
      if (address.address.startsWith('reject')) callback(Object.assign(new Error(`Mailbox <${address.address}> unavailable`), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

/** The subject and body of a received message, undoing MIME encoded words and base64 / quoted-printable. */
function decodeMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1] ?? '';
  const word = (charsetText: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')).toString('utf8');
  const subject = header('Subject').replace(/=\?([^?]+)\?([BQbq])\?([^?]*)\?=\s*/g, (_, c: string, e: string, d: string) => word(c, e, d)).trim();
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const bytes = encoding === 'base64' ? Buffer.from(body, 'base64') : encoding === 'quoted-printable' ? qp(body) : Buffer.from(body, 'latin1');
  return { subject, text: bytes.toString('utf8').replace(/\r\n/g, '\n').trim() };
}

function qp(s: string): Buffer {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

function recordingLog() {
  const entries: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => entries.push({ level, fields, message });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

async function until(condition: () => Promise<boolean> | boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const receipt = {
  municipalityCode: city,
  to: 'yamada.taro@example.jp',
  subject: '【見本市】申請を受け付けました（受付番号 123456789012）',
  text: '山田 太郎 様\n\n住民票の写しの申請を受け付けました。\n受付番号: 123456789012\n',
  category: 'application.receipt',
};

describe('retryDelayMs', () => {
  const cases: Array<[number, number]> = [[1, 60_000], [2, 120_000], [3, 240_000], [9, 256 * 60_000], [10, 6 * 3_600_000], [50, 6 * 3_600_000]];
  for (const [attempts, ms] of cases) it(`after ${attempts} failed attempts waits ${ms / 60_000} min`, () => assert.equal(retryDelayMs(attempts), ms));
});

describe('SMTP configuration', () => {
  it('reads MADOGUCHI_SMTP_URL and MADOGUCHI_MAIL_FROM, hides the password, and refuses bad values naming the variable', () => {
    const config = loadConfig({}, { MADOGUCHI_SMTP_URL: 'smtp://madoguchi:p%40ss%3Aword@mail.example.jp:2525', MADOGUCHI_MAIL_FROM: 'noreply@city.example.jp' });
    assert.deepEqual({ ...config.smtp, password: config.smtp?.password?.export().toString() },
      { host: 'mail.example.jp', port: 2525, secure: false, user: 'madoguchi', password: 'p@ss:word', from: 'noreply@city.example.jp' });
    assert.doesNotMatch(JSON.stringify(config), /p@ss|p%40ss/);
    assert.equal(loadConfig({}, { MADOGUCHI_SMTP_URL: 'smtps://mail.example.jp', MADOGUCHI_MAIL_FROM: 'a@b.jp' }).smtp?.port, 465);
    assert.equal(loadConfig({}, {}).smtp, undefined);
    const refused = (env: Record<string, string>, variable: string) =>
      assert.throws(() => loadConfig({}, env), (e: unknown) => e instanceof AppError && e.details.variable === variable && !/secret/.test(JSON.stringify(e.details)));
    refused({ MADOGUCHI_SMTP_URL: 'http://u:secret@mail.example.jp', MADOGUCHI_MAIL_FROM: 'a@b.jp' }, 'MADOGUCHI_SMTP_URL');
    refused({ MADOGUCHI_SMTP_URL: 'smtp://mail.example.jp' }, 'MADOGUCHI_MAIL_FROM');
    refused({ MADOGUCHI_CLAMD_SOCKET: 'clamd.sock' }, 'MADOGUCHI_CLAMD_SOCKET');
  });
});

for (const backend of backends) {
  describe(`mail outbox on ${backend}`, () => {
    let db: Db;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
      smtp = await startSmtp();
    });
    after(async () => {
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
      await db.close();
    });
    const row = (mailId: string) => db.kysely.selectFrom('platform_mail_outbox').selectAll().where('mail_id', '=', mailId).executeTakeFirstOrThrow();

    it('has a comment on the table and every column', async () => {
      const { rows } = await sql<{ column_name: string }>`
        select a.attname as column_name from pg_attribute a join pg_class c on c.oid = a.attrelid
        where c.relname = 'platform_mail_outbox' and c.relnamespace = current_schema()::regnamespace and a.attnum > 0 and not a.attisdropped
          and col_description(c.oid, a.attnum) is null`.execute(db.kysely);
      assert.deepEqual(rows, []);
      const table = await sql<{ d: string | null }>`select obj_description('platform_mail_outbox'::regclass, 'pg_class') as d`.execute(db.kysely);
      assert.match(table.rows[0]!.d ?? '', /送信メール/);
    });

    it('queues in the caller\'s transaction: a rolled-back change sends nothing', async () => {
      await assert.rejects(db.transaction(async (tx) => {
        await queueMail(tx, { ...receipt, municipalityCode: otherCity });
        throw new Error('the submission failed');
      }));
      assert.deepEqual(await listOutbox(db.kysely, otherCity, { limit: 10 }), []);
    });

    it('refuses header injection and malformed addresses', async () => {
      const bad: Array<[Partial<typeof receipt>, string]> = [
        [{ to: 'a@b.jp\r\nBcc: everyone@example.jp' }, 'to'],
        [{ to: 'Yamada <a@b.jp>' }, 'to'],
        [{ to: 'not-an-address' }, 'to'],
        [{ subject: '受付\r\nBcc: x@example.jp' }, 'subject'],
        [{ subject: '' }, 'subject'],
        [{ text: '' }, 'text'],
        [{ category: 'Application Receipt' }, 'category'],
      ];
      for (const [change, field] of bad) {
        await assert.rejects(db.transaction((tx) => queueMail(tx, { ...receipt, ...change })), (e: unknown) => e instanceof AppError && e.code === 'validation_failed' && e.details.field === field);
      }
    });

    it('without SMTP the mail stays in the outbox, listed newest first', async () => {
      const log = recordingLog();
      const first = await db.transaction((tx) => queueMail(tx, { ...receipt, municipalityCode: otherCity, subject: 'first' }));
      const second = await db.transaction((tx) => queueMail(tx, { ...receipt, municipalityCode: otherCity, subject: 'second' }));
      await db.kysely.updateTable('platform_mail_outbox').set({ created_at: sql<Date>`now() - interval '1 minute'` }).where('mail_id', '=', first).execute();
      const stop = startMailSender({ db, config: loadConfig({}, {}), log, intervalMs: 20 });
      await new Promise((r) => setTimeout(r, 100));
      await stop();
      const listed = await listOutbox(db.kysely, otherCity, { limit: 10 });
      assert.deepEqual(listed.map((m) => [m.mailId, m.sentAt, m.attempts]), [[second, null, 0], [first, null, 0]]);
      assert.deepEqual(listed[0]!.to, receipt.to);
      assert.deepEqual((await listOutbox(db.kysely, otherCity, { limit: 1 })).map((m) => m.mailId), [second]);
      assert.match(log.entries[0]!.message, /mail stays in the outbox/);
      await db.kysely.deleteFrom('platform_mail_outbox').where('municipality_code', '=', otherCity).execute();
    });

    it('sends through SMTP with the configured login, marks sent, backs off on a refusal, and logs no address or text', async () => {
      const config = loadConfig({}, { MADOGUCHI_SMTP_URL: `smtp://madoguchi:p%40ss%3Aword@127.0.0.1:${smtp.port}`, MADOGUCHI_MAIL_FROM: 'noreply@mihon.example.jp' });
      const ok = await db.transaction((tx) => queueMail(tx, receipt));
      const refused = await db.transaction((tx) => queueMail(tx, { ...receipt, to: 'reject.suzuki@example.jp', category: 'application.returned' }));
      const later = await db.transaction((tx) => queueMail(tx, { ...receipt, to: 'later@example.jp', sendAfter: new Date(Date.now() + 3_600_000) }));
      const log = recordingLog();
      smtp.received.length = 0;
      const stop = startMailSender({ db, config, log, intervalMs: 20 });
      try {
        await until(async () => (await row(ok)).sent_at !== null && (await row(refused)).last_error !== null, 'the sender to try both');
      } finally {
        await stop();
      }

      assert.equal(smtp.received.length, 1);
      const mail = smtp.received[0]!;
      assert.equal(mail.from, 'noreply@mihon.example.jp');
      assert.deepEqual(mail.to, [receipt.to]);
      assert.deepEqual(decodeMessage(mail.raw), { subject: receipt.subject, text: receipt.text.trim() });

      const sent = await row(ok);
      assert.equal(sent.attempts, 1);
      assert.equal(sent.last_error, null);
      const failed = await row(refused);
      assert.equal(failed.sent_at, null);
      assert.equal(failed.attempts, 1);
      assert.match(failed.last_error!, /^EENVELOPE 550/);
      assert.doesNotMatch(failed.last_error!, /suzuki|example/);
      const waitMs = failed.send_after.getTime() - Date.now();
      assert.ok(waitMs > 50_000 && waitMs <= 60_000, `retry in ${waitMs} ms`);
      assert.deepEqual([(await row(later)).attempts, (await row(later)).sent_at], [0, null]);

      const logged = JSON.stringify(log.entries);
      assert.match(logged, /mail sent/);
      assert.match(logged, /will retry/);
      for (const secret of ['yamada', 'suzuki', 'later@', '山田', '受付', 'p@ss']) assert.ok(!logged.includes(secret), secret);
    });

    it('purges mail sent more than 30 days ago and mail left unsent as long, and keeps the rest', async () => {
      await db.kysely.deleteFrom('platform_mail_outbox').execute();
      const ids = [];
      for (const days of [31, 29, null, null]) {
        const id = await db.transaction((tx) => queueMail(tx, receipt));
        if (days !== null) await db.kysely.updateTable('platform_mail_outbox').set({ sent_at: sql<Date>`now() - make_interval(days => ${days})` }).where('mail_id', '=', id).execute();
        ids.push(id);
      }
      await db.kysely.updateTable('platform_mail_outbox').set({ created_at: sql<Date>`now() - interval '40 days'` }).where('mail_id', '=', ids[2]!).execute();
      assert.equal(await db.transaction((tx) => purgeSentMail(tx, sentMailLifetimeMs)), 2);
      assert.deepEqual((await listOutbox(db.kysely, city, { limit: 10 })).map((m) => m.mailId).sort(), [ids[1], ids[3]].sort());
    });
  });
}
