// The review extract's blind indexes (審査用データの照合キー): what the import stores and a match looks up, made the same
// way on both sides from the municipality's index secret. Nothing but these keys of a name, a birth date or a postal
// code ever reaches the database (migration 0009 says why each is as long as it is).
import type { Config } from '../../platform/config.ts';
import { type FieldCipher, fieldCipher, loadMasterKey, type MasterKey } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db/index.ts';

/** The blind-index purposes: each column its own HMAC key, so that no two columns' values can be linked. */
export const REVIEW_INDEX_PURPOSES = {
  strict: 'review.name.strict',
  loose: 'review.name.loose',
  postalCode: 'review.postal_code',
} as const;

// base64url characters kept of each 43-character HMAC: 132 bits for the key every match looks up among a million
// residents, 66 bits for the two compared only among the rows that share it.
const LOOSE_KEY_CHARS = 22;
const COMPARED_KEY_CHARS = 11;

/** One reading's keys with the birth date. */
export interface ReadingKeys {
  readonly strict: string;
  readonly loose: string;
}

/** Computes a municipality's review keys; build it once per municipality with reviewIndexer and keep it. */
export interface ReviewIndexer {
  readonly municipalityCode: string;
  /**
   * The keys of one reading and birth date. `strict` is strictKana of the reading, `loose` is looseKana of that strict
   * form, `birthDate` is 'YYYY-MM-DD' as parseBirthDate gives it.
   */
  readingKeys(strict: string, loose: string, birthDate: string): ReadingKeys;
  /** The key of a postal code of seven ASCII digits, as normalizePostalCode gives it. */
  postalKey(postalCode: string): string;
}

// The date has a fixed length and the readings are katakana only, so '<date>|<reading>' can be read back one way only.
const joined = (birthDate: string, reading: string) => `${birthDate}|${reading}`;

/** The indexer over a municipality's field cipher. */
export function indexerOf(cipher: FieldCipher): ReviewIndexer {
  return {
    municipalityCode: cipher.municipalityCode,
    readingKeys(strict, loose, birthDate) {
      return {
        strict: cipher.blindIndex(REVIEW_INDEX_PURPOSES.strict, joined(birthDate, strict)).slice(0, COMPARED_KEY_CHARS),
        loose: cipher.blindIndex(REVIEW_INDEX_PURPOSES.loose, joined(birthDate, loose)).slice(0, LOOSE_KEY_CHARS),
      };
    },
    postalKey(postalCode) {
      return cipher.blindIndex(REVIEW_INDEX_PURPOSES.postalCode, postalCode).slice(0, COMPARED_KEY_CHARS);
    },
  };
}

/**
 * The municipality's review indexer, loading (on first use, creating) its keys; the field cipher under it is shared
 * per database handle, so calling this again is cheap, but the API keeps the one it built.
 */
export async function reviewIndexer(db: Db, master: MasterKey, municipalityCode: string): Promise<ReviewIndexer> {
  return indexerOf(await fieldCipher(db, master, municipalityCode));
}

/**
 * Each municipality's indexer, built on its first use and kept; the master key is loaded then too, not at start-up,
 * so a server without the review's keys still starts. A failed build (database down) is tried again next call.
 */
export function reviewIndexers(db: Db, config: Config): (municipalityCode: string) => Promise<ReviewIndexer> {
  let master: MasterKey | undefined;
  const indexers = new Map<string, Promise<ReviewIndexer>>();
  return (municipalityCode) => {
    let indexer = indexers.get(municipalityCode);
    if (!indexer) {
      indexer = reviewIndexer(db, (master ??= loadMasterKey(config)), municipalityCode);
      indexers.set(municipalityCode, indexer);
      indexer.catch(() => indexers.delete(municipalityCode));
    }
    return indexer;
  };
}
