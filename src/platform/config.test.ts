import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './config.ts';
import { AppError } from './errors.ts';

describe('MADOGUCHI_DB_POOL_SIZE', () => {
  const cases: Array<[string | undefined, number | 'invalid']> = [
    [undefined, 10],
    ['', 10],
    ['3', 3],
    [' 25 ', 25],
    ['0', 'invalid'],
    ['101', 'invalid'],
    ['2.5', 'invalid'],
    ['three', 'invalid'],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
      const env = value === undefined ? {} : { MADOGUCHI_DB_POOL_SIZE: value };
      if (expected === 'invalid') assert.throws(() => loadConfig({}, env), (e: unknown) => e instanceof AppError && e.code === 'config_invalid' && JSON.stringify(e.details).includes('MADOGUCHI_DB_POOL_SIZE'));
      else assert.equal(loadConfig({}, env).databasePoolSize, expected);
    });
  }
});
