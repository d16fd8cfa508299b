// Characters people type, paste or get from IMEs where a long-vowel mark or hyphen is meant.

/**
 * The dash look-alikes of names.md (－ - − ‐ – — ─ ― ｰ) plus the non-breaking hyphen, figure dash
 * and small hyphen/em dash, which arrive by the same copy-paste routes. ー itself is not included.
 */
export const DASH_VARIANTS = '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\uFE58\uFE63\uFF0D\uFF70';

const DASH = new RegExp(`[${DASH_VARIANTS.replace('-', '\\-')}]`, 'g');

/** Replaces every dash look-alike with one chosen character (ー for readings, '-' for bank files). */
export function replaceDashes(s: string, replacement: string): string {
  return s.replace(DASH, replacement);
}
