// madoguchi certificates …: the certificates' source data from the command line (課税情報, シリアル番号).
import type { Command } from '../../main.ts';
import { UsageError } from '../usage.ts';
import { importSerialsCommand, importTaxCommand } from '../../modules/certificates/tax/cli.ts';

/** `madoguchi certificates <subcommand>`: `import-tax FILE` (tax-records.csv), `import-serials FILE` (the kiosk mapping). */
export const certificatesCommand: Command = {
  options: {},
  subcommands: { 'import-tax': importTaxCommand, 'import-serials': importSerialsCommand },
  run() {
    throw new UsageError('certificates のサブコマンドを指定してください（import-tax, import-serials）', 'certificates needs a subcommand (import-tax, import-serials)');
  },
};
