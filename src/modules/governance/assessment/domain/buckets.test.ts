import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { itemBucket, personBucket, userBucket } from './buckets.ts';

describe('the form\'s choices a live count falls in', () => {
  const persons: Array<[number, number, string]> = [
    [0, 1, '1万人未満'], [9_999, 1, '1万人未満'], [10_000, 2, '1万人以上10万人未満'], [99_999, 2, '1万人以上10万人未満'],
    [100_000, 3, '10万人以上100万人未満'], [1_500_000, 4, '100万人以上1,000万人未満'], [10_000_000, 5, '1,000万人以上'],
  ];
  for (const [n, index, ja] of persons) it(`puts ${n} persons in ${index}) ${ja}`, () => assert.deepEqual([personBucket(n).index, personBucket(n).label.ja], [index, ja]));

  const items: Array<[number, string]> = [[0, '10項目未満'], [9, '10項目未満'], [10, '10項目以上50項目未満'], [49, '10項目以上50項目未満'], [50, '50項目以上100項目未満'], [100, '100項目以上']];
  for (const [n, ja] of items) it(`puts ${n} items in ${ja}`, () => assert.equal(itemBucket(n).label.ja, ja));

  const users: Array<[number, string]> = [[3, '10人未満'], [10, '10人以上50人未満'], [99, '50人以上100人未満'], [499, '100人以上500人未満'], [500, '500人以上1,000人未満'], [1_000, '1,000人以上']];
  for (const [n, ja] of users) it(`puts ${n} users in ${ja}`, () => assert.equal(userBucket(n).label.ja, ja));
});
