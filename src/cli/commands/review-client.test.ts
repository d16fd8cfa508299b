import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type CliWorld, cliWorld } from '../../../test/support/cli-world.ts';
import { backends } from '../../../test/support/db.ts';

for (const backend of backends) {
  describe(`madoguchi review client on ${backend}`, () => {
    let w: CliWorld;
    let clientId = '';
    let secret = '';
    before(async () => {
      w = await cliWorld(backend, 'review-client-cli');
    });
    after(() => w.dispose());

    const row = () => w.withDb((db) => db.kysely.selectFrom('review_api_client').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow());
    const listLine = async () => (await w.cli(['review', 'client', 'list'])).stdout.split('\n').find((l) => l.startsWith(clientId)) ?? '';

    it('adds a client and prints client_id: and secret: on lines of their own, the secret once and stored only hashed', async () => {
      const r = await w.cli(['review', 'client', 'add', 'スマート申請 審査サーバー', '--networks', '192.0.2.0/24, 2001:db8::/32', '--rate', '1200', '--suspend-on-alert']);
      assert.equal(r.code, 0, r.stderr);
      clientId = /^client_id: (rc_[0-9a-f]{16})$/m.exec(r.stdout)?.[1] ?? '';
      secret = /^secret: (\S+)$/m.exec(r.stdout)?.[1] ?? '';
      assert.ok(clientId && secret, r.stdout);
      assert.match(secret, new RegExp(`^279994\\.${clientId}\\.[A-Za-z0-9_-]{43}$`));
      const stored = await row();
      assert.deepEqual([stored.name, stored.allowed_networks, stored.rate_limit_per_minute, stored.suspend_on_alert, stored.created_by],
        ['スマート申請 審査サーバー', ['192.0.2.0/24', '2001:db8::/32'], 1200, true, 'cli']);
      assert.equal(stored.secret_sha256, createHash('sha256').update(secret).digest('hex'));
    });

    it('lists clients with their state, limit and networks, never the secret', async () => {
      const r = await w.cli(['review', 'client', 'list']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^client_id\s+name\s+state\s+per min\s+networks\s+on alert\s+last used/);
      assert.match(await listLine(), /スマート申請 審査サーバー\s+active\s+1200\s+192\.0\.2\.0\/24,2001:db8::\/32\s+suspend\s+-/);
      assert.ok(!r.stdout.includes(secret.split('.')[2]!));
    });

    it('suspends and resumes a client by id, each an audit event by the command line', async () => {
      const suspended = await w.cli(['review', 'client', 'suspend', clientId, '--reason', '委託先の切替']);
      assert.equal(suspended.code, 0, suspended.stderr);
      assert.equal((await row()).suspended_reason, '委託先の切替');
      assert.match(await listLine(), /suspended .*\(委託先の切替\)/);
      const resumed = await w.cli(['review', 'client', 'resume', clientId]);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal((await row()).suspended_at, null);
      const events = await w.withDb(async (db) => (await sql<{ e: string }>`select operation_code || ':' || user_id as e from audit_event
        where ${`review_client:${clientId}`} = any(subjects) order by seq`.execute(db.kysely)).rows.map((r) => r.e));
      assert.deepEqual(events, ['review.client.register:cli', 'review.client.suspend:cli', 'review.client.resume:cli']);
    });

    it('refuses bad input with the usage (exit 2) and an unknown client with exit 1', async () => {
      const usage: Array<[string[], RegExp]> = [
        [['review', 'client', 'add'], /NAME is required/],
        [['review', 'client', 'add', 'x', '--networks', '10.0.0.0/33'], /--networks has an invalid entry/],
        [['review', 'client', 'add', 'x', '--rate', '0'], /--rate must be an integer/],
        [['review', 'client', 'add', 'x', 'y'], /Unexpected argument: y/],
        [['review', 'client', 'suspend', 'client-1'], /A client id is rc_ and 16 hex digits/],
        [['review', 'client'], /review client needs a subcommand/],
        [['review', 'frobnicate'], /Unknown command: review frobnicate/],
        [['review', 'client', 'frobnicate'], /Unknown command: review client frobnicate/],
      ];
      for (const [args, message] of usage) {
        const r = await w.cli(args);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(r.stderr, message, args.join(' '));
      }
      const unknown = await w.cli(['review', 'client', 'resume', 'rc_0000000000000000']);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /There is no review API client rc_0000000000000000/);
    });
  });
}
