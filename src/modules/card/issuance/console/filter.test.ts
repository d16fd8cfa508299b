// The card list's filter read from the address: what each field takes, and what it drops rather than guess.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFilter } from './filter.ts';

describe('the card list filter', () => {
  const cases: Array<[name: string, query: Record<string, string>, expected: ReturnType<typeof parseFilter>]> = [
    ['nothing given', {}, {}],
    ['a status and a site', { status: 'arrived', site: 'kita' }, { status: 'arrived', site: 'kita' }],
    ['an unknown status is dropped', { status: 'lost' }, {}],
    ['an ID prefix in full width with spaces', { id: '１０００ ２' }, { idPrefix: '10002' }],
    ['an ID prefix with a letter is dropped', { id: '10a' }, {}],
    ['a kana prefix in hiragana with a space', { kana: 'みほん は' }, { kanaPrefix: 'ミホンハ' }],
    ['a kana prefix in half width', { kana: 'ﾐﾎﾞ' }, { kanaPrefix: 'ミボ' }],
    ['a name in kanji is no kana prefix', { kana: '見本' }, {}],
    ['dates, one of them no date', { from: '2026-09-01', to: '2026-02-30' }, { from: '2026-09-01' }],
  ];
  for (const [name, query, expected] of cases) {
    it(name, () => {
      const got = Object.fromEntries(Object.entries(parseFilter(query)).filter(([, v]) => v !== undefined));
      assert.deepEqual(got, expected);
    });
  }
});
