// What the benefits console needs from the shell: the database, the served municipality, the page context (language,
// staff, CSRF) and the municipality's field cipher (account numbers are encrypted per field).
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../../platform/config.ts';
import { cachedFieldCiphers, type FieldCipher } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import type { Municipality } from '../../../shell/store.ts';

export interface BenefitsDeps {
  db: Db;
  config: Config;
  municipality: () => Promise<Municipality | undefined>;
  pageContext: (req: FastifyRequest) => Promise<PageContext>;
  /** The field cipher of a municipality, loaded on first use and kept per process. */
  cipher: (municipalityCode: string) => Promise<FieldCipher>;
}

export function benefitsDeps(base: Omit<BenefitsDeps, 'cipher'>): BenefitsDeps {
  return { ...base, cipher: cachedFieldCiphers(base.db, base.config) };
}
