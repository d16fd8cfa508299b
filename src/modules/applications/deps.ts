// What the applications module's routes need from the shell: the database, the configuration, the served
// municipality, the page context, and the municipality's field cipher (loaded on first use, kept per process).
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';
import { cachedFieldCiphers, type FieldCipher } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { type EncryptedFiles, encryptedFiles } from '../../platform/files/index.ts';
import type { PageContext } from '../../shell/pages/page-context.ts';
import type { Municipality } from '../../shell/store.ts';

export interface ApplicationsDeps {
  db: Db;
  config: Config;
  /** The municipality this deployment serves (undefined before the first one is registered). */
  municipality: () => Promise<Municipality | undefined>;
  pageContext: (req: FastifyRequest) => Promise<PageContext>;
  /** The field cipher of a municipality: encrypts 個人番号 / 要配慮 values and attachments. */
  cipher: (municipalityCode: string) => Promise<FieldCipher>;
  /** The encrypted file store (config.filesDir): attachments. */
  files: EncryptedFiles;
}

/** Builds the deps; the master key is read on the first encryption, not at start-up. */
export function applicationsDeps(base: Omit<ApplicationsDeps, 'cipher' | 'files'>): ApplicationsDeps {
  return { ...base, files: encryptedFiles(base.config.filesDir), cipher: cachedFieldCiphers(base.db, base.config) };
}
