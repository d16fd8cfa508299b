// madoguchi audit verify|anchor|export: check the audit chain (and its anchors), sign its head now, export it for auditors.
import os from 'node:os';
import type { Command, Flags } from '../../main.ts';
import { type Config, loadConfig } from '../../platform/config.ts';
import {
  anchorAuditChain,
  anchorBreakMessage,
  auditedMunicipalities,
  auditPublicKeyPath,
  chainBreakMessage,
  defaultAnchorsFile,
  exportAuditCsv,
  readAuditPublicKey,
  verifyAgainstAnchors,
  verifyAuditChain,
} from '../../platform/audit/index.ts';
import { type Db, openDb } from '../../platform/db/index.ts';
import { pendingMigrations } from '../../platform/db/migrate.ts';
import { AppError } from '../../platform/errors.ts';
import { parseMunicipalityCode } from '../../platform/tenancy.ts';
import { UsageError } from '../usage.ts';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

async function withDb<T>(config: Config, command: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(config, command);
  try {
    const pending = await pendingMigrations(db);
    if (pending.length) throw new AppError('migrations_pending', { names: pending.join(', ') });
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** --municipality when given, else every municipality with a chain. */
async function chosen(db: Db, flags: Flags): Promise<string[]> {
  const one = str(flags.municipality);
  return one === undefined ? auditedMunicipalities(db) : [parseMunicipalityCode(one)];
}

const verify: Command = {
  options: { municipality: { type: 'string' }, anchors: { type: 'string' }, 'public-key': { type: 'string' } },
  run(flags, output) {
    const config = loadConfig({ data: str(flags.data) });
    const anchors = str(flags.anchors);
    return withDb(config, 'madoguchi audit verify', async (db) => {
      let failed = false;
      const codes = await chosen(db, flags);
      if (!codes.length) output.out('操作ログはまだありません / no audit events yet');
      for (const code of codes) {
        const chain = await verifyAuditChain(db, code);
        if (!chain.ok) {
          failed = true;
          const { seq, reason } = chain.broken;
          output.out(`${code}: 改ざんを検出 / TAMPERED — 最初の破損 / first broken link: 連番 / seq ${seq}: ${chainBreakMessage(reason, 'ja')} / ${chainBreakMessage(reason, 'en')} (${reason})`);
          continue;
        }
        output.out(`${code}: 正常 / intact — ${chain.head.seq.toLocaleString('en')} 件 / events, head ${chain.head.hash}`);
        if (anchors === undefined) continue;
        const key = readAuditPublicKey(str(flags['public-key']) ?? auditPublicKeyPath(config.dataDir, code));
        const check = await verifyAgainstAnchors(db, code, anchors, key);
        if (check.ok) {
          output.out(`${code}: アンカー ${check.anchors} 件と一致 / matches ${check.anchors} anchors`);
        } else {
          failed = true;
          const { line, seq, reason } = check.broken;
          output.out(`${code}: アンカー不一致 / ANCHOR FAILED — ${anchors}:${line} (連番 / seq ${seq ?? '-'}): ${anchorBreakMessage(reason, 'ja')} / ${anchorBreakMessage(reason, 'en')}`);
        }
      }
      return failed ? 1 : 0;
    });
  },
};

const anchor: Command = {
  options: { municipality: { type: 'string' }, anchors: { type: 'string' } },
  run(flags, output) {
    const config = loadConfig({ data: str(flags.data) });
    const anchorsFile = str(flags.anchors) ?? defaultAnchorsFile(config);
    return withDb(config, 'madoguchi audit anchor', async (db) => {
      let failed = false;
      for (const code of await chosen(db, flags)) {
        const result = await anchorAuditChain(db, config, code, { anchorsFile });
        if ('anchored' in result) {
          output.out(`${code}: 署名しました / anchored seq ${result.anchored.seq} ${result.anchored.hash} → ${anchorsFile}`);
        } else if ('empty' in result) {
          output.out(`${code}: 操作ログがありません / no events to anchor`);
        } else {
          failed = true;
          output.out(`${code}: チェーンが壊れているため署名しません / chain broken, not anchored — 連番 / seq ${result.broken.seq}: ${chainBreakMessage(result.broken.reason, 'ja')} / ${chainBreakMessage(result.broken.reason, 'en')}`);
        }
      }
      return failed ? 1 : 0;
    });
  },
};

const day = 86_400_000;

/** A calendar date in Japan time: its first instant, or (for --to, which is inclusive) the first instant of the next day. */
function jstDay(flag: string, value: string | undefined, next: boolean): Date | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const utcMidnight = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag} は YYYY-MM-DD の日付で指定してください: ${value}`, `${flag} must be a date YYYY-MM-DD: ${value}`);
  }
  return new Date(utcMidnight - 9 * 3_600_000 + (next ? day : 0));
}

const exportCommand: Command = {
  options: {
    municipality: { type: 'string' }, csv: { type: 'string' }, user: { type: 'string' }, subject: { type: 'string' },
    operation: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
  },
  run(flags, output) {
    const csv = str(flags.csv);
    if (!csv) throw new UsageError('--csv FILE を指定してください', '--csv FILE is required');
    const from = jstDay('--from', str(flags.from), false);
    const to = jstDay('--to', str(flags.to), true);
    const config = loadConfig({ data: str(flags.data) });
    return withDb(config, 'madoguchi audit export', async (db) => {
      const codes = await chosen(db, flags);
      const code = codes[0];
      if (codes.length !== 1 || code === undefined) {
        throw new UsageError('--municipality CODE を指定してください', `--municipality CODE is required (chains: ${codes.join(', ') || 'none'})`);
      }
      const filter = { municipalityCode: code, user: str(flags.user), subject: str(flags.subject), operation: str(flags.operation), from, to };
      const actor = { userId: 'cli', userName: os.userInfo().username };
      const summary = await exportAuditCsv(db, filter, { actor }, csv);
      output.out(`${summary.rows.toLocaleString('en')} 件を書き出しました / exported ${summary.rows.toLocaleString('en')} events → ${csv}`);
      return 0;
    });
  },
};

/** `madoguchi audit <verify|anchor|export>`: the tamper-evident audit log (操作ログ). */
export const auditCommand: Command = {
  options: {},
  subcommands: { verify, anchor, export: exportCommand },
  run() {
    throw new UsageError('audit のサブコマンドを指定してください（verify, anchor, export）', 'audit needs a subcommand (verify, anchor, export)');
  },
};
