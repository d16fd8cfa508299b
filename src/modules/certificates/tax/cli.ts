// madoguchi certificates import-tax FILE [--encoding utf8|cp932] [--municipality CODE]: replaces the fiscal years in
// tax-records.csv; madoguchi certificates import-serials FILE: replaces the kiosk's serial-number mapping. Either
// imports every line or lists every bad one (line, column, reason; never a value) and changes nothing.
import fs from 'node:fs';
import type { Command, Flags } from '../../../main.ts';
import { type Output, processOutput } from '../../../cli/output.ts';
import { withMunicipality } from '../../../cli/municipality.ts';
import { UsageError } from '../../../cli/usage.ts';
import { cliActor } from '../../../platform/auth/audit.ts';
import { type DescribedRowError, type EncodingOption, type ImportProgress, ProgressBar, type ProgressStream } from '../../../platform/csv/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { type ImportFileOptions, importTaxRecords } from './import.ts';
import { importSerials } from './serials.ts';

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

const count = (n: number) => n.toLocaleString('en');

/** A progress bar on a terminal; nothing when the command runs inside a test's main(). */
function progressFor(output: Output, file: string, label: string): ImportProgress {
  const stream: ProgressStream = output === processOutput ? process.stdout : { isTTY: false, write: () => true };
  return new ProgressBar({ stream, total: fs.statSync(file).size, label });
}

/** An import command: FILE and the common options; a rejection is printed one problem a line, exit 1. */
function importCommand(command: string, label: string, run: (o: ImportFileOptions) => Promise<string>): Command {
  return {
    options: { encoding: { type: 'string' }, municipality: { type: 'string' } },
    positionals: ['file'],
    async run(flags, output) {
      const file = fileArgument(flags);
      const encoding = encodingFlag(flags);
      return withMunicipality(flags, command, async (db, municipalityCode) => {
        try {
          output.out(await run({ db, municipalityCode, source: file, encoding, actor: cliActor, progress: progressFor(output, file, label) }));
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

/** `madoguchi certificates import-tax FILE`. */
export const importTaxCommand = importCommand('madoguchi certificates import-tax', '課税情報取込 / tax records', async (o) => {
  const r = await importTaxRecords(o);
  const years = r.years.map((y) => `${y.fiscalYear}: ${count(y.rows)}`).join(', ');
  return `${o.municipalityCode}: 課税情報を取り込みました / tax records imported — 年度別 / by year ${years}; 対象者 / people ${count(r.residents)} (${r.encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8'})`;
});

/** `madoguchi certificates import-serials FILE`. */
export const importSerialsCommand = importCommand('madoguchi certificates import-serials', 'シリアル番号取込 / serial numbers', async (o) => {
  const r = await importSerials(o);
  return `${o.municipalityCode}: 電子証明書シリアル番号の対応表を置き換えました / serial-number mapping replaced — ${count(r.rows)} 件 / rows`;
});
