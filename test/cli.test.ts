// The command line as a newcomer meets it: help, mistakes, start/stop, the data-directory lock, DATABASE_URL.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { runCli, startCli } from './support/cli.ts';

const made: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-cli-'));
  made.push(dir);
  return dir;
};
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe('madoguchi command line', () => {
  it('prints the help listing every command, exit 0', () => {
    const r = runCli(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['start', 'serve --role', 'migrate', 'demo-data', '--data DIR', '--port N']) assert.ok(r.stdout.includes(c), c);
  });

  const mistakes: Array<[string[], RegExp]> = [
    [['frobnicate'], /不明なコマンドです: frobnicate[\s\S]*Unknown command: frobnicate/],
    [['start', '--bogus'], /Invalid option/],
    [['serve', '--role', 'mayor'], /Unknown role: mayor/],
    [['serve'], /--role is required/],
    [['demo-data', '--residents', 'lots'], /--residents must be a positive integer/],
    [['migrate', 'extra'], /Unexpected argument: extra/],
  ];
  for (const [args, message] of mistakes) {
    it(`answers \`${args.join(' ')}\` with a clear error, the help and exit code 2`, () => {
      const r = runCli(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage:/);
    });
  }

  it('starts on an empty data directory with the demo city, refuses a second process on it, stops cleanly and starts again', async () => {
    const data = tempDir();
    const server = await startCli(['start', '--port', '0', '--data', data]);
    try {
      assert.match(server.stdout(), /見本市 \(279994\)/);
      assert.match(server.stdout(), /Resident portal\s+http:\/\/127\.0\.0\.1:\d+\//);
      assert.match(server.stdout(), /Staff console\s+http:\/\/127\.0\.0\.1:\d+\/console\//);
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      const portal = await (await fetch(`${server.url}/`)).text();
      assert.match(portal, /見本市 オンライン窓口/);

      const second = runCli(['migrate', '--data', data]);
      assert.equal(second.code, 1);
      assert.match(second.stderr, /使用中/);
      assert.match(second.stderr, new RegExp(`madoguchi start\`, ${server.url.replace(/\./g, '\\.')}`));
    } finally {
      assert.equal(await server.stop(), 0);
    }
    assert.equal(fs.existsSync(path.join(data, 'madoguchi.lock')), false, 'the lock is released');
    const again = await startCli(['start', '--port', '0', '--data', data]);
    try {
      assert.equal((await fetch(`${again.url}/api/v1/municipality`).then((r) => r.json()) as { code: string }).code, '279994');
    } finally {
      await again.stop();
    }
  });

  it('writes the demo files for N residents and registers the demo city with --load', () => {
    const out = tempDir();
    const data = tempDir();
    const r = runCli(['demo-data', '--residents', '300', '--seed', '7', '--out', out, '--load', '--data', data]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /generated 300 residents/);
    assert.match(r.stdout, /見本市 \(279994\)/);
    const review = fs.readFileSync(path.join(out, 'review-residents.csv'), 'utf8').split('\r\n');
    assert.equal(review[0], '住記個人番号,氏名カナ,生年月日,郵便番号,通称名カナ,AL氏名カナ');
    for (const f of ['residents.csv', 'review-tax-years.csv', 'tax-records.csv', 'taxpayers.csv']) assert.ok(fs.existsSync(path.join(out, f)), f);
    const again = tempDir();
    assert.equal(runCli(['demo-data', '--residents', '300', '--seed', '7', '--out', again]).code, 0);
    assert.ok(fs.readFileSync(path.join(again, 'tax-records.csv')).equals(fs.readFileSync(path.join(out, 'tax-records.csv'))), 'same seed, same bytes');
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const data = tempDir();
    fs.writeFileSync(path.join(data, 'madoguchi.lock'), JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname(), command: 'madoguchi start', startedAt: '2026-01-01' }));
    const r = runCli(['migrate', '--data', data]);
    assert.equal(r.code, 0, r.stderr);
  });

  it('honours MADOGUCHI_DATA_DIR when --data is not given', () => {
    const data = tempDir();
    const r = runCli(['migrate'], { MADOGUCHI_DATA_DIR: data });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(data, 'pglite')));
  });

  it('serve refuses an unmigrated database, naming the command to run', () => {
    const r = runCli(['serve', '--role', 'portal', '--port', '0', '--data', tempDir()]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /madoguchi migrate/);
  });

  const databaseUrl = process.env.DATABASE_URL;
  it('switches every command to PostgreSQL when DATABASE_URL is set', { skip: databaseUrl ? undefined : 'DATABASE_URL not set' }, async () => {
    const schema = `cli_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = `${databaseUrl}${databaseUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const data = tempDir();
    try {
      assert.equal(runCli(['migrate', '--data', data], { DATABASE_URL: url }).code, 0);
      assert.equal(fs.existsSync(path.join(data, 'pglite')), false, 'the embedded database was not touched');
      const applied = await admin.query(`select count(*)::int as n from ${schema}.schema_migration`);
      assert.ok(applied.rows[0].n >= 1);
      const server = await startCli(['serve', '--role', 'portal', '--port', '0'], { DATABASE_URL: url });
      try {
        assert.deepEqual(await fetch(`${server.url}/healthz`).then((r) => r.json()), { status: 'ok', database: 'postgres' });
      } finally {
        await server.stop();
      }
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });
});
