// What the certificates module's routes need from the shell: the database, the configuration, the served
// municipality, the page context and the municipality's field cipher (which seals the signing key).
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';
import { cachedFieldCiphers, type FieldCipher } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db/index.ts';
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

/** A value per municipality, read again once older than `ttlMs`; a failed read is not remembered. */
function cachedFor<T>(ttlMs: number, load: (municipalityCode: string) => Promise<T>): (municipalityCode: string) => Promise<T> {
  const cache = new Map<string, { at: number; value: Promise<T> }>();
  return (code) => {
    const hit = cache.get(code);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = load(code);
    value.catch(() => cache.delete(code));
    cache.set(code, { at: Date.now(), value });
    return value;
  };
}

export function certificatesDeps(base: Omit<CertificatesDeps, 'cipher' | 'signingKey' | 'settings'>): CertificatesDeps {
  const cipher = cachedFieldCiphers(base.db, base.config);
  return {
    ...base,
    cipher,
    signingKey: cachedFor(60_000, async (code) => activeSigningKey(base.db, await cipher(code))),
    settings: cachedFor(30_000, (code) => findSettings(base.db.kysely, code)),
  };
}
