// madoguchi benefits import-taxpayers FILE [--programme ID], import-linkage FILE, compute-targets [--programme ID]
// [--dry-run]: the ledger's source files and the targets from the command line. An import either takes every line or
// lists every bad one (line, column, reason; never a value) and changes nothing; the summaries print counts and
// money, never a person.
import type { Command } from '../../main.ts';
import { count, importCommand } from '../../cli/import-command.ts';
import { withMunicipality } from '../../cli/municipality.ts';
import type { Output } from '../../cli/output.ts';
import { cliActor } from '../../platform/auth/audit.ts';
import { exclusionMessages } from './domain/exclusion.ts';
import { dryRunChanges } from './domain/dry-run.ts';
import { yenJa } from './domain/yen.ts';
import { importLinkage, importTaxpayers } from './import/import.ts';
import { programmeFlag } from './programme-flag.ts';
import { computeTargets, dryRunTargets, type TargetsDryRun } from './targets/compute.ts';
import type { TargetSummaryRow } from './targets/store.ts';

export { accountQueryCommand, importAccountResultsCommand } from './accounts/cli.ts';

const programmeOption = { programme: { type: 'string' } } as const;

const encodingName = (e: string) => (e === 'sjis' ? 'Shift_JIS' : 'UTF-8');

/** `madoguchi benefits import-taxpayers FILE`. */
export const importTaxpayersCommand = importCommand('madoguchi benefits import-taxpayers', '給付対象者課税情報取込 / taxpayers', async (o, flags) => {
  const programmeId = programmeFlag(flags);
  const r = await importTaxpayers({ ...o, programmeId });
  const kept = r.kept > 0 ? `; 通知済みのため保持 / kept (already notified) ${count(r.kept)}` : '';
  return `${o.municipalityCode} ${programmeId}: 課税情報を取り込みました / taxpayers imported — ${count(r.rows)} 件 / rows; 削除 / removed ${count(r.removed)}${kept} (${encodingName(r.encoding)})`;
}, programmeOption);

/** `madoguchi benefits import-linkage FILE`. */
export const importLinkageCommand = importCommand('madoguchi benefits import-linkage', '統合宛名番号データ取込 / linkage', async (o) => {
  const r = await importLinkage(o);
  return `${o.municipalityCode}: 統合宛名番号・前住所地データを置き換えました / linkage replaced — ${count(r.rows)} 件 / rows (${encodingName(r.encoding)})`;
});

function exclusionLabel(code: string | null): string {
  if (code === null) return '支給 / eligible';
  return Object.hasOwn(exclusionMessages, code) ? `対象外 / excluded: ${code}` : `対象外 / excluded: ${code} (?)`;
}

function printSummary(rows: readonly TargetSummaryRow[], output: Output): void {
  for (const r of rows) output.out(`  ${r.state} ${r.ruleVersion} ${exclusionLabel(r.exclusionCode)}: ${count(r.targets)} 人 / people, ${yenJa(r.amount)}`);
}

const changeLabels = {
  newly_eligible: '新たに支給対象 / newly eligible',
  newly_ineligible: '支給対象外に / newly ineligible',
  amount_changed: '支給額が変わる / amount changed',
  unchanged: '変わらない / unchanged',
} as const;

function printDryRun(r: TargetsDryRun, output: Output): void {
  const stored = r.storedVersions.length > 0 ? r.storedVersions.join(', ') : '（なし / none）';
  output.out(`試算 / dry run ${r.programmeId}: 保存済み / stored ${stored} → 適用 / proposed ${r.proposedVersion}（書き込みなし / nothing written）`);
  if (r.notComputed > 0) output.out(`  未算定 / not yet computed: ${count(r.notComputed)} 人 / people`);
  for (const change of dryRunChanges) {
    const t = r.totals[change];
    output.out(`  ${changeLabels[change]}: ${count(t.count)} 人 / people, ${yenJa(t.currentAmount)} → ${yenJa(t.proposedAmount)}`);
  }
  const o = r.overall;
  output.out(`  合計 / overall: ${count(o.targets)} 人 / people; 支給対象 / eligible ${count(o.currentEligible)} → ${count(o.proposedEligible)}; ${yenJa(o.currentAmount)} → ${yenJa(o.proposedAmount)}`);
}

/** `madoguchi benefits compute-targets [--programme ID] [--dry-run]`. */
export const computeTargetsCommand: Command = {
  options: { ...programmeOption, 'dry-run': { type: 'boolean' }, municipality: { type: 'string' } },
  async run(flags, output) {
    const programmeId = programmeFlag(flags);
    return withMunicipality(flags, 'madoguchi benefits compute-targets', async (db, municipalityCode) => {
      if (flags['dry-run']) {
        printDryRun(await dryRunTargets({ db, municipalityCode, programmeId }), output);
        return 0;
      }
      const r = await computeTargets({ db, municipalityCode, programmeId, actor: cliActor });
      output.out(`${municipalityCode} ${programmeId}: ${count(r.computed)} 人を算定しました / decided ${count(r.computed)} taxpayers with ${r.ruleVersion}`);
      printSummary(r.summary, output);
      return 0;
    });
  },
};
