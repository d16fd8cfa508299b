// madoguchi certificates …: the certificates' source data from the command line (課税情報, シリアル番号).
import type { Command } from '../../main.ts';
import { UsageError } from '../usage.ts';
import { certificateAdminCommands } from '../../modules/certificates/cli.ts';
import { importSerialsCommand, importTaxCommand } from '../../modules/certificates/tax/cli.ts';

/**
 * `madoguchi certificates <subcommand>`: `import-tax FILE` (tax-records.csv), `import-serials FILE` (the kiosk mapping),
 * `kiosk-client add|list`, `rotate-key`, `settings`.
 */
export const certificatesCommand: Command = {
  options: {},
  subcommands: { 'import-tax': importTaxCommand, 'import-serials': importSerialsCommand, ...certificateAdminCommands },
  run() {
    throw new UsageError('certificates のサブコマンドを指定してください（import-tax, import-serials, kiosk-client, rotate-key, settings）', 'certificates needs a subcommand (import-tax, import-serials, kiosk-client, rotate-key, settings)');
  },
};
