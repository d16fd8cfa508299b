// madoguchi procedures load [DIR] | list [--municipality CODE]: the procedure definitions (手続き定義) from the command line.
import path from 'node:path';
import type { Command } from '../../main.ts';
import type { Output } from '../../cli/output.ts';
import { municipalityOption, withMunicipality } from '../../cli/municipality.ts';
import { AppError } from '../../platform/errors.ts';
import { formatInstant } from '../../platform/ui/format.ts';
import { type FileProblems, loadProcedureDir, shippedProceduresDir, systemLoader } from './procedures.ts';
import { listProcedures } from './store.ts';

/** Every bad file and its problems, after the summary in both languages. */
function printRejection(e: AppError, output: Output): void {
  output.err(`エラー: ${e.localized('ja')}\nError: ${e.localized('en')}`);
  for (const f of e.details.files as FileProblems[]) {
    for (const p of f.problems) output.err(`  ${f.file}: ${p}`);
  }
}

/** `madoguchi procedures load [DIR]`: all the folder's definitions or none, each a new version only when changed. */
export const proceduresLoadCommand: Command = {
  options: municipalityOption,
  positionals: ['dir'],
  async run(flags, output) {
    const dir = path.resolve(typeof flags.dir === 'string' ? flags.dir : shippedProceduresDir);
    return withMunicipality(flags, 'madoguchi procedures load', async (db, code) => {
      try {
        const loaded = await loadProcedureDir(db, code, dir, systemLoader('cli'));
        const changed = loaded.filter((l) => l.changed).length;
        output.out(`${code}: 手続き定義を読み込みました / procedures loaded — ${loaded.length} 件 / definitions, 更新 / changed ${changed}`);
        for (const l of loaded) {
          output.out(`  ${l.procedureId} v${l.version} ${l.changed ? '更新 / changed' : '変更なし / unchanged'}`);
        }
        return 0;
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'procedures_invalid')) throw e;
        printRejection(e, output);
        return 1;
      }
    });
  },
};

/** `madoguchi procedures list`: the newest version of each procedure, when and by whom it was loaded. */
export const proceduresListCommand: Command = {
  options: municipalityOption,
  async run(flags, output) {
    return withMunicipality(flags, 'madoguchi procedures list', async (db, code) => {
      const procedures = await listProcedures(db.kysely, code);
      if (procedures.length === 0) {
        output.out(`${code}: 手続き定義はありません / no procedures (madoguchi procedures load)`);
        return 0;
      }
      for (const p of procedures) {
        output.out(`${p.procedureId}\tv${p.version}\t${formatInstant(p.loadedAt)}\t${p.loadedBy}\t${p.definition.title.ja} / ${p.definition.title.en}`);
      }
      return 0;
    });
  },
};
