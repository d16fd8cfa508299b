// What the card module's API needs from the shell: the database, the configuration (the public address the mails
// link to) and the municipality this server serves.
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/index.ts';
import type { Municipality } from '../../shell/store.ts';

export interface CardApiDeps {
  db: Db;
  config: Config;
  municipality: () => Promise<Municipality | undefined>;
}
