// madoguchi certificates kiosk-client add|list, rotate-key, settings: what an administrator sets up for issuance.
// The command line acts as "cli"; every change is an audit event.
import fs from 'node:fs';
import { networksOf, positional } from '../../cli/args.ts';
import { municipalityOption, withMunicipality } from '../../cli/municipality.ts';
import { displayColumns, padColumns } from '../../cli/output.ts';
import { UsageError } from '../../cli/usage.ts';
import type { Command, Flags } from '../../main.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { cliActor } from '../../platform/auth/audit.ts';
import { cachedFieldCiphers } from '../../platform/crypto/index.ts';
import { formatInstant } from '../../platform/ui/format.ts';
import { certificateOperations as ops } from './audit.ts';
import { rotateSigningKey } from './issuance/signing-keys.ts';
import { findSettings, saveSettings } from './issuance/store.ts';
import { listKioskClients, registerKioskClient } from './kiosk/clients.ts';

const kioskAdd: Command = {
  options: { ...municipalityOption, networks: { type: 'string' } },
  positionals: ['name'],
  async run(flags, output) {
    const name = positional(flags, 'name', 'NAME');
    const networks = networksOf(flags);
    return withMunicipality(flags, 'madoguchi certificates kiosk-client add', async (db, municipalityCode) => {
      const { clientId, token } = await registerKioskClient(db, { municipalityCode, name, networks }, cliActor);
      output.out(`コンビニ交付の接続先「${name}」を登録しました / registered kiosk client "${name}" in ${municipalityCode}`);
      output.out(`client_id: ${clientId}`);
      output.out(`secret: ${token}`);
      output.out('secret はこの表示限りです。Authorization: Bearer <secret> として送ってください / the secret is shown only now: send it as Authorization: Bearer <secret>');
      return 0;
    });
  },
};

const kioskList: Command = {
  options: { ...municipalityOption },
  async run(flags, output) {
    return withMunicipality(flags, 'madoguchi certificates kiosk-client list', async (db, municipalityCode) => {
      const clients = await listKioskClients(db, municipalityCode);
      if (clients.length === 0) {
        output.out('接続先はありません / no kiosk clients');
        return 0;
      }
      const widths = [22, displayColumns('利用停止') + 12, 18];
      for (const c of clients) {
        const state = c.suspendedAt ? `利用停止 ${formatInstant(c.suspendedAt)}` : '利用中';
        output.out(`${padColumns(c.clientId, widths[0]!)}${padColumns(state, widths[1]!)}${padColumns(c.allowedNetworks.join(',') || 'any', widths[2]!)}${c.name}`);
      }
      return 0;
    });
  },
};

const kioskClient: Command = {
  options: {},
  subcommands: { add: kioskAdd, list: kioskList },
  run() {
    throw new UsageError('kiosk-client のサブコマンドを指定してください（add, list）', 'kiosk-client needs a subcommand (add, list)');
  },
};

const rotateKey: Command = {
  options: { ...municipalityOption },
  async run(flags, output) {
    return withMunicipality(flags, 'madoguchi certificates rotate-key', async (db, municipalityCode, config) => {
      const keyId = await rotateSigningKey(db, await cachedFieldCiphers(db, config)(municipalityCode));
      await db.transaction((tx) => appendAudit(tx, { municipalityCode, operation: ops['certificates.key.rotate'], actor: cliActor, detail: `new key ${keyId}` }));
      output.out(`証明書署名鍵を更新しました（旧鍵は検証用に公開を続けます）/ new signing key ${keyId}; the old one stays published for verification`);
      return 0;
    });
  },
};

function feeOf(flags: Flags): number | undefined {
  if (flags.fee === undefined) return undefined;
  const text = String(flags.fee);
  if (!/^\d{1,6}$/.test(text) || Number(text) > 100_000) throw new UsageError(`--fee には 0〜100000 の整数（円）を指定してください: ${text}`, `--fee must be whole yen from 0 to 100000: ${text}`);
  return Number(text);
}

function sealOf(flags: Flags): Buffer | null | undefined {
  if (flags.seal === undefined) return undefined;
  if (flags.seal === 'none') return null;
  const file = String(flags.seal);
  const bytes = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  if (!bytes) throw new UsageError(`ファイルが見つかりません: ${file}`, `No such file: ${file}`);
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new UsageError('公印の画像は PNG にしてください', 'The seal image must be a PNG');
  if (bytes.length > 262_144) throw new UsageError('公印の画像は 256 KiB 以下にしてください', 'The seal image may be at most 256 KiB');
  return bytes;
}

const settings: Command = {
  options: { ...municipalityOption, fee: { type: 'string' }, 'mayor-name': { type: 'string' }, seal: { type: 'string' }, 'kiosk-year-switch': { type: 'string' } },
  async run(flags, output) {
    const fee = feeOf(flags);
    const seal = sealOf(flags);
    const mayorName = flags['mayor-name'] === undefined ? undefined : String(flags['mayor-name']).trim();
    if (mayorName !== undefined && mayorName.length > 30) throw new UsageError('首長の氏名は30文字以内にしてください', 'The mayor\'s name may be at most 30 characters');
    const yearSwitch = flags['kiosk-year-switch'] === undefined ? undefined : String(flags['kiosk-year-switch']);
    if (yearSwitch !== undefined && !/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/.test(yearSwitch)) throw new UsageError(`--kiosk-year-switch は MM-DD で指定してください: ${yearSwitch}`, `--kiosk-year-switch is MM-DD: ${yearSwitch}`);
    return withMunicipality(flags, 'madoguchi certificates settings', async (db, municipalityCode) => {
      const now = await findSettings(db.kysely, municipalityCode);
      const next = {
        feePerCopyYen: fee ?? now.feePerCopyYen,
        mayorNameJa: mayorName ?? now.mayorNameJa,
        sealPng: seal === undefined ? now.sealPng : seal,
        kioskYearSwitch: yearSwitch ?? now.kioskYearSwitch,
      };
      await saveSettings(db.kysely, municipalityCode, next);
      output.out(`手数料 ${next.feePerCopyYen}円/通、首長名 ${next.mayorNameJa || '（なし）'}、公印 ${next.sealPng ? `PNG ${next.sealPng.length} bytes` : '（描画）'}、コンビニ交付の年度切替 ${next.kioskYearSwitch}`);
      output.out(`fee ${next.feePerCopyYen} yen per copy, mayor ${next.mayorNameJa || '(none)'}, seal ${next.sealPng ? `PNG ${next.sealPng.length} bytes` : '(drawn)'}, kiosk year switch ${next.kioskYearSwitch}`);
      return 0;
    });
  },
};

export const certificateAdminCommands = { 'kiosk-client': kioskClient, 'rotate-key': rotateKey, settings } as const;
