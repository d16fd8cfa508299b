import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, appendEvents, city, otherCity, tamper } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { anchorAuditChain, readAnchors, verifyAgainstAnchors } from './anchor.ts';
import { auditHash } from './canonical.ts';
import { auditKeyPath, auditPublicKeyPath, loadAuditKey } from './keys.ts';
import { auditRowsAfter } from './store.ts';
import { verifyAuditChain } from './verify.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-audit-'));

describe('audit signing keys', () => {
  it('creates audit-<code>.pem with mode 0600 under <dataDir>/keys on first use and reuses it after', () => {
    const dataDir = tempDir();
    const first = loadAuditKey({ dataDir }, city);
    const file = path.join(dataDir, 'keys', `audit-${city}.pem`);
    assert.equal(auditKeyPath(dataDir, city), file);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(fs.existsSync(auditPublicKeyPath(dataDir, city)));
    assert.equal(loadAuditKey({ dataDir }, city).keyId, first.keyId);
    assert.notEqual(loadAuditKey({ dataDir }, otherCity).keyId, first.keyId);
  });

  it('refuses a key file that others may read', { skip: process.platform === 'win32' ? 'no POSIX modes' : undefined }, () => {
    const dataDir = tempDir();
    loadAuditKey({ dataDir }, city);
    fs.chmodSync(auditKeyPath(dataDir, city), 0o644);
    assert.throws(() => loadAuditKey({ dataDir }, city), (e: Error & { code?: string }) => e.code === 'audit_key_file_unsafe');
  });

  it('refuses a municipality code that could walk out of the keys folder', () => {
    assert.throws(() => auditKeyPath('/data', '../etc'), (e: Error & { code?: string }) => e.code === 'municipality_code_invalid');
  });
});

/** Rewrites every event's detail and recomputes every hash: a consistent forgery of the whole chain. */
async function rewriteWholeChain(db: Db, code: string): Promise<void> {
  let prevHash = '0'.repeat(64);
  const statements: string[] = [];
  for (const row of await auditRowsAfter(db, code, 0, 1000)) {
    const forged = { ...row, detail: '書き換え', prevHash };
    prevHash = auditHash(forged);
    statements.push(`update audit_event set detail = '書き換え', prev_hash = '${forged.prevHash}', hash = '${prevHash}' where municipality_code = '${code}' and seq = ${row.seq}`);
  }
  await tamper(db, statements.join(';\n'));
}

for (const backend of backends) {
  describe(`audit anchors on ${backend}`, () => {
    let db: Db;
    let dataDir: string;
    let anchorsFile: string;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
    });
    after(() => db.close());
    const fresh = () => {
      dataDir = tempDir();
      anchorsFile = path.join(dataDir, 'anchors', 'audit-anchors.jsonl');
    };

    it('signs the head and appends one JSON line per anchor, which the public key verifies against the chain', async () => {
      fresh();
      await appendEvents(db, 3);
      const first = await anchorAuditChain(db, { dataDir }, city, { anchorsFile, now: new Date('2025-04-02T18:00:00Z') });
      await appendEvents(db, 2);
      const second = await anchorAuditChain(db, { dataDir }, city, { anchorsFile });
      assert.ok('anchored' in first && 'anchored' in second);
      assert.equal(first.anchored.seq, 3);
      assert.equal(first.anchored.anchoredAt, '2025-04-02T18:00:00.000Z');
      assert.equal(second.anchored.seq, 5);
      assert.deepEqual(readAnchors(anchorsFile).map((l) => l.anchor?.seq), [3, 5]);
      const key = loadAuditKey({ dataDir }, city);
      assert.deepEqual(await verifyAgainstAnchors(db, city, anchorsFile, key.publicKey), { ok: true, anchors: 2 });
    });

    it('answers empty for a municipality with no events yet, and writes nothing', async () => {
      fresh();
      assert.deepEqual(await anchorAuditChain(db, { dataDir }, otherCity, { anchorsFile }), { empty: true });
      assert.equal(fs.existsSync(anchorsFile), false);
    });

    it('detects a rewrite of the whole chain that plain verification accepts', async () => {
      fresh();
      await appendEvents(db, 1, () => ({ municipalityCode: otherCity }));
      assert.ok('anchored' in (await anchorAuditChain(db, { dataDir }, otherCity, { anchorsFile })));
      await rewriteWholeChain(db, otherCity);
      assert.equal((await verifyAuditChain(db, otherCity)).ok, true, 'the rewritten chain is consistent');
      const check = await verifyAgainstAnchors(db, otherCity, anchorsFile, loadAuditKey({ dataDir }, otherCity).publicKey);
      assert.deepEqual(check, { ok: false, anchors: 0, broken: { line: 1, seq: 1, reason: 'hash differs' } });
    });

    it('detects events cut off the end below an anchor: event missing', async () => {
      fresh();
      const head = await anchorAuditChain(db, { dataDir }, city, { anchorsFile });
      assert.ok('anchored' in head);
      const keep = head.anchored.seq - 1;
      await tamper(db, `delete from audit_event where municipality_code = '${city}' and seq > ${keep}`);
      assert.equal((await verifyAuditChain(db, city)).ok, true);
      const check = await verifyAgainstAnchors(db, city, anchorsFile, loadAuditKey({ dataDir }, city).publicKey);
      assert.equal(!check.ok && check.broken.reason, 'event missing');
    });

    it('refuses an anchor whose line was edited, or that another key signed', async () => {
      fresh();
      await appendEvents(db, 1);
      await anchorAuditChain(db, { dataDir }, city, { anchorsFile });
      const key = loadAuditKey({ dataDir }, city).publicKey;
      const line = fs.readFileSync(anchorsFile, 'utf8');
      fs.writeFileSync(anchorsFile, line.replace(/"seq":(\d+)/, (_, n: string) => `"seq":${Number(n) - 1}`));
      assert.equal((await verifyAgainstAnchors(db, city, anchorsFile, key) as { broken: { reason: string } }).broken.reason, 'signature invalid');
      fs.writeFileSync(anchorsFile, line);
      const stranger = generateKeyPairSync('ed25519').publicKey;
      assert.equal((await verifyAgainstAnchors(db, city, anchorsFile, stranger) as { broken: { reason: string } }).broken.reason, 'signature invalid');
      fs.appendFileSync(anchorsFile, 'not json\n');
      assert.deepEqual((await verifyAgainstAnchors(db, city, anchorsFile, key) as { broken: unknown }).broken, { line: 2, seq: undefined, reason: 'malformed' });
    });

    it('will not sign a chain that is broken since the last anchor', async () => {
      fresh();
      await appendEvents(db, 2);
      await anchorAuditChain(db, { dataDir }, city, { anchorsFile });
      await appendEvents(db, 2);
      const end = (await verifyAuditChain(db, city)) as { head: { seq: number } };
      await tamper(db, `update audit_event set detail = 'x' where municipality_code = '${city}' and seq = ${end.head.seq - 1}`);
      const result = await anchorAuditChain(db, { dataDir }, city, { anchorsFile });
      assert.deepEqual(result, { broken: { seq: end.head.seq - 1, reason: 'hash mismatch' } });
      assert.equal(readAnchors(anchorsFile).length, 1);
    });
  });
}
