// The review server as its production login: a real LOGIN role given exactly the grants migration 0013's header
// lists, a connection as that user, and the review role's server built on it. It must answer, audit, record
// last_used_at and suspend on an alert, while the same login reads none of the review tables nor the audit log.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { captureLog } from '../../../test/support/log-capture.ts';
import { backends, databaseUrl, freshDb } from '../../../test/support/db.ts';
import { cliActor } from '../../platform/auth/audit.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import { loadConfig } from '../../platform/config.ts';
import { loadMasterKey, newSecretKey } from '../../platform/crypto/index.ts';
import { type Db, openPostgres } from '../../platform/db/index.ts';
import { migrationsDir, pendingMigrations } from '../../platform/db/migrate.ts';
import { buildApp } from '../../shell/app.ts';
import { loadDemoMunicipality } from '../../shell/demo.ts';
import { findServedMunicipality } from '../../shell/store.ts';
import { registerReviewClient } from './clients.ts';
import { importExtract } from './import.ts';
import { reviewIndexer } from './indexer.ts';

const city = '279994';

/**
 * The statements of migration 0013's "Production grants" block, for `role` in `schema`: the comment is the
 * specification, so the test runs what an operator would copy from it.
 */
function productionGrants(role: string, schema: string): string[] {
  const text = fs.readFileSync(path.join(migrationsDir, '0013_review_role_access.sql'), 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('-- Production grants'));
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('--')) break;
    if (line.startsWith('--   ')) block.push(line.slice(2).trim());
  }
  return block.join(' ').split(';').map((s) => s.trim()).filter(Boolean)
    .map((s) => s.replaceAll('madoguchi_review', role).replace(/on schema public\b/, `on schema ${schema}`));
}

describe('the review server logged in as the review role (PostgreSQL)', () => {
  const skip = backends.includes('postgres') ? undefined : 'logins and grants need PostgreSQL (DATABASE_URL)';
  const role = `t_rlogin_${randomBytes(4).toString('hex')}`;
  const config = {
    ...loadConfig({}, {}),
    logLevel: 'info' as const,
    masterKey: newSecretKey(),
    // Small, so that four no_match answers in a row are a burst.
    reviewNoMatchAlert: { noMatchPercent: 50, minCalls: 4, windowMinutes: 5 },
  };
  let owner: Db; // the migrator, which owns every table (the test's DATABASE_URL user)
  let login: Db; // the review role's login
  let app: FastifyInstance;
  let logText = '';
  let watched: { clientId: string; token: string };
  let suspendable: { clientId: string; token: string };

  before(async () => {
    if (skip) return;
    owner = await freshDb('postgres');
    const master = loadMasterKey(config);
    await loadDemoMunicipality(owner, { master });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-review-login-'));
    fs.writeFileSync(path.join(dir, 'residents.csv'), ['住記個人番号,氏名カナ,生年月日,郵便番号,通称名カナ,AL氏名カナ', '1001,ヤマダ　タロウ,1980-04-01,650-0001,,'].join('\r\n'));
    fs.writeFileSync(path.join(dir, 'tax-years.csv'), ['住記個人番号,業務宛名番号,課税年度', '1001,5001,2025'].join('\r\n'));
    const indexer = await reviewIndexer(owner, master, city);
    await importExtract({ db: owner, indexer, residentsFile: path.join(dir, 'residents.csv'), taxYearsFile: path.join(dir, 'tax-years.csv'), actor: cliActor });
    fs.rmSync(dir, { recursive: true, force: true });
    watched = await registerReviewClient(owner, { municipalityCode: city, name: '審査サーバー' }, cliActor);
    suspendable = await registerReviewClient(owner, { municipalityCode: city, name: '審査サーバー (停止可)', suspendOnAlert: true }, cliActor);

    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(owner.kysely);
    const schema = rows[0]!.s;
    await owner.script([`create role ${role} login`, ...productionGrants(role, schema)].join(';\n'));
    const url = new URL(databaseUrl!);
    url.username = role;
    url.password = '';
    login = openPostgres(url.toString(), schema);
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logText += chunk.toString();
        captureLog(chunk.toString());
        done();
      },
    });
    ({ app } = await buildApp({ config, db: login, roles: ['review'], logStream }));
  });

  after(async () => {
    if (skip) return;
    await app?.close();
    await login?.close();
    await owner.script(`drop owned by ${role}; drop role ${role}`).catch(() => undefined);
    await owner.close();
  });

  const call = (token: string, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/review/match', headers: { authorization: `Bearer ${token}` }, payload: body });
  const applicant = { nameKana: 'ヤマダタロウ', birthDate: '1980-04-01', postalCode: '650-0001', taxYear: 2025 };

  it('connects as the login itself, not as a superuser or the owner', { skip }, async () => {
    const { rows } = await sql<{ u: string; su: boolean }>`select current_user as u, rolsuper as su from pg_roles where rolname = current_user`.execute(login.kysely);
    assert.deepEqual(rows, [{ u: role, su: false }]);
  });

  it('passes what `serve` checks at start (no migration pending, the municipality served) and /healthz', { skip }, async () => {
    assert.deepEqual(await pendingMigrations(login), []);
    assert.equal((await findServedMunicipality(login))?.code, city);
    assert.equal((await app.inject('/healthz')).statusCode, 200);
    assert.equal((await app.inject('/api/v1/municipality')).json().code, city);
  });

  it('answers a registered client with its verdict, logs the call in the audit chain and records last_used_at', { skip }, async () => {
    const res = await call(watched.token, { requestId: 'LOGIN-1', ...applicant });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { requestId: 'LOGIN-1', verdict: 'match', certificateIssuable: true, reasons: [] });
    const { rows: events } = await sql<{ outcome: string; detail: string }>`select outcome, detail from audit_event
      where user_id = ${`api_client:${watched.clientId}`} and 'review_request:LOGIN-1' = any(subjects)`.execute(owner.kysely);
    assert.deepEqual(events, [{ outcome: 'success', detail: 'verdict match, certificateIssuable true, reasons -' }]);
    assert.equal((await verifyAuditChain(owner, city)).ok, true, 'the chain the login appended to is intact');
    // last_used_at is written beside the answer, not before it.
    let lastUsed: Date | null = null;
    for (let i = 0; i < 50 && !lastUsed; i++) {
      const { rows } = await sql<{ at: Date | null }>`select last_used_at as at from review_api_client where client_id = ${watched.clientId}`.execute(owner.kysely);
      lastUsed = rows[0]!.at;
      if (!lastUsed) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(lastUsed, 'last_used_at was set');
  });

  it('suspends a client set to suspend on a no_match burst, which is then refused with 403', { skip }, async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await call(suspendable.token, { requestId: `LOGIN-NM-${i}`, ...applicant, nameKana: 'ダレモイナイ' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().verdict, 'no_match');
    }
    const refused = await call(suspendable.token, { requestId: 'LOGIN-NM-5', ...applicant });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error.code, 'api_client_suspended');
    const { rows } = await sql<{ reason: string | null }>`select suspended_reason as reason from review_api_client where client_id = ${suspendable.clientId}`.execute(owner.kysely);
    assert.match(rows[0]!.reason ?? '', /^no_match burst: /);
    const { rows: events } = await sql<{ e: string }>`select operation_code || ':' || user_id as e from audit_event
      where ${`review_client:${suspendable.clientId}`} = any(subjects) and user_id = 'system:review_monitor' order by seq`.execute(owner.kysely);
    assert.deepEqual(events.map((r) => r.e), ['review.alert.no_match_burst:system:review_monitor', 'review.client.suspend:system:review_monitor']);
    assert.equal((await verifyAuditChain(owner, city)).ok, true);
  });

  it('logged no failure of its own writes (last_used_at, the alert) and no permission error', { skip }, () => {
    assert.doesNotMatch(logText, /permission denied|could not record/);
  });

  it('is denied SELECT on every review table and on audit_event, and every write outside its functions', { skip }, async () => {
    const { rows } = await sql<{ t: string }>`select relname as t from pg_class
      where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p', 'v', 'm') and relname like 'review\\_%' order by relname`.execute(owner.kysely);
    const tables = [...rows.map((r) => r.t), 'audit_event'];
    for (const t of ['review_api_client', 'review_extract', 'review_reading', 'review_batch_mapping']) assert.ok(tables.includes(t), tables.join(', '));
    for (const table of tables) {
      await assert.rejects(sql`select * from ${sql.table(table)} limit 1`.execute(login.kysely), /permission denied/, table);
      await assert.rejects(sql`select count(*) from ${sql.table(table)}`.execute(login.kysely), /permission denied/, table);
    }
    await assert.rejects(sql`update review_api_client set suspended_at = null, suspended_reason = null`.execute(login.kysely), /permission denied/);
    await assert.rejects(sql`delete from audit_event`.execute(login.kysely), /permission denied/);
    await assert.rejects(sql`insert into data_key (municipality_code, key_id, purpose, wrapped_key, master_key_id)
      values (${city}, '000000000000', 'index', ${Buffer.alloc(60)}, '0000000000000000')`.execute(login.kysely), /permission denied/);
  });
});
