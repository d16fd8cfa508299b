// madoguchi start: every role in one process on the embedded database (or DATABASE_URL); migrates and loads the demo city.
import type { Command } from '../../main.ts';
import { loadConfig, roles } from '../../platform/config.ts';
import { runServer } from '../run-server.ts';

export const startCommand: Command = {
  options: { port: { type: 'string' } },
  run(flags, output) {
    const config = loadConfig({ data: flags.data as string | undefined, port: flags.port as string | undefined });
    return runServer({ config, roles, command: 'madoguchi start', prepare: true, output });
  },
};
