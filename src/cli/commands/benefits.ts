// madoguchi benefits …: the benefits ledger from the command line (課税情報, 統合宛名番号データ, 支給対象者の算定, 公金受取口座の照会).
import type { Command } from '../../main.ts';
import { UsageError } from '../usage.ts';
import { accountQueryCommand, importAccountResultsCommand } from '../../modules/benefits/cli.ts';
import { computeTargetsCommand, importLinkageCommand, importTaxpayersCommand } from '../../modules/benefits/index.ts';

/** `madoguchi benefits <subcommand>`: `import-taxpayers FILE`, `import-linkage FILE`, `compute-targets`, `account-query`, `import-account-results FILE`. */
export const benefitsCommand: Command = {
  options: {},
  subcommands: { 'import-taxpayers': importTaxpayersCommand, 'import-linkage': importLinkageCommand, 'compute-targets': computeTargetsCommand, 'account-query': accountQueryCommand, 'import-account-results': importAccountResultsCommand },
  run() {
    throw new UsageError('benefits のサブコマンドを指定してください（import-taxpayers, import-linkage, compute-targets, account-query, import-account-results）', 'benefits needs a subcommand (import-taxpayers, import-linkage, compute-targets, account-query, import-account-results)');
  },
};
