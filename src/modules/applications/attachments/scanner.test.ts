import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../platform/config.ts';
import { AppError } from '../../../platform/errors.ts';
import { jpeg, png } from './fixtures/files.ts';
import { inspectUpload } from './inspect.ts';
import { createAttachmentScanner, hasSignatures } from './scanner.ts';

// A "malware" of our own: the signature database cannot be updated on this closed network (and the EICAR string would
// upset the antivirus of a developer's machine), so the test writes ClamAV signatures for its own payload.
const payload = Buffer.from('MADOGUCHI-TEST-MALWARE', 'latin1');
const infectedPng = Buffer.concat([png(), payload]);
const hashedJpeg = Buffer.concat([jpeg(), Buffer.from('hash-signature target', 'latin1')]);

/** Why clamscan tests cannot run here; on CI a missing clamscan is a failure, never a skip (as browser tests). */
function clamscanUnavailable(): string | undefined {
  if (!spawnSync('clamscan', ['--version']).error) return undefined;
  if (loadConfig().ci) throw new Error('CI needs ClamAV\'s clamscan (apt-get install clamav)');
  process.stdout.write('skipped: no clamscan\n');
  return 'skipped: no clamscan';
}

function recordingLog() {
  const entries: Array<{ fields: Record<string, unknown>; message: string }> = [];
  return { entries, warn: (fields: Record<string, unknown>, message: string) => entries.push({ fields, message }) };
}

describe('attachment scanning with clamscan', { skip: clamscanUnavailable() }, () => {
  let dir: string;
  let database: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-clamav-'));
    database = path.join(dir, 'signatures');
    fs.mkdirSync(database);
    // A body signature (.ndb: name, any file type, anywhere, hex) and an MD5 hash signature (.hdb: md5, size, name).
    fs.writeFileSync(path.join(database, 'madoguchi-test.ndb'), `Madoguchi.Test.Payload:0:*:${payload.toString('hex')}\n`);
    fs.writeFileSync(path.join(database, 'madoguchi-test.hdb'), `${createHash('md5').update(hashedJpeg).digest('hex')}:${hashedJpeg.length}:Madoguchi.Test.Hash\n`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds our body and hash signatures and passes clean files', async () => {
    const scanner = createAttachmentScanner({ clamav: { database } });
    assert.equal(await scanner.scan(infectedPng), 'infected');
    assert.equal(await scanner.scan(hashedJpeg), 'infected');
    assert.equal(await scanner.scan(png()), 'clean');
    assert.equal(await scanner.scan(jpeg()), 'clean');
  });

  it('inspectUpload refuses an infected file with a message and accepts a clean one as clean', async () => {
    const scanner = createAttachmentScanner({ clamav: { database } });
    const refused = await inspectUpload(infectedPng, scanner);
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && refused.reason === 'infected' && /ウイルス/.test(refused.message.ja) && /virus/.test(refused.message.en));
    const accepted = await inspectUpload(png(), scanner);
    assert.deepEqual(accepted, { ok: true, mediaType: 'image/png', sha256: createHash('sha256').update(png()).digest('hex'), scanResult: 'clean' });
  });

  it('a signature database clamscan cannot load refuses the upload (503) rather than passing it unscanned', async () => {
    const broken = path.join(dir, 'broken');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'bad.ndb'), 'not a signature\n');
    const scanner = createAttachmentScanner({ clamav: { database: broken } });
    await assert.rejects(scanner.scan(png()), (e: unknown) => e instanceof AppError && e.code === 'attachment_scan_failed' && e.status === 503);
  });

  it('without clamscan the result is not_scanned, with one warning', async () => {
    const log = recordingLog();
    const scanner = createAttachmentScanner({ clamav: { database } }, { log, clamscan: path.join(dir, 'no-such-clamscan') });
    assert.equal(await scanner.scan(infectedPng), 'not_scanned');
    assert.equal(await scanner.scan(png()), 'not_scanned');
    assert.equal(log.entries.length, 1);
    assert.match(log.entries[0]!.message, /clamscan is not installed/);
  });
});

describe('attachment scanning without signatures', () => {
  it('stores files as not_scanned and warns once, naming the folder only', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-clamav-empty-'));
    try {
      assert.equal(hasSignatures(empty), false);
      assert.equal(hasSignatures(path.join(empty, 'missing')), false);
      const log = recordingLog();
      const scanner = createAttachmentScanner({ clamav: { database: empty } }, { log });
      assert.equal(await scanner.scan(infectedPng), 'not_scanned');
      const accepted = await inspectUpload(png(), scanner);
      assert.ok(accepted.ok && accepted.scanResult === 'not_scanned');
      assert.deepEqual(log.entries, [{ fields: { clamavDatabase: empty }, message: `attachments are stored unscanned: no ClamAV signatures in ${empty}` }]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

// clamd (Debian's clamav-daemon) started by the test on a socket of its own, with the same signatures.
const clamdPath = '/usr/sbin/clamd';
function clamdUnavailable(): string | undefined {
  if (fs.existsSync(clamdPath)) return undefined;
  process.stdout.write('skipped: no clamd (apt-get install clamav-daemon)\n');
  return 'skipped: no clamd';
}

describe('attachment scanning with clamd (INSTREAM over its unix socket)', { skip: clamdUnavailable() }, () => {
  let dir: string;
  let socket: string;
  let clamd: ChildProcess;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-clamd-'));
    socket = path.join(dir, 'clamd.sock');
    fs.mkdirSync(path.join(dir, 'signatures'));
    fs.writeFileSync(path.join(dir, 'signatures', 'madoguchi-test.ndb'), `Madoguchi.Test.Payload:0:*:${payload.toString('hex')}\n`);
    fs.writeFileSync(path.join(dir, 'clamd.conf'), [
      `LocalSocket ${socket}`, `DatabaseDirectory ${path.join(dir, 'signatures')}`, 'Foreground yes', `LogFile ${path.join(dir, 'clamd.log')}`, 'StreamMaxLength 12M', '',
    ].join('\n'));
    clamd = spawn(clamdPath, [`--config-file=${path.join(dir, 'clamd.conf')}`], { stdio: 'ignore' });
    const end = Date.now() + 30_000;
    while (!fs.existsSync(socket)) {
      if (Date.now() > end || clamd.exitCode !== null) throw new Error('clamd did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(async () => {
    if (clamd.exitCode === null) {
      const exited = new Promise((r) => clamd.once('exit', r));
      clamd.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams files to clamd and reads its verdict, up to 10 MB', async () => {
    const scanner = createAttachmentScanner({ clamav: { socket, database: '/nonexistent' } });
    assert.equal(await scanner.scan(infectedPng), 'infected');
    assert.equal(await scanner.scan(png()), 'clean');
    const large = Buffer.concat([jpeg(), Buffer.alloc(10 * 1024 * 1024 - jpeg().length - payload.length, 0x41), payload]);
    assert.equal(await scanner.scan(large), 'infected');
    const refused = await inspectUpload(infectedPng, scanner);
    assert.ok(!refused.ok && refused.reason === 'infected');
  });

  it('a configured clamd that does not answer refuses the upload (503)', async () => {
    const scanner = createAttachmentScanner({ clamav: { socket: path.join(dir, 'no-such.sock'), database: '/nonexistent' } });
    await assert.rejects(scanner.scan(png()), (e: unknown) => e instanceof AppError && e.code === 'attachment_scan_failed' && e.status === 503);
  });
});
