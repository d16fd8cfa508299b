// madoguchi serve --role R: one role per process, as production runs them (each with its own database login).
import type { Command } from '../../main.ts';
import { loadConfig, type Role, roles } from '../../platform/config.ts';
import { runServer } from '../run-server.ts';
import { UsageError } from '../usage.ts';

export const serveCommand: Command = {
  options: { port: { type: 'string' }, role: { type: 'string' } },
  run(flags, output) {
    const role = flags.role;
    if (typeof role !== 'string') throw new UsageError('--role を指定してください', '--role is required');
    if (role !== 'all' && !roles.includes(role as Role)) {
      throw new UsageError(`不明なロールです: ${role}`, `Unknown role: ${role} (portal|console|review|issuance|worker|all)`);
    }
    const config = loadConfig({ data: flags.data as string | undefined, port: flags.port as string | undefined });
    return runServer({
      config,
      roles: role === 'all' ? roles : [role as Role],
      command: `madoguchi serve --role ${role}`,
      prepare: false,
      output,
    });
  },
};
