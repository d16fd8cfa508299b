import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openSession } from '../../platform/auth/session.ts';
import { type CliWorld, cliWorld } from '../../../test/support/cli-world.ts';
import { backends } from '../../../test/support/db.ts';

const city = '279994';

for (const backend of backends) {
  describe(`madoguchi user on ${backend}`, () => {
    let w: CliWorld;
    before(async () => {
      w = await cliWorld(backend, 'user-cli');
    });
    after(() => w.dispose());

    const sessionsOf = (loginId: string) =>
      w.withDb(async (db) => (await db.kysely.selectFrom('staff_session').select('login_id').where('login_id', '=', loginId).execute()).length);
    const cliEvents = () =>
      w.withDb(async (db) => (await sql<{ e: string }>`select operation_code || ':' || outcome || ':' || array_to_string(subjects, ',') as e
        from audit_event where user_id = 'cli' order by seq`.execute(db.kysely)).rows.map((r) => r.e));
    const lineOf = (stdout: string, loginId: string) => stdout.split('\n').find((l) => l.startsWith(`${loginId} `)) ?? '';
    const listLine = async (loginId: string) => lineOf((await w.cli(['user', 'list'])).stdout, loginId);

    it('adds an administrator with a strong generated password, printed once and stored only as an argon2id hash', async () => {
      const r = await w.cli(['user', 'add', '--login', 'first.admin', '--name', '最初 管理者', '--department', '情報政策課', '--role', 'administrator']);
      assert.equal(r.code, 0, r.stderr);
      const generated = /initial password \(shown only now\): (\S+)/.exec(r.stdout)?.[1];
      assert.ok(generated && generated.length >= 20, 'a strong password is printed');
      const hash = await w.withDb(async (db) => (await db.kysely.selectFrom('staff_user').select('password_hash').where('login_id', '=', 'first.admin').executeTakeFirstOrThrow()).password_hash);
      assert.match(hash, /^\$argon2id\$/);
      assert.ok(!hash.includes(generated));
    });

    it('takes the password from standard input with --password-stdin, checked by the policy', async () => {
      const ok = await w.cli(['user', 'add', '--login', 'kanri.itaku', '--name', '委託 太郎', '--department', '情報政策課', '--role', 'operator', '--organisation', '見本システム株式会社', '--password-stdin'], 'a-long-enough-passphrase\n');
      assert.equal(ok.code, 0, ok.stderr);
      assert.doesNotMatch(ok.stdout, /initial password/);
      const weak = await w.cli(['user', 'add', '--login', 'weak.clerk', '--name', '弱 パス', '--department', '市民課', '--role', 'clerk', '--password-stdin'], 'short\n');
      assert.equal(weak.code, 1);
      assert.match(weak.stderr, /Use at least 12 characters/);
      const taken = await w.cli(['user', 'add', '--login', 'first.admin', '--name', '重複', '--department', '市民課', '--role', 'clerk']);
      assert.equal(taken.code, 1);
      assert.match(taken.stderr, /already taken/);
      const badRole = await w.cli(['user', 'add', '--login', 'x.clerk', '--name', 'x', '--department', 'x', '--role', 'mayor']);
      assert.equal(badRole.code, 2);
      assert.match(badRole.stderr, /Unknown role: mayor/);
    });

    it('lists accounts with department, roles, MFA and state, never a password or hash', async () => {
      const r = await w.cli(['user', 'list']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^login\s+name\s+department\s+roles\s+mfa\s+state\s+last login/);
      assert.match(lineOf(r.stdout, 'demo.admin'), /見本 管理者\s+情報政策課\s+administrator\s+on\s+active\s+-/);
      assert.match(lineOf(r.stdout, 'first.admin'), /administrator\s+off\s+active/);
      assert.match(lineOf(r.stdout, 'kanri.itaku'), /情報政策課 \(見本システム株式会社\)\s+operator\s+off/);
      assert.doesNotMatch(r.stdout, /argon2|mihon-demo/);
    });

    it('disables an account and ends its sessions at once', async () => {
      await w.withDb((db) => openSession(db, city, 'demo.clerk'));
      assert.equal(await sessionsOf('demo.clerk'), 1);
      const r = await w.cli(['user', 'disable', '--login', 'demo.clerk']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(await sessionsOf('demo.clerk'), 0);
      assert.match(await listLine('demo.clerk'), /disabled/);
    });

    it('resets a second factor, ending the sessions opened with it', async () => {
      await w.withDb((db) => openSession(db, city, 'demo.admin'));
      const r = await w.cli(['user', 'reset-mfa', '--login', 'demo.admin']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(await listLine('demo.admin'), /administrator\s+off/);
      assert.equal(await sessionsOf('demo.admin'), 0);
      const secret = await w.withDb(async (db) => (await db.kysely.selectFrom('staff_user').select('totp_secret_ciphertext').where('login_id', '=', 'demo.admin').executeTakeFirstOrThrow()).totp_secret_ciphertext);
      assert.equal(secret, null);
    });

    it('unlocks a locked account', async () => {
      await w.withDb((db) => sql`update staff_user set failed_login_count = 5, locked_at = now() where login_id = 'first.admin'`.execute(db.kysely));
      assert.match(await listLine('first.admin'), /locked/);
      const r = await w.cli(['user', 'unlock', '--login', 'first.admin']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(await listLine('first.admin'), /active/);
      const count = await w.withDb(async (db) => (await db.kysely.selectFrom('staff_user').select('failed_login_count').where('login_id', '=', 'first.admin').executeTakeFirstOrThrow()).failed_login_count);
      assert.equal(count, 0);
    });

    it('answers an unknown login id with exit code 1, and logs every change and the failed attempt as "cli"', async () => {
      const r = await w.cli(['user', 'unlock', '--login', 'nobody.here']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /no member of staff with login id nobody\.here/);
      const events = await cliEvents();
      for (const e of [
        'account.create:success:staff_user:first.admin',
        'account.role_grant:success:staff_user:first.admin',
        'account.create:failure:staff_user:weak.clerk',
        'account.disable:success:staff_user:demo.clerk',
        'account.mfa_reset:success:staff_user:demo.admin',
        'account.unlock:success:staff_user:first.admin',
        'account.unlock:failure:staff_user:nobody.here',
      ]) assert.ok(events.includes(e), `${e} in ${events.join(' ')}`);
    });

    it('asks for a subcommand and for --login', async () => {
      const none = await w.cli(['user']);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /user needs a subcommand/);
      const noLogin = await w.cli(['user', 'disable']);
      assert.equal(noLogin.code, 2);
      assert.match(noLogin.stderr, /--login is required/);
    });
  });
}
