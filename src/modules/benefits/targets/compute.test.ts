import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { type AdjustmentInput, adjustmentProgramme, adjustmentRules2024, decideAdjustment } from '../domain/adjustment.ts';
import { dryRun } from '../domain/dry-run.ts';
import { reviseProgramme } from '../domain/programme.ts';
import { importTaxpayers } from '../import/import.ts';
import { city, type CsvRow, generatedLedgerRows, type LedgerWorld, ledgerWorld, taxpayersCsv } from '../ledger.builders.ts';
import { computeTargets, dryRunTargets } from './compute.ts';

/** The rule's input read straight from a line of taxpayers.csv, as the domain note describes the household. */
function inputOfLine(t: CsvRow): AdjustmentInput {
  const relatives = t['扶養親族等'] ? t['扶養親族等'].split(';').map((e) => e.split(':')) : [];
  const spouseEmployee = t['配偶者事業専従者'] === '1';
  const counted = ['控除対象配偶者', '同一生計配偶者'].includes(t['配偶者区分']!);
  const otherRelatives = relatives.filter((r) => !(spouseEmployee && r[3] === '0' && r[4] === '1' && ['妻', '夫'].includes(r[1]!)));
  return {
    totalIncome: Number(t['合計所得金額']),
    estimatedIncomeTax: Number(t['推計所得税額']),
    residentIncomeLevy: Number(t['所得割額']),
    household: {
      spouse: counted || spouseEmployee ? { abroad: t['配偶者国外居住'] === '1', businessEmployee: spouseEmployee, deductionTarget: t['配偶者区分'] === '控除対象配偶者' } : null,
      dependants: otherRelatives.map((r) => ({ abroad: r[3] === '1', businessEmployee: r[4] === '1' })),
    },
  };
}

for (const backend of backends) {
  describe(`computeTargets on ${backend}`, () => {
    let w: LedgerWorld;
    let taxpayers: CsvRow[];
    before(async () => {
      [w, { taxpayers }] = await Promise.all([ledgerWorld(backend), generatedLedgerRows()]);
      await importTaxpayers({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024', source: w.file('t.csv', taxpayersCsv(taxpayers)), actor: { userId: 'cli' } });
    });
    after(() => w.close());

    const targets = async () => {
      const rows = await w.db.kysely.selectFrom('benefit_target').selectAll().execute();
      return new Map(rows.map((r) => [r.resident_number, r]));
    };

    it('stores for every generated taxpayer the decision of the domain rule: amount, counts, shortfalls, exclusion, version', async () => {
      const r = await computeTargets({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024', actor: { userId: 'cli' } });
      assert.equal(r.computed, taxpayers.length);
      assert.equal(r.ruleVersion, 'adjustment-2024.1');
      const stored = await targets();
      assert.equal(stored.size, taxpayers.length);
      const seen = { eligible: 0, income_over_cap: 0, no_shortfall: 0, spouseAbroad: 0, employee: 0 };
      for (const t of taxpayers) {
        const expected = decideAdjustment(inputOfLine(t), adjustmentRules2024);
        const got = stored.get(t['住記個人番号']!)!;
        assert.deepEqual(
          [got.rule_version, got.state, got.eligible, Number(got.amount), got.count_income_tax, got.count_resident_tax, Number(got.income_tax_shortfall), Number(got.resident_tax_shortfall), got.exclusion_code],
          [expected.ruleVersion, 'targeted', expected.eligible, expected.amount, expected.counts.incomeTax, expected.counts.residentTax, expected.shortfalls.incomeTax.shortfall, expected.shortfalls.residentTax.shortfall, expected.exclusion?.code ?? null],
          `line of ${t['宛名番号']}`,
        );
        assert.deepEqual(got.explanation, expected.explanation);
        seen[expected.exclusion?.code ?? 'eligible']++;
        if (t['配偶者国外居住'] === '1') seen.spouseAbroad++;
        if (t['事業専従者数'] !== '0') seen.employee++;
      }
      // The generated city has every kind of case the rule distinguishes.
      for (const [kind, n] of Object.entries(seen)) assert.ok(n > 0, `no ${kind} among the generated taxpayers`);
      const eligible = r.summary.find((s) => s.exclusionCode === null)!;
      assert.equal(eligible.targets, seen.eligible);
    });

    it('recomputes only what is still targeted: a notified decision keeps its amount and version', async () => {
      const one = taxpayers.find((t) => decideAdjustment(inputOfLine(t), adjustmentRules2024).eligible)!['住記個人番号']!;
      await sql`update benefit_target set state = 'notified', amount = 990000, rule_version = 'adjustment-2024.0' where resident_number = ${one}`.execute(w.db.kysely);
      const r = await computeTargets({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024', actor: { userId: 'cli' } });
      assert.equal(r.computed, taxpayers.length - 1);
      const got = (await targets()).get(one)!;
      assert.deepEqual([got.state, Number(got.amount), got.rule_version], ['notified', 990000, 'adjustment-2024.0']);
      await sql`update benefit_target set state = 'targeted' where resident_number = ${one}`.execute(w.db.kysely);
      await computeTargets({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024', actor: { userId: 'cli' } });
    });

    it('decides page by page while the page before is written: small pages store the same ledger, and a page that fails to write leaves it as it was', async () => {
      const before = await targets();
      const stored = (m: typeof before) => [...m.values()].sort((a, b) => a.resident_number.localeCompare(b.resident_number)).map(({ computed_at: _, state_changed_at: __, ...r }) => r);
      const small = await computeTargets({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024', actor: { userId: 'cli' }, pageSize: 7 });
      assert.equal(small.computed, taxpayers.length);
      assert.deepEqual(stored(await targets()), stored(before));

      // The database refuses one decision in the middle of the pages (a real failure of the statement, not a stand-in).
      const numbers = [...before.keys()].sort();
      const refused = numbers[Math.floor(numbers.length / 2)]!;
      await sql`update benefit_target set amount = amount + 10000, eligible = true, exclusion_code = null where resident_number = ${numbers[0]!}`.execute(w.db.kysely);
      const changed = await targets();
      await w.db.script(`create function test_refuse_target() returns trigger language plpgsql as $$
        begin if new.resident_number = '${refused}' then raise exception 'refused for the test'; end if; return new; end $$;
        create trigger test_refuse_target before insert or update on benefit_target for each row execute function test_refuse_target()`);
      try {
        await assert.rejects(computeTargets({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024', actor: { userId: 'cli' }, pageSize: 7 }), /refused for the test/);
      } finally {
        await w.db.script('drop trigger test_refuse_target on benefit_target; drop function test_refuse_target()');
      }
      // Nothing of the failed run stayed: the first page's rewrite of the changed decision was rolled back with the rest.
      assert.deepEqual(stored(await targets()), stored(changed));
      await computeTargets({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024', actor: { userId: 'cli' } });
      assert.deepEqual(stored(await targets()), stored(before));
    });

    it('dry-runs a changed rule over the stored targets: the same totals as the domain dry run, writing nothing', async () => {
      const same = await dryRunTargets({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024' });
      assert.equal(same.totals.unchanged.count, taxpayers.length);
      assert.deepEqual(same.storedVersions, ['adjustment-2024.1']);

      // A changed rule: 40,000 yen of income tax a person, and the cap lowered to 2,000,000.
      const proposed = reviseProgramme(adjustmentProgramme, { rules: { ...adjustmentRules2024, version: 'adjustment-2024.2', incomeTaxPerPerson: 40_000, incomeCap: 2_000_000 } });
      const result = await dryRunTargets({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024', proposed });
      const expected = dryRun(taxpayers.map((t) => ({ id: t['住記個人番号']!, input: inputOfLine(t) })), adjustmentProgramme, proposed);
      assert.equal(result.proposedVersion, 'adjustment-2024.2');
      assert.deepEqual(result.totals, expected.totals);
      assert.deepEqual(result.overall, expected.overall);
      for (const change of ['newly_eligible', 'newly_ineligible', 'amount_changed'] as const) assert.ok(result.totals[change].count > 0, change);
      const versions = await sql<{ v: string }>`select distinct rule_version as v from benefit_target`.execute(w.db.kysely);
      assert.deepEqual(versions.rows.map((x) => x.v), ['adjustment-2024.1']);
    });

    it('writes the computation in the audit log with counts only', async () => {
      const { rows } = await sql<{ detail: string }>`select detail from audit_event where operation_code = 'benefits.targets.compute' order by seq`.execute(w.db.kysely);
      assert.ok(rows.length >= 1);
      assert.match(rows[0]!.detail, /^adjustment-2024 adjustment-2024\.1: 算定 \d+件$/);
    });
  });
}
