// Runs a `madoguchi` command: in a child process as a user would (runCli, startCli), or inside the test's own
// process (runCommand), which spares each command node's start and the sources' loading.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Output } from '../../src/cli/output.ts';
import { main } from '../../src/main.ts';
import { Mutex } from '../../src/platform/db/mutex.ts';
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

const oneCommandAtATime = new Mutex();

/**
 * Runs a command to completion as runCli does, but through main() in this process: the same environment (process.env
 * is the child's for the command's duration, since a command reads it through loadConfig as a child would, hence one
 * command at a time), `input` as its standard input, and its output to the log capture. An error main() does not turn
 * into an exit code ends the command with 1 and its stack on stderr, as it would end the real process.
 */
export function runCommand(args: string[], env: Record<string, string | undefined> = {}, input = ''): Promise<CliResult> {
  return oneCommandAtATime.run(async () => {
    let stdout = '';
    let stderr = '';
    const output: Output = { out: (line) => (stdout += `${line}\n`), err: (line) => (stderr += `${line}\n`), readInput: () => input };
    const testEnv = process.env;
    process.env = childEnv(env);
    let code: number;
    try {
      code = await main(args, output);
    } catch (e) {
      stderr += `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
      code = 1;
    } finally {
      process.env = testEnv;
    }
    captureLogs(stdout, stderr);
    return { code, stdout, stderr };
  });
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
