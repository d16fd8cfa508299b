// What the certificates module's routes need from the shell: the database, the configuration, the served
// municipality, the page context and the municipality's field cipher (which seals the signing key).
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';
import { cachedFieldCiphers, type FieldCipher } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { expiringCache } from '../../platform/expiring-cache.ts';
import type { PageContext } from '../../shell/pages/page-context.ts';
import type { Municipality } from '../../shell/store.ts';
import { activeSigningKey, type SigningKey } from './issuance/signing-keys.ts';
import { type CertificateSettings, findSettings } from './issuance/store.ts';

export interface CertificatesDeps {
  db: Db;
  config: Config;
  municipality: () => Promise<Municipality | undefined>;
  pageContext: (req: FastifyRequest) => Promise<PageContext>;
  cipher: (municipalityCode: string) => Promise<FieldCipher>;
  /** The key that signs now, believed for a minute (a rotation elsewhere is taken up within it; old keys stay valid). */
  signingKey: (municipalityCode: string) => Promise<SigningKey>;
  /** Fee, mayor's name, seal: believed for 30 seconds, so a change by the command line shows within that. */
  settings: (municipalityCode: string) => Promise<CertificateSettings>;
}

export function certificatesDeps(base: Omit<CertificatesDeps, 'cipher' | 'signingKey' | 'settings'>): CertificatesDeps {
  const cipher = cachedFieldCiphers(base.db, base.config);
  const signingKeys = expiringCache(async (code) => activeSigningKey(base.db, await cipher(code)));
  const settings = expiringCache((code) => findSettings(base.db.kysely, code));
  return {
    ...base,
    cipher,
    signingKey: (code) => signingKeys(code, 60_000),
    settings: (code) => settings(code, 30_000),
  };
}
