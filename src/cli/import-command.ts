// An import command of any module: FILE, --encoding, --municipality (and the module's own options); the file is
// imported whole or refused with every bad line printed (line, column, reason in Japanese and English; never a value).
import fs from 'node:fs';
import type { Command, Flags } from '../main.ts';
import { cliActor } from '../platform/auth/audit.ts';
import { type DescribedRowError, type EncodingOption, type ImportFileOptions, type ImportProgress, ProgressBar, type ProgressStream } from '../platform/csv/index.ts';
import { AppError } from '../platform/errors.ts';
import { withMunicipality } from './municipality.ts';
import { type Output, processOutput } from './output.ts';
import { UsageError } from './usage.ts';

/** The FILE argument, which must name a readable file. */
function fileArgument(flags: Flags): string {
  const value = flags.file;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError('取り込むファイルを指定してください', 'Give the file to import');
  if (!fs.statSync(value, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`ファイルが見つかりません: ${value}`, `No such file: ${value}`);
  return value;
}

/** --encoding utf8 | cp932 (sjis is the same); detected when absent. */
function encodingFlag(flags: Flags): EncodingOption {
  const value = flags.encoding;
  if (value === undefined) return 'auto';
  if (value === 'utf8') return 'utf8';
  if (value === 'cp932' || value === 'sjis') return 'sjis';
  throw new UsageError(`--encoding には utf8 または cp932 を指定してください: ${String(value)}`, `--encoding must be utf8 or cp932: ${String(value)}`);
}

/** 12,345: counts as the import commands print them. */
export const count = (n: number) => n.toLocaleString('en');

/** A progress bar on a terminal; nothing when the command runs inside a test's main(). */
function progressFor(output: Output, file: string, label: string): ImportProgress {
  const stream: ProgressStream = output === processOutput ? process.stdout : { isTTY: false, write: () => true };
  return new ProgressBar({ stream, total: fs.statSync(file).size, label });
}

/** An import command: FILE and the common options (plus `options`); a rejection is printed one problem a line, exit 1. */
export function importCommand(command: string, label: string, run: (o: ImportFileOptions, flags: Flags) => Promise<string>, options: Command['options'] = {}): Command {
  return {
    options: { encoding: { type: 'string' }, municipality: { type: 'string' }, ...options },
    positionals: ['file'],
    async run(flags, output) {
      const file = fileArgument(flags);
      const encoding = encodingFlag(flags);
      return withMunicipality(flags, command, async (db, municipalityCode) => {
        try {
          output.out(await run({ db, municipalityCode, source: file, encoding, actor: cliActor, progress: progressFor(output, file, label) }, flags));
          return 0;
        } catch (e) {
          if (!(e instanceof AppError && e.code === 'import_rejected')) throw e;
          printRejection(e, output);
          return 1;
        }
      });
    },
  };
}

/** The rejection as the administrator reads it: the summary, then one line per problem in both languages. */
function printRejection(e: AppError, output: Output): void {
  output.err(`エラー: ${e.localized('ja')}\nError: ${e.localized('en')}`);
  const problems = e.details.errors as DescribedRowError[];
  for (const p of problems) output.err(`  ${p.ja} / ${p.en}`);
  const more = Number(e.details.count) - problems.length;
  if (more > 0) output.err(`  …ほか ${count(more)} 件 / … and ${count(more)} more`);
}
