// madoguchi migrate: apply pending migrations to the configured database.
import type { Command } from '../../main.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDb } from '../../platform/db/index.ts';
import { migrate } from '../../platform/db/migrate.ts';

export const migrateCommand: Command = {
  options: {},
  async run(flags, output) {
    const config = loadConfig({ data: flags.data as string | undefined });
    const db = await openDb(config, 'madoguchi migrate');
    try {
      const applied = await migrate(db);
      output.out(applied.length ? `適用しました / applied: ${applied.join(', ')}` : '最新です / up to date');
      return 0;
    } finally {
      await db.close();
    }
  },
};
