// PGlite lets one process open a data directory at a time; this lock file says which process holds it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.ts';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  url?: string | undefined;
  startedAt: string;
}

const lockName = 'madoguchi.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(holder: LockHolder): string {
  return `pid ${holder.pid}, \`${holder.command}\`${holder.url ? `, ${holder.url}` : ''}, since ${holder.startedAt}`;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** A held lock on a data directory; `update` records the URL once the server listens. */
export interface DataDirLock {
  update(patch: Partial<LockHolder>): void;
  release(): void;
}

/**
 * Takes the data directory for this process, or throws data_dir_locked naming the live holder.
 * A lock left by a dead process on this host is stale and taken over.
 */
export function lockDataDir(dir: string, command: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, lockName);
  let holder: LockHolder = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        update(patch) {
          holder = { ...holder, ...patch };
          fs.writeFileSync(file, JSON.stringify(holder), { mode: 0o600 });
        },
        release() {
          if (released) return;
          released = true;
          if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const other = readHolder(file);
      const stale = !other || (other.host === os.hostname() && !isAlive(other.pid));
      if (!stale) throw new AppError('data_dir_locked', { dir, holder: describe(other) });
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('data_dir_locked', { dir, holder: 'unknown' });
}
