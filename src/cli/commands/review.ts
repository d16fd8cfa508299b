// madoguchi review …: the review assist (審査アシスト) from the command line.
import type { Command } from '../../main.ts';
import { UsageError } from '../usage.ts';
import { reviewClientCommand } from './review-client.ts';
import { reviewImportCommand } from '../../modules/review/cli.ts';

/** `madoguchi review <subcommand>`: `client` (the systems that may call the review API), `import` (the extract). */
export const reviewCommand: Command = {
  options: {},
  subcommands: { client: reviewClientCommand, import: reviewImportCommand },
  run() {
    throw new UsageError('review のサブコマンドを指定してください（client, import）', 'review needs a subcommand (client, import)');
  },
};
