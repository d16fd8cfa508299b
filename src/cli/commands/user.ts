// madoguchi user add|disable|reset-mfa|unlock|list: staff accounts from the command line, for the first administrator
// and for recovery. The command line acts as the system principal; every change is an audit event by "cli".
import type { Command, Flags } from '../../main.ts';
import { can, type Principal } from '../../platform/access/can.ts';
import { isRoleName, roles } from '../../platform/access/roles.ts';
import { listAccountSummaries } from '../../platform/auth/account-store.ts';
import { changeAccount, createAccount } from '../../platform/auth/accounts.ts';
import { cliActor } from '../../platform/auth/audit.ts';
import { isLocked } from '../../platform/auth/lockout.ts';
import { generatePassword } from '../../platform/auth/password.ts';
import { findSecuritySettings } from '../../platform/auth/settings.ts';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { formatInstant } from '../../platform/ui/format.ts';
import { displayColumns, type Output, padColumns } from '../output.ts';
import { municipalityOption, withMunicipality as withMunicipalityOf } from '../municipality.ts';
import { UsageError } from '../usage.ts';

const system: Principal = { kind: 'system', reason: 'cli' };
const loginOption = { login: { type: 'string' } } as const;

/** Runs fn for the municipality (see src/cli/municipality.ts), as the system principal allowed to manage accounts. */
async function withMunicipality<T>(flags: Flags, command: string, fn: (db: Db, municipalityCode: string) => Promise<T>): Promise<T> {
  if (!can(system, 'staff.account.manage')) throw new AppError('forbidden');
  return withMunicipalityOf(flags, command, fn);
}

/** The value of a required text flag. */
function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} を指定してください`, `--${name} is required`);
  return value.trim();
}

/** A login id as the database accepts it. */
function loginId(flags: Flags): string {
  const id = required(flags, 'login');
  if (!/^[a-z0-9._-]{3,64}$/.test(id)) throw new UsageError(`ログインIDは英小文字・数字・. _ - の3〜64文字です: ${id}`, `A login id is 3–64 of a-z 0-9 . _ -: ${id}`);
  return id;
}

/** The password piped in on standard input (one trailing newline dropped). */
function passwordFromStdin(output: Output): string {
  return output.readInput().replace(/\r?\n$/, '');
}

const add: Command = {
  options: { ...municipalityOption, ...loginOption, name: { type: 'string' }, department: { type: 'string' }, role: { type: 'string' }, organisation: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(flags, output) {
    const id = loginId(flags);
    const role = required(flags, 'role');
    if (!isRoleName(role)) throw new UsageError(`不明な役割です: ${role}`, `Unknown role: ${role} (${Object.keys(roles).join('|')})`);
    const account = {
      loginId: id,
      displayName: required(flags, 'name'),
      department: required(flags, 'department'),
      organisation: typeof flags.organisation === 'string' && flags.organisation.trim() ? flags.organisation.trim() : null,
      role,
    };
    const generated = flags['password-stdin'] ? undefined : generatePassword();
    const password = generated ?? passwordFromStdin(output);
    return withMunicipality(flags, 'madoguchi user add', async (db, municipalityCode) => {
      await createAccount(db, { municipalityCode, ...account, password }, cliActor);
      output.out(`${id} を作成しました（役割: ${role}） / created ${id} with role ${role} in ${municipalityCode}`);
      if (generated) output.out(`初期パスワード（この表示限り） / initial password (shown only now): ${generated}`);
      return 0;
    });
  },
};

/** A command that changes one account by --login. */
const change = (kind: 'disable' | 'reset-mfa' | 'unlock', done: (id: string) => string): Command => ({
  options: { ...municipalityOption, ...loginOption },
  async run(flags, output) {
    const id = loginId(flags);
    return withMunicipality(flags, `madoguchi user ${kind}`, async (db, municipalityCode) => {
      await changeAccount(db, kind, municipalityCode, id, cliActor);
      output.out(done(id));
      return 0;
    });
  },
});

const list: Command = {
  options: { ...municipalityOption },
  async run(flags, output: Output) {
    return withMunicipality(flags, 'madoguchi user list', async (db, municipalityCode) => {
      const settings = await findSecuritySettings(db.kysely, municipalityCode);
      const now = new Date();
      const rows = (await listAccountSummaries(db.kysely, municipalityCode)).map((a) => [
        a.loginId,
        a.displayName,
        a.organisation ? `${a.department} (${a.organisation})` : a.department,
        a.roles.join(',') || '-',
        a.mfaEnabled ? 'on' : 'off',
        a.disabledAt ? 'disabled' : isLocked({ failedLoginCount: 0, lockedAt: a.lockedAt }, settings, now) ? 'locked' : 'active',
        formatInstant(a.lastLoginAt) || '-',
      ]);
      const header = ['login', 'name', 'department', 'roles', 'mfa', 'state', 'last login (JST)'];
      const widths = header.map((h, i) => Math.max(...[h, ...rows.map((r) => r[i]!)].map(displayColumns)) + 2);
      for (const r of [header, ...rows]) output.out(r.map((c, i) => padColumns(c, widths[i]!)).join('').trimEnd());
      return 0;
    });
  },
};

/** `madoguchi user <subcommand>`: staff accounts. */
export const userCommand: Command = {
  options: {},
  subcommands: {
    add,
    disable: change('disable', (id) => `${id} を停止し、セッションを終了しました / disabled ${id} and ended its sessions`),
    'reset-mfa': change('reset-mfa', (id) => `${id} の多要素認証をリセットしました（次回ログイン時に再設定） / reset ${id}'s second factor; it is set up again at the next login`),
    unlock: change('unlock', (id) => `${id} のロックを解除しました / unlocked ${id}`),
    list,
  },
  run() {
    throw new UsageError('user のサブコマンドを指定してください（add|disable|reset-mfa|unlock|list）', 'user needs a subcommand (add|disable|reset-mfa|unlock|list)');
  },
};
