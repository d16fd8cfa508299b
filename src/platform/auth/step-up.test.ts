import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeNextPath, stepUpLocation } from './step-up.ts';

describe('the return path after step-up (no open redirect)', () => {
  const cases: Array<[string, unknown, string]> = [
    ['keeps a console path with its query', '/console/residents/42?tab=number', '/console/residents/42?tab=number'],
    ['refuses another origin', 'https://evil.example/console/', '/console/'],
    ['refuses a protocol-relative URL', '//evil.example/console/', '/console/'],
    ['refuses a backslash that browsers read as a slash', '/console/\\evil.example', '/console/'],
    ['refuses /\\ at the start', '/\\evil.example/', '/console/'],
    ['refuses a javascript: URL', 'javascript:alert(1)', '/console/'],
    ['refuses a path outside the console', '/api/v1/municipality', '/console/'],
    ['refuses a tab or newline that browsers strip', '/console/\t//evil.example', '/console/'],
    ['resolves dot segments and then checks again', '/console/../evil', '/console/'],
    ['refuses something that is not text', 42, '/console/'],
    ['refuses nothing at all', undefined, '/console/'],
  ];
  for (const [name, next, expected] of cases) {
    it(name, () => assert.equal(safeNextPath(next), expected));
  }
  it('builds the step-up URL with the path encoded', () => {
    assert.equal(stepUpLocation('/console/a?b=c'), '/console/step-up?next=%2Fconsole%2Fa%3Fb%3Dc');
  });
});
