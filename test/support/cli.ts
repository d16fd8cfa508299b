// Runs the real `madoguchi` command in a child process, as a user would.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { captureLog } from './log-capture.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/madoguchi.mjs');

/** The environment for a child: quiet logs; DATABASE_URL only when the test asks for it. */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete base.DATABASE_URL;
  return { ...base, ...env };
}

/**
 * Hands a command's log lines to the run's capture: stderr, and the JSON lines of stdout (the server logs there),
 * not the messages meant for the user, which may rightly show a demo password.
 */
function captureLogs(stdout: string | null, stderr: string | null): void {
  const logLines = (stdout ?? '').split('\n').filter((l) => l.startsWith('{'));
  captureLog([...logLines, stderr ?? ''].join('\n'));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, with `input` on its standard input. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], { env: childEnv(env), encoding: 'utf8', timeout: 120_000, ...(input === undefined ? {} : { input }) });
  captureLogs(r.stdout, r.stderr);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface RunningServer {
  /** The base URL the server printed. */
  url: string;
  stdout: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts a long-running command (start, serve) and resolves once it prints that it is ready. */
export function startCli(args: string[], env: Record<string, string | undefined> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [bin, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => captureLogs(out, err));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+)\/api\/docs/.exec(out)?.[1];
      if (url && /ready in/.test(out)) {
        resolve({ url, stdout: () => out, stop: () => (child.kill('SIGTERM'), exited) });
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code} before ready:\n${out}\n${err}`)));
  });
}
