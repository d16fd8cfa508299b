import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { addMunicipality, appendEvents, tamper } from '../../../test/support/audit.ts';
import { runCommand } from '../../../test/support/cli.ts';
import { openPglite, type PgliteDb } from '../../platform/db/index.ts';

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-audit-cli-'));
  made.push(dir);
  return dir;
};

/** Opens the embedded database of a data directory while no command holds it. */
async function withData<T>(data: string, fn: (db: PgliteDb) => Promise<T>): Promise<T> {
  const db = await openPglite(path.join(data, 'pglite'));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('madoguchi audit', () => {
  it('verifies, anchors and exports; then reports a tampered event, and a chain cut back below its anchor, with exit code 1', async () => {
    const data = tempDir();
    assert.equal((await runCommand(['migrate', '--data', data])).code, 0);
    await withData(data, async (db) => {
      await addMunicipality(db);
      await appendEvents(db, 5);
    });

    const intact = await runCommand(['audit', 'verify', '--data', data]);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /279994: 正常 \/ intact — 5 件 \/ events/);

    const anchored = await runCommand(['audit', 'anchor', '--data', data]);
    assert.equal(anchored.code, 0, anchored.stderr);
    assert.match(anchored.stdout, /279994: 署名しました \/ anchored seq 5/);
    const anchors = path.join(data, 'audit-anchors.jsonl');
    const withAnchors = await runCommand(['audit', 'verify', '--data', data, '--anchors', anchors]);
    assert.equal(withAnchors.code, 0, withAnchors.stderr);
    assert.match(withAnchors.stdout, /アンカー 1 件と一致 \/ matches 1 anchors/);

    const csv = path.join(data, 'out.csv');
    const exported = await runCommand(['audit', 'export', '--data', data, '--csv', csv, '--subject', 'resident:3', '--from', '2000-01-01', '--to', '2999-12-31']);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /exported 1 events/);
    assert.equal(fs.readFileSync(csv, 'utf8').trim().split('\r\n').length, 2);

    await withData(data, (db) => tamper(db, `update audit_event set detail = '改ざん' where seq = 2`));
    const broken = await runCommand(['audit', 'verify', '--data', data]);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /279994: 改ざんを検出 \/ TAMPERED — 最初の破損 \/ first broken link: 連番 \/ seq 2: イベントの内容がハッシュと一致しません（書き換え） \/ the event no longer matches its hash \(edited\)/);

    await withData(data, (db) => tamper(db, `update audit_event set detail = '住民 resident:2 を表示' where seq = 2`));
    assert.equal((await runCommand(['audit', 'verify', '--data', data])).code, 0, 'the edit undone');
    await withData(data, (db) => tamper(db, 'delete from audit_event where seq >= 5'));
    const rewound = await runCommand(['audit', 'verify', '--data', data, '--anchors', anchors]);
    assert.equal(rewound.code, 1);
    assert.match(rewound.stdout, /ANCHOR FAILED — .*audit-anchors\.jsonl:1 \(連番 \/ seq 5\): アンカーが指すイベントがありません（削除） \/ the anchored event is gone \(deleted\)/);
  });

  const mistakes: Array<[string[], RegExp]> = [
    [['audit'], /audit needs a subcommand/],
    [['audit', 'frobnicate'], /Unknown command: audit frobnicate/],
    [['audit', 'export'], /--csv FILE is required/],
    [['audit', 'export', '--csv', 'x.csv', '--from', '2025-02-30'], /--from must be a date YYYY-MM-DD: 2025-02-30/],
  ];
  for (const [args, message] of mistakes) {
    it(`answers \`${args.join(' ')}\` with a clear error and exit code 2`, async () => {
      const r = await runCommand([...args, '--data', tempDir()]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
    });
  }
});
