// madoguchi procedures …: the procedure definitions (手続き定義) of online applications.
import type { Command } from '../../main.ts';
import { UsageError } from '../usage.ts';
import { proceduresListCommand, proceduresLoadCommand } from '../../modules/applications/cli.ts';

/** `madoguchi procedures <subcommand>`: `load` (a folder of definitions), `list`. */
export const proceduresCommand: Command = {
  options: {},
  subcommands: { load: proceduresLoadCommand, list: proceduresListCommand },
  run() {
    throw new UsageError('procedures のサブコマンドを指定してください（load, list）', 'procedures needs a subcommand (load, list)');
  },
};
