// One field cipher per municipality per process, made on first use: the master key is read then, not at start-up,
// and a failed load is forgotten so that the next request tries again.
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { expiringCache } from '../expiring-cache.ts';
import { type FieldCipher, fieldCipher } from './field-cipher.ts';
import { loadMasterKey } from './key-file.ts';
import type { MasterKey } from './master-key.ts';

/** The field cipher of a municipality, loaded once. */
export function cachedFieldCiphers(db: Db, config: Config): (municipalityCode: string) => Promise<FieldCipher> {
  let master: MasterKey | undefined;
  const ciphers = expiringCache((code) => fieldCipher(db, (master ??= loadMasterKey(config)), code));
  return (code) => ciphers(code, Infinity);
}
