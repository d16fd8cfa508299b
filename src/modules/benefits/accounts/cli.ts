// madoguchi benefits account-query --out FILE [--programme ID] [--again] [--encoding utf8|cp932], and
// madoguchi benefits import-account-results FILE: the 公金受取口座 query (seed 002 ②) and its result (③) from the
// command line. The query is audited as an export; the import all-or-nothing, printing every bad line (line, column,
// reason; never a value). Summaries give counts, never a person.
import fs from 'node:fs';
import path from 'node:path';
import type { Command, Flags } from '../../../main.ts';
import { count, importCommand } from '../../../cli/import-command.ts';
import { withMunicipality } from '../../../cli/municipality.ts';
import { UsageError } from '../../../cli/usage.ts';
import { appendAudit } from '../../../platform/audit/index.ts';
import { auditEvent } from '../../../platform/csv/index.ts';
import { cliActor } from '../../../platform/auth/audit.ts';
import { loadConfig } from '../../../platform/config.ts';
import { fieldCipher, loadMasterKey } from '../../../platform/crypto/index.ts';
import { benefitOperations as ops } from '../audit.ts';
import { programmeFlag } from '../programme-flag.ts';
import { type AccountResultsImport, importAccountResults, writeAccountQuery } from './public-fund.ts';

function outFile(flags: Flags): string {
  const value = flags.out;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError('--out に書き出すファイルを指定してください', 'Give the file to write with --out');
  if (!fs.statSync(path.dirname(path.resolve(value)), { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`書き出し先のフォルダがありません: ${value}`, `No such folder for: ${value}`);
  }
  return value;
}

function encodingOf(flags: Flags): 'utf8' | 'sjis' {
  const value = flags.encoding;
  if (value === undefined || value === 'cp932' || value === 'sjis') return 'sjis';
  if (value === 'utf8') return 'utf8';
  throw new UsageError(`--encoding には utf8 または cp932 を指定してください: ${String(value)}`, `--encoding must be utf8 or cp932: ${String(value)}`);
}

/** `madoguchi benefits account-query --out FILE`. */
export const accountQueryCommand: Command = {
  options: { out: { type: 'string' }, programme: { type: 'string' }, again: { type: 'boolean' }, encoding: { type: 'string' }, municipality: { type: 'string' } },
  async run(flags, output) {
    const programmeId = programmeFlag(flags);
    const dest = outFile(flags);
    const encoding = encodingOf(flags);
    return withMunicipality(flags, 'madoguchi benefits account-query', async (db, municipalityCode) => {
      const startedAt = new Date();
      const r = await writeAccountQuery({ db: db.kysely, municipalityCode, programmeId, again: flags.again === true, dest, encoding });
      const event = auditEvent({ municipalityCode, actor: cliActor }, ops['benefits.accounts.query']);
      await db.transaction((tx) => appendAudit(tx, { ...event, detail: `${programmeId}: 照会 ${r.rows}件`, startedAt, endedAt: new Date() }));
      output.out(`${municipalityCode} ${programmeId}: 公金受取口座の情報照会内容ファイルを書き出しました / query file written — ${count(r.rows)} 人 / people (${encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8'})`);
      return 0;
    });
  },
};

/** The import's summary lines. */
export function accountResultsSummary(r: AccountResultsImport): string[] {
  const lines = [
    `回答 / answers ${count(r.answers)}: 口座を登録 / registered ${count(r.registered)}, 変更なし / unchanged ${count(r.unchanged)}, 申出・訂正の口座を保持 / kept (reply or correction) ${count(r.keptOther)}`,
  ];
  for (const n of r.noAccount) {
    const why = [n.statusName || '（照会ステータスなし / no status）', n.unsetReason].filter(Boolean).join(' / ');
    lines.push(`  口座なし / no account — ${why}: ${count(n.count)} 人 / people`);
  }
  return lines;
}

/** `madoguchi benefits import-account-results FILE`. */
export const importAccountResultsCommand = importCommand('madoguchi benefits import-account-results', '公金受取口座照会結果 / account results', async (o, flags) => {
  const master = loadMasterKey(loadConfig({ data: flags.data as string | undefined }));
  const cipher = await fieldCipher(o.db, master, o.municipalityCode);
  const r = await importAccountResults({ ...o, cipher, by: null });
  return [`${o.municipalityCode}: 公金受取口座の照会結果を取り込みました / results imported — ${count(r.rows)} 行 / lines (${r.encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8'})`, ...accountResultsSummary(r)].join('\n');
});
