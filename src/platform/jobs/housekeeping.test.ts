import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { sql } from 'kysely';
import { addMunicipality, appendEvents, city } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import { defaultAnchorsFile, readAnchors } from '../audit/anchor.ts';
import { auditKeyPath } from '../audit/keys.ts';
import { upsertStaffUser } from '../auth/store.ts';
import type { Db } from '../db/index.ts';
import { type HousekeepingJob, housekeepingJobs, type JobLog, startHousekeeping, startJobs } from './housekeeping.ts';

interface LogEntry {
  level: 'info' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A log that keeps its entries and can wait for the first one that matches. */
function recordingLog(): JobLog & { entries: LogEntry[]; next(match: (e: LogEntry) => boolean): Promise<LogEntry> } {
  const entries: LogEntry[] = [];
  const waiters: Array<{ match: (e: LogEntry) => boolean; resolve: (e: LogEntry) => void }> = [];
  const add = (entry: LogEntry) => {
    entries.push(entry);
    for (const w of waiters.filter((x) => x.match(entry))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(entry);
    }
  };
  return {
    entries,
    info: (fields, message) => add({ level: 'info', fields, message }),
    error: (fields, message) => add({ level: 'error', fields, message }),
    next: (match) => new Promise((resolve) => waiters.push({ match, resolve })),
  };
}

const never = 24 * 3_600_000; // an interval no test waits for
const ago = (minutes: number) => sql<Date>`now() - make_interval(mins => ${minutes})`;

for (const backend of backends) {
  describe(`worker housekeeping on ${backend}`, () => {
    let db: Db;
    let dataDir: string;
    beforeEach(async () => {
      db = await freshDb(backend);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-housekeeping-'));
      await addMunicipality(db);
    });
    afterEach(async () => {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('purges expired idempotency keys and sessions once at start and logs only job names and counts', async () => {
      await upsertStaffUser(db, { municipalityCode: city, loginId: 'suzuki.k', displayName: '鈴木 一郎', department: '市民課' }, 'not-a-real-hash');
      const key = (name: string, minutes: number) => ({ municipality_code: city, client_id: 'kiosk-1', idempotency_key: name, request_hash: 'h', state: 'done', created_at: ago(minutes) });
      await db.kysely.insertInto('idempotency_key').values([key('expired', 25 * 60), key('live', 60)]).execute();
      const session = (name: string, minutes: number) => ({ municipality_code: city, session_hash: name, login_id: 'suzuki.k', csrf_token: 'c', last_seen_at: ago(minutes) });
      await db.kysely.insertInto('staff_session').values([session('expired', 30), session('live', 1)]).execute();

      const log = recordingLog();
      const stop = startHousekeeping(db, { dataDir }, log);
      await stop(); // waits for the runs started at start

      assert.deepEqual((await db.kysely.selectFrom('idempotency_key').select('idempotency_key').execute()).map((r) => r.idempotency_key), ['live']);
      assert.deepEqual((await db.kysely.selectFrom('staff_session').select('session_hash').execute()).map((r) => r.session_hash), ['live']);
      // Every job logs its name and count only; the other jobs (mail, drafts, …) find nothing to delete here.
      const deleted = new Map([['purge-idempotency-keys', 1], ['purge-staff-sessions', 1]]);
      const byJob = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.job).localeCompare(String(b.job));
      assert.deepEqual(
        log.entries.map((e) => e.fields).sort(byJob),
        housekeepingJobs.map((j) => ({ job: j.name, deleted: deleted.get(j.name) ?? 0 })).sort(byJob),
      );
      assert.doesNotMatch(JSON.stringify(log.entries), /鈴木|suzuki/);
    });

    it('runs each job once at start; stop() waits for a run in progress and no job runs after it', async () => {
      const runs = new Map<string, number>();
      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => (openGate = resolve));
      const count = (name: string) => runs.set(name, (runs.get(name) ?? 0) + 1);
      const jobs: HousekeepingJob[] = [
        { name: 'quick', intervalMs: never, run: async () => (count('quick'), 0) },
        { name: 'slow', intervalMs: never, run: async () => (count('slow'), await gate, 2) },
      ];
      const log = recordingLog();
      const stop = startJobs(db, jobs, log);
      let stopped = false;
      const stopping = stop().then(() => (stopped = true));
      await log.next((e) => e.fields.job === 'quick');
      await tick();
      assert.equal(stopped, false, 'stop() must wait for the slow job');
      openGate();
      await stopping;
      assert.deepEqual(Object.fromEntries(runs), { quick: 1, slow: 1 });
      assert.deepEqual(log.entries.map((e) => e.fields), [{ job: 'quick', deleted: 0 }, { job: 'slow', deleted: 2 }]);
    });

    it('logs a failed job and rolls back its transaction; the other jobs still run', async () => {
      const jobs: HousekeepingJob[] = [
        {
          name: 'failing',
          intervalMs: never,
          async run(tx) {
            await tx.insertInto('idempotency_key').values({ municipality_code: city, client_id: 'kiosk-1', idempotency_key: 'half-done', request_hash: 'h', state: 'done' }).execute();
            throw new Error('disk full');
          },
        },
        { name: 'fine', intervalMs: never, run: async () => 0 },
      ];
      const log = recordingLog();
      await startJobs(db, jobs, log)();
      const failed = log.entries.find((e) => e.fields.job === 'failing');
      assert.equal(failed?.level, 'error');
      assert.ok(log.entries.some((e) => e.level === 'info' && e.fields.job === 'fine'));
      assert.equal((await db.kysely.selectFrom('idempotency_key').select('idempotency_key').execute()).length, 0);
    });

    it("signs each audit chain into the default anchors file with the municipality's key when the daily hour comes", async () => {
      await appendEvents(db, 2);
      // A clock 30 ms before 03:00 JST, running at real speed.
      const started = Date.now();
      const base = Date.parse('2025-04-01T18:00:00Z') - 30;
      const log = recordingLog();
      const anchored = log.next((e) => e.fields.job === 'audit-anchoring');
      const stop = startHousekeeping(db, { dataDir }, log, { jobs: [], anchoring: { now: () => new Date(base + Date.now() - started) } });
      const entry = await anchored;
      await stop();

      assert.deepEqual(entry, { level: 'info', fields: { job: 'audit-anchoring', anchored: 1, empty: 0, broken: 0 }, message: 'housekeeping job done' });
      const lines = readAnchors(defaultAnchorsFile({ dataDir }));
      assert.deepEqual(lines.map((l) => [l.anchor?.municipalityCode, l.anchor?.seq]), [[city, 2]]);
      assert.ok(fs.existsSync(auditKeyPath(dataDir, city)));
    });
  });
}
