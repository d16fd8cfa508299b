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
  /** The words it takes after its name, in order (e.g. ['name'] for `review client add NAME`); each arrives in flags under its name. */
  positionals?: readonly string[];
  run(flags: Flags, output: Output): Promise<number>;
  /** A group such as `keys rotate` (or `review client add`, a group in a group): the next word names the command that runs. */
  subcommands?: Record<string, Command>;
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
  keys: async () => (await import('./cli/commands/keys.ts')).keysCommand,
  audit: async () => (await import('./cli/commands/audit.ts')).auditCommand,
  user: async () => (await import('./cli/commands/user.ts')).userCommand,
  review: async () => (await import('./cli/commands/review.ts')).reviewCommand,
  certificates: async () => (await import('./cli/commands/certificates.ts')).certificatesCommand,
  benefits: async () => (await import('./cli/commands/benefits.ts')).benefitsCommand,
  procedures: async () => (await import('./cli/commands/procedures.ts')).proceduresCommand,
};

function parse(command: Command, args: string[]): Flags {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...common, ...command.options }, strict: true, allowPositionals: true });
    const names = command.positionals ?? [];
    const extra = positionals.slice(names.length);
    if (extra.length) throw new UsageError(`余分な引数があります: ${extra.join(' ')}`, `Unexpected argument: ${extra.join(' ')}`);
    const flags = values as Flags;
    positionals.forEach((value, i) => (flags[names[i]!] = value));
    return flags;
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
    let command = await load();
    const words = [name];
    while (command.subcommands && rest[0] !== undefined && !rest[0].startsWith('-')) {
      const sub = rest.shift()!;
      words.push(sub);
      const next: Command | undefined = command.subcommands[sub];
      if (!next) throw new UsageError(`不明なコマンドです: ${words.join(' ')}`, `Unknown command: ${words.join(' ')}`);
      command = next;
    }
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
