// What a command that acts for one municipality runs on: the migrated database, and the municipality given by
// --municipality or else the one this deployment serves.
import type { Flags } from '../main.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { type Db, openDb } from '../platform/db/index.ts';
import { pendingMigrations } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { parseMunicipalityCode } from '../platform/tenancy.ts';
import { findServedMunicipality } from '../shell/store.ts';
import { UsageError } from './usage.ts';

/** The --municipality option of such commands. */
export const municipalityOption = { municipality: { type: 'string' } } as const;

/** Runs fn on the migrated database for the municipality, closing the database afterwards. */
export async function withMunicipality<T>(flags: Flags, command: string, fn: (db: Db, municipalityCode: string, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig({ data: flags.data as string | undefined });
  const db = await openDb(config, command);
  try {
    const pending = await pendingMigrations(db);
    if (pending.length) throw new AppError('migrations_pending', { names: pending.join(', ') });
    const code = typeof flags.municipality === 'string' ? parseMunicipalityCode(flags.municipality) : (await findServedMunicipality(db))?.code;
    if (!code) throw new UsageError('団体が登録されていません。先に madoguchi start を実行するか --municipality を指定してください', 'No municipality is registered: run madoguchi start first, or give --municipality');
    return await fn(db, code, config);
  } finally {
    await db.close();
  }
}
