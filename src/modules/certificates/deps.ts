// What the certificates module's routes need from the shell: the database, the configuration, the served
// municipality, the page context and the municipality's field cipher (which seals the signing key).
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';
import { cachedFieldCiphers, type FieldCipher } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db/index.ts';
import type { PageContext } from '../../shell/pages/page-context.ts';
import type { Municipality } from '../../shell/store.ts';

export interface CertificatesDeps {
  db: Db;
  config: Config;
  municipality: () => Promise<Municipality | undefined>;
  pageContext: (req: FastifyRequest) => Promise<PageContext>;
  cipher: (municipalityCode: string) => Promise<FieldCipher>;
}

export function certificatesDeps(base: Omit<CertificatesDeps, 'cipher'>): CertificatesDeps {
  return { ...base, cipher: cachedFieldCiphers(base.db, base.config) };
}
