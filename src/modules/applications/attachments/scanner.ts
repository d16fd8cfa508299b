// Malware scanning of attachments with ClamAV: clamd over its unix socket when one is configured (the signatures stay
// loaded), else clamscan per file. Where neither can scan (no clamscan, no signatures on this closed network) the file
// is stored as not_scanned and a warning is logged once; a scanner that is there but fails refuses the upload (503).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { Config } from '../../../platform/config.ts';
import { AppError } from '../../../platform/errors.ts';

/** What a scan found. */
export type ScanResult = 'clean' | 'infected' | 'not_scanned';

/** Scans one file's bytes. */
export interface AttachmentScanner {
  scan(content: Buffer): Promise<ScanResult>;
}

/** Where a scanner reports that it cannot scan (pino's signature; fields never hold personal data). */
export interface ScannerLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface ScannerOptions {
  log?: ScannerLog;
  /** The clamscan program (default: clamscan on the PATH). */
  clamscan?: string;
  /** Longest a scan may take; clamscan loads the whole signature database for every file. */
  timeoutMs?: number;
}

// Files ClamAV loads signatures from (signatures.md: databases, body/hash/logical/container/phishing/YARA/bytecode).
const signatureFile = /\.(cvd|cld|cud|hdb|hsb|hdu|hsu|mdb|msb|mdu|msu|ndb|ndu|ldb|ldu|idb|cdb|crb|pdb|gdb|wdb|yar|yara|cbc)$/;

/** True when the folder holds at least one signature file ClamAV would load. */
export function hasSignatures(database: string): boolean {
  try {
    return fs.readdirSync(database).some((f) => signatureFile.test(f));
  } catch {
    return false;
  }
}

const scanFailed = (scanner: string, reason: string) => new AppError('attachment_scan_failed', { scanner, reason });

/** One INSTREAM exchange with clamd: the file in chunks of 64 KiB, each with its length, and a zero length to end. */
function clamdScan(socketPath: string, content: Buffer, timeoutMs: number): Promise<ScanResult> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    const reply: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timed out')));
    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let i = 0; i < content.length; i += 65536) {
        const chunk = content.subarray(i, i + 65536);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        socket.write(length);
        socket.write(chunk);
      }
      socket.end(Buffer.alloc(4));
    });
    socket.on('data', (d: Buffer) => reply.push(d));
    socket.on('error', (e) => reject(scanFailed('clamd', (e as NodeJS.ErrnoException).code ?? e.message)));
    socket.on('close', () => {
      const text = Buffer.concat(reply).toString('utf8').replace(/\0/g, '').trim();
      if (/^stream: .+ FOUND$/.test(text)) resolve('infected');
      else if (text === 'stream: OK') resolve('clean');
      // e.g. "INSTREAM size limit exceeded. ERROR": clamd's StreamMaxLength must be at least 10M.
      else reject(scanFailed('clamd', text.slice(0, 100) || 'no answer'));
    });
  });
}

/** clamscan reading the file from standard input, so no copy of the document is written to disk. */
function clamscanScan(program: string, database: string, content: Buffer, timeoutMs: number): Promise<ScanResult | 'missing'> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['--no-summary', '--stdout', '--infected', `--database=${database}`, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    // Our own timer rather than spawn's timeout, which is not cleared when the program does not exist.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    timer.unref();
    child.on('close', () => clearTimeout(timer));
    child.on('error', () => clearTimeout(timer));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.resume();
    child.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? resolve('missing') : reject(scanFailed('clamscan', e.code ?? e.message))));
    // clamscan may exit before reading everything (a broken database); the exit code below says what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(content);
    child.on('close', (code, signal) => {
      if (code === 0) resolve('clean');
      else if (code === 1) resolve('infected');
      else reject(scanFailed('clamscan', signal ? `killed by ${signal}` : `exit ${String(code)}: ${stderr.split('\n').find((l) => /error/i.test(l))?.slice(0, 150) ?? ''}`));
    });
  });
}

/** The scanner the configuration asks for (see Config.clamav). */
export function createAttachmentScanner(config: Pick<Config, 'clamav'>, options: ScannerOptions = {}): AttachmentScanner {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const { socket, database } = config.clamav;
  if (socket) return { scan: (content) => clamdScan(socket, content, timeoutMs) };

  let warned = false;
  const notScanned = (reason: string): ScanResult => {
    if (!warned) {
      warned = true;
      const message = `attachments are stored unscanned: ${reason}`;
      if (options.log) options.log.warn({ clamavDatabase: database }, message);
      else process.emitWarning(message);
    }
    return 'not_scanned';
  };
  const program = options.clamscan ?? 'clamscan';
  return {
    async scan(content) {
      // Checked per file, so signatures installed while the server runs are used from the next upload on.
      if (!hasSignatures(database)) return notScanned(`no ClamAV signatures in ${database}`);
      const result = await clamscanScan(program, database, content, timeoutMs);
      return result === 'missing' ? notScanned('clamscan is not installed') : result;
    },
  };
}
