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

describe('MADOGUCHI_PUBLIC_URL', () => {
  // null: refused at start-up.
  const cases: Array<[string | undefined, string | null]> = [
    [undefined, 'http://localhost:8080'],
    ['https://madoguchi.city.example.lg.jp', 'https://madoguchi.city.example.lg.jp'],
    ['https://madoguchi.city.example.lg.jp/', 'https://madoguchi.city.example.lg.jp'],
    ['https://www.city.example.lg.jp/madoguchi/', 'https://www.city.example.lg.jp/madoguchi'],
    ['ftp://example.jp', null],
    ['https://example.jp/?a=1', null],
    ['madoguchi.example.jp', null],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected ?? 'refused'}`, () => {
      const env = value === undefined ? {} : { MADOGUCHI_PUBLIC_URL: value };
      if (expected === null) assert.throws(() => loadConfig({}, env), (e: unknown) => e instanceof AppError && e.code === 'config_invalid' && JSON.stringify(e.details).includes('MADOGUCHI_PUBLIC_URL'));
      else assert.equal(loadConfig({}, env).publicUrl, expected);
    });
  }
});
