import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { addMunicipality, appendEvents, city } from '../../../test/support/audit.ts';
import { freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { type AnchorResult, readAnchors } from './anchor.ts';
import { msUntilNextRun, startDailyAnchoring } from './schedule.ts';

const min = 60_000;
const hour = 60 * min;

describe('daily anchoring schedule', () => {
  const cases: Array<[string, number, number]> = [
    ['2025-04-01T17:00:00Z', 3, hour], // 02:00 JST → 03:00 JST
    ['2025-04-01T18:00:00Z', 3, 24 * hour], // exactly 03:00 JST → tomorrow
    ['2025-04-01T18:30:00Z', 3, 23.5 * hour],
    ['2025-04-01T14:59:00Z', 0, min], // 23:59 JST → midnight JST
    ['2025-04-01T00:00:00Z', 3, 18 * hour], // 09:00 JST
  ];
  for (const [now, hourJst, wait] of cases) {
    it(`waits ${wait / min} min from ${now} until ${hourJst}:00 Japan time`, () => {
      assert.equal(msUntilNextRun(new Date(now), hourJst), wait);
    });
  }

  it('anchors every chain when the hour comes and reports the results; stop() ends the schedule', async () => {
    const db = await freshDb('pglite');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-audit-schedule-'));
    try {
      await addMunicipality(db);
      await appendEvents(db, 2);
      // A clock 30 ms before 03:00 JST, running at real speed.
      const started = Date.now();
      const base = Date.parse('2025-04-01T18:00:00Z') - 30;
      let resolveRun!: (r: Map<string, AnchorResult>) => void;
      const ran = new Promise<Map<string, AnchorResult>>((r) => (resolveRun = r));
      const stop = startDailyAnchoring(db, { dataDir }, { now: () => new Date(base + Date.now() - started), onResult: resolveRun, onError: (e) => assert.fail(String(e)) });
      const results = await ran;
      await stop();
      const result = results.get(city);
      assert.ok(result && 'anchored' in result && result.anchored.seq === 2);
      assert.equal(readAnchors(path.join(dataDir, 'audit-anchors.jsonl')).length, 1);
    } finally {
      await db.close();
    }
  });

  it('refuses an hour outside 0–23', () => {
    assert.throws(() => startDailyAnchoring({} as Db, { dataDir: '/nonexistent' }, { hourJst: 24 }), RangeError);
  });
});
