// What 帳票イメージ's console needs from the shell: the database, the file store and the municipality's field cipher.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../../platform/config.ts';
import { cachedFieldCiphers, type FieldCipher } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { type EncryptedFiles, encryptedFiles } from '../../../platform/files/index.ts';
import type { PageContext } from '../../../shell/pages/page-context.ts';

export interface CardImageDeps {
  db: Db;
  files: EncryptedFiles;
  cipher: (municipalityCode: string) => Promise<FieldCipher>;
  pageContext: (req: FastifyRequest) => Promise<PageContext>;
}

/** The deps from the server's configuration (the file store under config.filesDir). */
export function cardImageDeps(base: { db: Db; config: Config; pageContext: CardImageDeps['pageContext'] }): CardImageDeps {
  return { db: base.db, pageContext: base.pageContext, files: encryptedFiles(base.config.filesDir), cipher: cachedFieldCiphers(base.db, base.config) };
}
