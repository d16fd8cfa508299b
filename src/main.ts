// The `madoguchi` command line: parses the command and its flags, runs it, and turns failures into exit codes.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Output, processOutput } from './cli/output.ts';
import { helpText, UsageError } from './cli/usage.ts';
import { AppError } from './platform/errors.ts';
import { version } from './shell/version.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
export type Flags = Record<string, string | boolean | undefined>;

export interface Command {
  options: Options;
  run(flags: Flags, output: Output): Promise<number>;
}

const common: Options = {
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** Every command, loaded only when run so that start does not load the generator; modules add theirs here. */
export const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./cli/commands/start.ts')).startCommand,
  serve: async () => (await import('./cli/commands/serve.ts')).serveCommand,
  migrate: async () => (await import('./cli/commands/migrate.ts')).migrateCommand,
  'demo-data': async () => (await import('./cli/commands/demo-data.ts')).demoDataCommand,
};

function parse(command: Command, args: string[]): Flags {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...common, ...command.options }, strict: true, allowPositionals: true });
    if (positionals.length) throw new UsageError(`余分な引数があります: ${positionals.join(' ')}`, `Unexpected argument: ${positionals.join(' ')}`);
    return values as Flags;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const message = (e as Error).message;
    throw new UsageError(`オプションが正しくありません: ${message}`, `Invalid option: ${message}`);
  }
}

/** Runs the command line; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.out(helpText);
    return 0;
  }
  if (name === '--version') {
    output.out(version);
    return 0;
  }
  try {
    const load = commands[name];
    if (!load) throw new UsageError(`不明なコマンドです: ${name}`, `Unknown command: ${name}`);
    const command = await load();
    const flags = parse(command, rest);
    if (flags.help) {
      output.out(helpText);
      return 0;
    }
    return await command.run(flags, output);
  } catch (e) {
    if (e instanceof UsageError) {
      output.err(`エラー: ${e.ja}\nError: ${e.en}\n`);
      output.err(helpText);
      return 2;
    }
    if (e instanceof AppError) {
      output.err(`エラー: ${e.localized('ja')}\nError: ${e.localized('en')}`);
      return 1;
    }
    throw e;
  }
}
