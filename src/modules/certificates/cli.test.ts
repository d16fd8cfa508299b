// madoguchi certificates kiosk-client / rotate-key / settings, run as the real command line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CliWorld, cliWorld } from '../../../test/support/cli-world.ts';
import { backends } from '../../../test/support/db.ts';

for (const backend of backends) {
  describe(`madoguchi certificates kiosk-client / rotate-key / settings on ${backend}`, () => {
    let w: CliWorld;
    before(async () => {
      w = await cliWorld(backend, 'certificates-admin-cli');
    });
    after(() => w.dispose());

    it('registers a kiosk client, shows its secret once, and lists it without the secret', async () => {
      const added = await w.cli(['certificates', 'kiosk-client', 'add', '証明書交付センター', '--networks', '10.1.0.0/16']);
      assert.equal(added.code, 0, added.stderr);
      const secret = /secret: (\S+)/.exec(added.stdout)![1]!;
      const clientId = /client_id: (kc_[0-9a-f]{16})/.exec(added.stdout)![1]!;
      assert.match(secret, /^\d{6}\.kc_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
      const listed = await w.cli(['certificates', 'kiosk-client', 'list']);
      assert.ok(listed.stdout.includes(clientId) && listed.stdout.includes('10.1.0.0/16'));
      assert.ok(!listed.stdout.includes(secret));
      assert.equal((await w.cli(['certificates', 'kiosk-client', 'add', 'x', '--networks', '10.1.0.0/99'])).code, 2);
    });

    it('rotates the signing key, keeping the old one published', async () => {
      const first = await w.cli(['certificates', 'rotate-key']);
      const second = await w.cli(['certificates', 'rotate-key']);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(second.code, 0, second.stderr);
      const keys = await w.withDb((db) => db.kysely.selectFrom('certificate_signing_key').select(['key_id', 'retired_at']).orderBy('created_at').execute());
      assert.equal(keys.length, 2);
      assert.deepEqual(keys.map((k) => k.retired_at === null), [false, true]);
    });

    it('sets the fee, the mayor\'s name and a PNG seal, refusing what is not a PNG or not whole yen', async () => {
      const png = path.join(w.data, 'seal.png');
      fs.writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
      const ok = await w.cli(['certificates', 'settings', '--fee', '350', '--mayor-name', '見本 花子', '--seal', png]);
      assert.equal(ok.code, 0, ok.stderr);
      const row = await w.withDb((db) => db.kysely.selectFrom('certificate_settings').selectAll().executeTakeFirstOrThrow());
      assert.equal(row.fee_per_copy_yen, 350);
      assert.equal(row.mayor_name_ja, '見本 花子');
      assert.equal(row.seal_png?.length, 29);
      const text = path.join(w.data, 'seal.txt');
      fs.writeFileSync(text, 'not a png');
      assert.equal((await w.cli(['certificates', 'settings', '--seal', text])).code, 2);
      assert.equal((await w.cli(['certificates', 'settings', '--fee', '12.5'])).code, 2);
      assert.equal((await w.withDb((db) => db.kysely.selectFrom('certificate_settings').select('fee_per_copy_yen').executeTakeFirstOrThrow())).fee_per_copy_yen, 350);
    });
  });
}
