// madoguchi review client add|list|suspend|resume: the systems allowed to call the review API (審査アシストの接続先).
// The command line acts as the system principal; every change is an audit event by "cli".
import type { Command, Flags } from '../../main.ts';
import { cliActor } from '../../platform/auth/audit.ts';
import { formatInstant } from '../../platform/ui/format.ts';
import { changeReviewClientSuspension, defaultRatePerMinute, listReviewClients, maxRatePerMinute, registerReviewClient } from '../../modules/review/index.ts';
import { displayColumns, padColumns } from '../output.ts';
import { municipalityOption, withMunicipality } from '../municipality.ts';
import { networksOf, positional } from '../args.ts';
import { UsageError } from '../usage.ts';

function rateOf(flags: Flags): number {
  if (flags.rate === undefined) return defaultRatePerMinute;
  const n = Number(flags.rate);
  if (!/^\d+$/.test(String(flags.rate)) || n < 1 || n > maxRatePerMinute) {
    throw new UsageError(`--rate には 1〜${maxRatePerMinute} の整数を指定してください: ${String(flags.rate)}`, `--rate must be an integer from 1 to ${maxRatePerMinute}: ${String(flags.rate)}`);
  }
  return n;
}

const clientIdOf = (flags: Flags): string => {
  const id = positional(flags, 'clientId', 'ID');
  if (!/^rc_[0-9a-f]{16}$/.test(id)) throw new UsageError(`接続先IDの形式が正しくありません（rc_ と16桁の16進数）: ${id}`, `A client id is rc_ and 16 hex digits: ${id}`);
  return id;
};

const add: Command = {
  options: { ...municipalityOption, networks: { type: 'string' }, rate: { type: 'string' }, 'suspend-on-alert': { type: 'boolean' } },
  positionals: ['name'],
  async run(flags, output) {
    const name = positional(flags, 'name', 'NAME');
    const networks = networksOf(flags);
    const ratePerMinute = rateOf(flags);
    return withMunicipality(flags, 'madoguchi review client add', async (db, municipalityCode) => {
      const suspendOnAlert = flags['suspend-on-alert'] === true;
      const { clientId, token } = await registerReviewClient(db, { municipalityCode, name, networks, ratePerMinute, suspendOnAlert }, cliActor);
      output.out(`審査アシストの接続先「${name}」を登録しました / registered review client "${name}" in ${municipalityCode}`);
      output.out(`client_id: ${clientId}`);
      output.out(`secret: ${token}`);
      output.out('secret はこの表示限りです。Authorization: Bearer <secret> として送ってください / the secret is shown only now: send it as Authorization: Bearer <secret>');
      return 0;
    });
  },
};

const list: Command = {
  options: { ...municipalityOption },
  async run(flags, output) {
    return withMunicipality(flags, 'madoguchi review client list', async (db, municipalityCode) => {
      const rows = (await listReviewClients(db, municipalityCode)).map((c) => [
        c.clientId,
        c.name,
        c.suspendedAt ? `suspended ${formatInstant(c.suspendedAt)} (${c.suspendedReason ?? ''})` : 'active',
        String(c.ratePerMinute),
        c.allowedNetworks.join(',') || 'any',
        c.suspendOnAlert ? 'suspend' : 'alert only',
        formatInstant(c.lastUsedAt) || '-',
      ]);
      const header = ['client_id', 'name', 'state', 'per min', 'networks', 'on alert', 'last used (JST)'];
      const widths = header.map((h, i) => Math.max(...[h, ...rows.map((r) => r[i]!)].map(displayColumns)) + 2);
      for (const r of [header, ...rows]) output.out(r.map((c, i) => padColumns(c, widths[i]!)).join('').trimEnd());
      return 0;
    });
  },
};

/** suspend or resume one client by id. */
const change = (suspend: boolean): Command => ({
  options: { ...municipalityOption, ...(suspend ? { reason: { type: 'string' } } : {}) },
  positionals: ['clientId'],
  async run(flags, output) {
    const clientId = clientIdOf(flags);
    const given = typeof flags.reason === 'string' ? flags.reason.trim() : '';
    if (given.length > 200 || /\p{Cc}/u.test(given)) throw new UsageError('--reason は200文字以内で、制御文字を含めないでください', '--reason is at most 200 characters, without control characters');
    const reason = given || (suspend ? 'suspended from the command line' : 'resumed from the command line');
    return withMunicipality(flags, `madoguchi review client ${suspend ? 'suspend' : 'resume'}`, async (db, municipalityCode) => {
      await changeReviewClientSuspension(db, { municipalityCode, clientId, suspend, reason }, cliActor);
      output.out(suspend
        ? `${clientId} を利用停止にしました（稼働中のサーバーには数秒で反映） / suspended ${clientId}; running servers refuse it within seconds`
        : `${clientId} の利用を再開しました / resumed ${clientId}`);
      return 0;
    });
  },
});

/** `madoguchi review client <subcommand>`. */
export const reviewClientCommand: Command = {
  options: {},
  subcommands: { add, list, suspend: change(true), resume: change(false) },
  run() {
    throw new UsageError('review client のサブコマンドを指定してください（add|list|suspend|resume）', 'review client needs a subcommand (add|list|suspend|resume)');
  },
};
