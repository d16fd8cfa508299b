// madoguchi review import --residents FILE --tax-years FILE [--encoding utf8|sjis] [--municipality CODE]:
// replaces the review extract (審査用データの取込) from the two files the core systems write, or changes nothing.
import fs from 'node:fs';
import type { Command, Flags } from '../../main.ts';
import { type Output, processOutput } from '../../cli/output.ts';
import { withMunicipality } from '../../cli/municipality.ts';
import { UsageError } from '../../cli/usage.ts';
import { cliActor } from '../../platform/auth/audit.ts';
import { loadMasterKey } from '../../platform/crypto/index.ts';
import { type EncodingOption, ProgressBar, type ProgressStream } from '../../platform/csv/index.ts';
import { AppError } from '../../platform/errors.ts';
import { importExtract } from './import.ts';
import type { ExtractProblem } from './import-state.ts';
import { reviewIndexer } from './indexer.ts';

/** A file flag that must name a readable file. */
function fileFlag(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} を指定してください`, `--${name} is required`);
  if (!fs.statSync(value, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`ファイルが見つかりません: ${value}`, `No such file: ${value}`);
  return value;
}

function encodingFlag(flags: Flags): EncodingOption {
  const value = flags.encoding;
  if (value === undefined) return 'auto';
  if (value === 'utf8' || value === 'sjis') return value;
  throw new UsageError(`--encoding には utf8 または sjis を指定してください: ${String(value)}`, `--encoding must be utf8 or sjis: ${String(value)}`);
}

const count = (n: number) => n.toLocaleString('en');

/** The rejection as the clerk reads it: the summary, then one line per problem in both languages. */
function printRejection(e: AppError, output: Output): void {
  output.err(`エラー: ${e.localized('ja')}\nError: ${e.localized('en')}`);
  const problems = e.details.errors as ExtractProblem[];
  for (const p of problems) output.err(`  ${p.ja} / ${p.en}`);
  const more = Number(e.details.count) - problems.length;
  if (more > 0) output.err(`  …ほか ${count(more)} 件 / … and ${count(more)} more`);
}

/** `madoguchi review import`. */
export const reviewImportCommand: Command = {
  options: {
    residents: { type: 'string' },
    'tax-years': { type: 'string' },
    encoding: { type: 'string' },
    municipality: { type: 'string' },
  },
  async run(flags, output) {
    const residentsFile = fileFlag(flags, 'residents');
    const taxYearsFile = fileFlag(flags, 'tax-years');
    const encoding = encodingFlag(flags);
    return withMunicipality(flags, 'madoguchi review import', async (db, code, config) => {
      const master = loadMasterKey(config);
      // Drawn only on a terminal (ProgressBar checks), and never when the command runs inside a test's main().
      const stream: ProgressStream = output === processOutput ? process.stdout : { isTTY: false, write: () => true };
      const total = fs.statSync(residentsFile).size + fs.statSync(taxYearsFile).size;
      const progress = new ProgressBar({ stream, total, label: '審査用データ取込 / review extract' });
      const started = performance.now();
      try {
        const result = await importExtract({ db, indexer: await reviewIndexer(db, master, code), residentsFile, taxYearsFile, encoding, actor: cliActor, progress });
        const seconds = (performance.now() - started) / 1000;
        output.out(
          `${code}: 審査用データを取り込みました / review extract imported — 世代 / generation ${result.generation}: ` +
            `住民 / residents ${count(result.residents)}, 氏名 / readings ${count(result.readings)}, 課税年度 / tax years ${count(result.taxYears)} ` +
            `(${seconds.toFixed(1)} s)`,
        );
        return 0;
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'import_rejected')) throw e;
        printRejection(e, output);
        return 1;
      }
    });
  },
};
