import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type CliWorld, cliWorld } from '../../../test/support/cli-world.ts';
import { backends } from '../../../test/support/db.ts';
import { shippedProceduresDir } from './procedures.ts';

const ids = ['after-school-care', 'course-event', 'pregnancy-notification', 'tax-certificate', 'water-open-close'];

for (const backend of backends) {
  describe(`madoguchi procedures on ${backend}`, () => {
    let w: CliWorld;
    before(async () => {
      w = await cliWorld(backend, 'procedures-cli'); // the demo city, which comes with the shipped procedures as version 1
    });
    after(() => w.dispose());

    /** A copy of the shipped folder inside the world's data folder, edited by `edit`. */
    const folder = (name: string, edit: (dir: string) => void) => {
      const dir = path.join(w.data, name);
      fs.cpSync(shippedProceduresDir, dir, { recursive: true });
      edit(dir);
      return dir;
    };
    const versions = () => w.withDb(async (db) => (await sql<{ v: string }>`select procedure_id || ' v' || version || ' ' || loaded_by as v
      from application_procedure order by procedure_id, version`.execute(db.kysely)).rows.map((r) => r.v));

    it('lists the demo city\'s procedures', async () => {
      const r = await w.cli(['procedures', 'list']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.deepEqual(lines.map((l) => l.split('\t').slice(0, 2).join(' ')), ids.map((id) => `${id} v1`));
      assert.match(lines[1]!, /\tsystem\t講座・イベント申込 \/ Courses and events: registration$/);
    });

    it('reloads the shipped folder without a new version, and says so', async () => {
      const r = await w.cli(['procedures', 'load']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `279994: 手続き定義を読み込みました / procedures loaded — 5 件 / definitions, 更新 / changed 0\n${ids.map((id) => `  ${id} v1 変更なし / unchanged\n`).join('')}`);
    });

    it('exits 1 listing every problem of every bad file, and loads none of the folder', async () => {
      const dir = folder('broken', (d) => {
        fs.writeFileSync(path.join(d, 'broken.json'), '{ "id": ');
        const file = path.join(d, 'tax-certificate.json');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"yen": 300', '"yen": 0').replace('"category": "tax"', '"category": "income"'));
      });
      const r = await w.cli(['procedures', 'load', dir]);
      assert.equal(r.code, 1, r.stdout);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^エラー: 手続き定義に誤りがあるため、何も読み込みませんでした（3件）。\nError: The procedure definitions have errors \(3\), so nothing was loaded\.\n/);
      assert.match(r.stderr, /\n {2}broken\.json: JSON: /);
      assert.match(r.stderr, /\n {2}tax-certificate\.json: \/fee\/yen: must be >= 1\n/);
      assert.match(r.stderr, /\n {2}tax-certificate\.json: \/fields\/7\/category: must be one of basic4, contact/);
      assert.deepEqual(await versions(), ids.map((id) => `${id} v1 system`));
    });

    it('saves a changed file as version 2 and leaves the others at version 1, audited as the command line', async () => {
      const dir = folder('changed', (d) => {
        const file = path.join(d, 'course-event.json');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"yen": 1500', '"yen": 2000'));
      });
      const r = await w.cli(['procedures', 'load', dir, '--municipality', '279994']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /更新 \/ changed 1\n/);
      assert.match(r.stdout, /\n {2}course-event v2 更新 \/ changed\n/);
      assert.match(r.stdout, /\n {2}tax-certificate v1 変更なし \/ unchanged\n/);
      assert.ok((await versions()).includes('course-event v2 system'));
      const events = await w.withDb(async (db) => (await sql<{ e: string }>`select user_id || ' ' || outcome || ' ' || detail as e from audit_event
        where operation_code = 'applications.procedure.load' order by seq`.execute(db.kysely)).rows.map((x) => x.e));
      assert.match(events.at(-1)!, /^cli success after-school-care v1 unchanged; course-event v2 changed;/);
      assert.match(events.at(-2)!, /^cli success after-school-care v1 unchanged; .* water-open-close v1 unchanged$/, 'the refused folder changed nothing, so it left no event');
      assert.match(events[0]!, /^system:demo success after-school-care v1 changed/, 'the demo city loaded them first');
    });

    it('answers a missing subcommand with the help and exit code 2, and a missing folder with exit code 1', async () => {
      const none = await w.cli(['procedures']);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /procedures needs a subcommand \(load, list\)/);
      const missing = await w.cli(['procedures', 'load', path.join(w.data, 'no-such-folder')]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /no-such-folder: the folder cannot be read/);
    });
  });
}
