import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BatchState, type BatchStep, batchStepAllowed, checkTransferDate, isBankBusinessDay, itemNumbersFromFile, mayApprove, parseItemNumbers, selectForBatch, type TransferDateProblem } from './batch.ts';

const c = (residentNumber: string, amount = 10_000) => ({ residentNumber, amount });

describe('which targets go into a batch', () => {
  const noAccount = new Set(['0003', '0006']);
  const has = (n: string) => !noAccount.has(n);
  const cases: [why: string, candidates: ReturnType<typeof c>[], limit: number | undefined, included: string[], leftOut: string[]][] = [
    ['all with an account, in 住記個人番号 order', [c('0002'), c('0001'), c('0004')], undefined, ['0001', '0002', '0004'], []],
    ['those without an account are left out and listed', [c('0001'), c('0003'), c('0006')], undefined, ['0001'], ['0003', '0006']],
    ['up to N, the rest wait for the next batch', [c('0001'), c('0002'), c('0004'), c('0005')], 2, ['0001', '0002'], []],
    ['the limit counts transfers, not those left out', [c('0003'), c('0001'), c('0002')], 1, ['0001'], ['0003']],
    ['a 0-yen decision is never paid', [c('0001', 0), c('0002')], undefined, ['0002'], []],
    ['nothing decided, nothing selected', [], undefined, [], []],
  ];
  for (const [why, candidates, limit, included, leftOut] of cases) {
    it(why, () => {
      const s = selectForBatch(candidates, has, limit);
      assert.deepEqual(s.included.map((x) => x.residentNumber), included);
      assert.deepEqual(s.leftOut, leftOut);
    });
  }

  it('stops before the trailer\'s 12-digit total would overflow', () => {
    const s = selectForBatch([c('0001', 9_000_000_000), c('0002', 9_000_000_000), c('0004', 9_000_000_000)].map((x) => ({ ...x, amount: 400_000_000_000 })), () => true);
    assert.equal(s.included.length, 2);
  });
});

describe('the 振込指定日', () => {
  const cases: [date: string, problem: TransferDateProblem | null][] = [
    ['2026-12-07', null], // Monday
    ['2026-12-12', 'not_business_day'], // Saturday
    ['2026-12-06', 'past'], // Sunday, and before today
    ['2026-12-31', 'not_business_day'], // 大晦日: banks closed
    ['2027-01-04', null], // first business day of the year
    ['2027-01-11', 'not_business_day'], // 成人の日
    ['2026-12-30', null], // banks open though town halls close
    ['2026-13-01', 'invalid'],
    ['2026-12-04', 'past'],
  ];
  for (const [date, problem] of cases) it(`${date}: ${problem ?? 'a bank business day'}`, () => assert.equal(checkTransferDate(date, '2026-12-07'), problem));

  it('knows 1 to 3 January as bank holidays whatever the weekday', () => {
    assert.deepEqual(['2029-01-01', '2029-01-02', '2029-01-03'].map(isBankBusinessDay), [false, false, false]);
  });
});

describe('what a batch allows', () => {
  const cases: [BatchState, BatchStep, boolean][] = [
    ['prepared', 'approve', true], ['approved', 'approve', false], ['prepared', 'settle', false], ['approved', 'settle', true],
    ['settled', 'settle', false], ['prepared', 'cancel', true], ['approved', 'cancel', true], ['settled', 'cancel', false], ['cancelled', 'approve', false],
  ];
  for (const [state, step, allowed] of cases) it(`${step} from ${state}: ${allowed ? 'allowed' : 'refused'}`, () => assert.equal(batchStepAllowed(state, step), allowed));

  it('lets anyone but the preparer approve (four eyes)', () => {
    assert.equal(mayApprove('clerk.a', 'officer.b'), true);
    assert.equal(mayApprove('clerk.a', 'clerk.a'), false);
  });
});

describe('item numbers from a list of returned transfers', () => {
  const cases: [text: string, numbers: number[], bad: string[]][] = [
    ['3\n1\n2\n', [1, 2, 3], []],
    ['1, 2、 ３\t4', [1, 2, 3, 4], []],
    ['5 5 5', [5], []],
    ['0 -1 x 07', [], ['0', '-1', 'x', '07']],
    ['', [], []],
  ];
  for (const [text, numbers, bad] of cases) it(JSON.stringify(text), () => assert.deepEqual(parseItemNumbers(text), { numbers, bad }));
});

describe('item numbers from an uploaded file', () => {
  const cases: [why: string, text: string, numbers: number[], bad: string[]][] = [
    ['one a line', '4\r\n2\r\n', [2, 4], []],
    ['a CSV with a heading, the number first', '\uFEFF明細番号,受取人名,理由\r\n"3",ﾔﾏﾀﾞ ﾀﾛｳ,口座なし\r\n7,ｽｽﾞｷ,解約\r\n', [3, 7], []],
    ['a line that is no number is named', '1\nX9\n', [1], ['X9']],
    ['empty', '', [], []],
  ];
  for (const [why, text, numbers, bad] of cases) it(why, () => assert.deepEqual(itemNumbersFromFile(text), { numbers, bad }));
});
