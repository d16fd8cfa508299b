import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from './date.ts';
import { ERAS, fiscalYearOf, formatFiscalYear, formatWareki, parseWareki, toWareki } from './wareki.ts';

describe('formatWareki', () => {
  const cases: readonly [date: string, expected: string][] = [
    ['2019-05-01', '令和元年5月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2024-12-31', '令和6年12月31日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1912-07-30', '大正元年7月30日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1868-01-25', '明治元年1月25日'],
    ['1873-01-01', '明治6年1月1日'],
  ];
  for (const [date, expected] of cases) {
    it(`writes ${date} as ${expected}`, () => assert.equal(formatWareki(date), expected));
  }

  const precisions: readonly [date: string, precision: 'day' | 'month' | 'year', expected: string][] = [
    ['2019-05-01', 'month', '令和元年5月'],
    ['2019-05-01', 'year', '令和元年'],
    ['2024-06-15', 'year', '令和6年'],
  ];
  for (const [date, precision, expected] of precisions) {
    it(`writes ${date} to the ${precision} as ${expected}`, () => assert.equal(formatWareki(date, { precision }), expected));
  }

  const rejected: readonly [date: string, why: string][] = [
    ['1868-01-24', 'the day before 明治'],
    ['1700-01-01', 'long before 明治'],
    ['2019-02-29', 'a day that does not exist'],
    ['2019-5-1', 'a date not written YYYY-MM-DD'],
  ];
  for (const [date, why] of rejected) {
    it(`throws a RangeError for ${why} (${date})`, () => assert.throws(() => formatWareki(date), RangeError));
  }
});

describe('the era table agrees with Intl japanese calendar', () => {
  // Intl's 明治 begins later (it follows the era's proclamation), so the check starts at 大正.
  const fmt = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long', year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC',
  });
  const boundaries = ERAS.filter((era) => era.name !== '明治').flatMap((era) => [addDays(era.start, -1), era.start]);
  for (const date of [...boundaries, '1873-01-01', '1945-08-15', '2000-02-29', '2030-04-01']) {
    it(`gives the same era and year as Intl for ${date}`, () => {
      const parts = fmt.formatToParts(new Date(`${date}T00:00:00Z`));
      const intl = { era: parts.find((p) => p.type === 'era')?.value, year: Number(parts.find((p) => p.type === 'year')?.value) };
      const ours = toWareki(date);
      assert.deepEqual({ era: ours.era, year: ours.year }, intl);
    });
  }
});

describe('fiscal years', () => {
  const fiscalYears: readonly [date: string, expected: number][] = [
    ['2024-04-01', 2024],
    ['2025-03-31', 2024],
    ['2024-03-31', 2023],
    ['2024-12-31', 2024],
  ];
  for (const [date, expected] of fiscalYears) {
    it(`puts ${date} in fiscal year ${expected}`, () => assert.equal(fiscalYearOf(date), expected));
  }

  const names: readonly [fiscalYear: number, expected: string][] = [
    [2024, '令和6年度'],
    [2020, '令和2年度'],
    [2019, '平成31年度'], // 2019-04-01 was still 平成
    [1989, '平成元年度'],
    [1988, '昭和63年度'],
  ];
  for (const [fiscalYear, expected] of names) {
    it(`names fiscal year ${fiscalYear} ${expected}`, () => assert.equal(formatFiscalYear(fiscalYear), expected));
  }
  it('throws a RangeError for a fiscal year that is not a whole year', () => assert.throws(() => formatFiscalYear(2024.5), RangeError));
});

describe('parseWareki', () => {
  const accepted: readonly [input: string, expected: string][] = [
    ['令和元年5月1日', '2019-05-01'],
    ['令和1年5月1日', '2019-05-01'],
    ['令和01年05月01日', '2019-05-01'],
    ['令和６年１２月３１日', '2024-12-31'],
    ['平成31年4月30日', '2019-04-30'],
    ['平成 31 年 4 月 30 日', '2019-04-30'],
    ['　平成31年4月30日　', '2019-04-30'],
    ['R1.5.1', '2019-05-01'],
    ['r1.5.1', '2019-05-01'],
    ['Ｒ１．５．１', '2019-05-01'],
    ['H31.4.30', '2019-04-30'],
    ['H31/4/30', '2019-04-30'],
    ['H31-04-30', '2019-04-30'],
    ['S64.1.7', '1989-01-07'],
    ['H1.1.8', '1989-01-08'],
    ['T1.7.30', '1912-07-30'],
    ['M45.7.29', '1912-07-29'],
    ['M1.1.25', '1868-01-25'],
    ['令和6.2.29', '2024-02-29'],
    ['㍻31年4月30日', '2019-04-30'],
    ['㋿元年5月1日', '2019-05-01'],
  ];
  for (const [input, expected] of accepted) {
    it(`reads ${input} as ${expected}`, () => assert.equal(parseWareki(input), expected));
  }

  const rejected: readonly [input: string, why: string][] = [
    ['平成31年5月1日', '平成 ended on 4月30日'],
    ['令和1年4月30日', '令和 began on 5月1日'],
    ['R1.4.30', '令和 began on 5月1日'],
    ['S64.1.8', '平成 began on 1月8日'],
    ['H1.1.7', '平成 began on 1月8日'],
    ['M45.7.30', '大正 began on 7月30日'],
    ['M1.1.24', '明治 is taken to begin on 1月25日'],
    ['平成0年1月1日', 'there is no year 0'],
    ['令和5年2月29日', '2023 was not a leap year'],
    ['令和6年13月1日', 'there is no 13th month'],
    ['令和6年4月31日', 'April has 30 days'],
    ['H31.4/30', 'the separators differ'],
    ['令和6年4月', 'the day is missing'],
    ['X1.1.1', 'X is no era'],
    ['慶応4年1月1日', '慶応 is before the table'],
    ['2019-05-01', 'a Gregorian date is not 和暦'],
    ['', 'it is empty'],
  ];
  for (const [input, why] of rejected) {
    it(`rejects ${JSON.stringify(input)} because ${why}`, () => assert.equal(parseWareki(input), undefined));
  }

  it('reads back every date it writes, across each era boundary', () => {
    for (const era of ERAS) {
      for (const date of [addDays(era.start, -1), era.start, addDays(era.start, 1)]) {
        if (date < '1868-01-25') continue;
        assert.equal(parseWareki(formatWareki(date)), date);
      }
    }
  });
});
