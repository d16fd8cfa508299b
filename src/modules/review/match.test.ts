import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../test/support/db.ts';
import { AppError } from '../../platform/errors.ts';
import { isKanaName } from './domain/index.ts';
import { buildApplicant, buildResidentRow, VERDICT_CASES } from './domain/verdict.cases.ts';
import { city, type ReviewWorld, reviewWorld } from './extract.builders.ts';
import { matchApplicant } from './match.ts';

async function refusal(promise: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === code, `expected AppError ${code}, got ${String(e)}`);
    return e;
  }
  assert.fail(`expected AppError ${code}, got an answer`);
}

for (const backend of backends) {
  describe(`matchApplicant through import and review_candidates() on ${backend}`, () => {
    let w: ReviewWorld;
    before(async () => {
      w = await reviewWorld(backend);
    });
    after(() => w.close());

    const match = (applicant: Parameters<typeof matchApplicant>[3]) => matchApplicant(w.db, w.indexer, city, applicant);

    // The domain's table of cases (verdict.test.ts runs it over clear keys), here over blind indexes in the database.
    // Two rows cannot mean the same here: an extract of no residents is refused at import, and a name that is no
    // kana (' ・ ') is refused as invalid input before any lookup, a stronger answer than no_match.
    for (const c of VERDICT_CASES) {
      if (c.residents.length === 0) continue;
      it(c.why, async () => {
        await w.importRows(c.residents);
        if (!isKanaName(c.applicant.nameKana)) {
          await refusal(match(c.applicant), 'validation_failed');
          return;
        }
        assert.deepEqual(await match(c.applicant), c.expected);
      });
    }

    it('answers review_extract_missing, not no_match, for a municipality whose extract was never imported', async () => {
      const e = await refusal(matchApplicant(w.db, { ...w.indexer, municipalityCode: '131041' }, '131041', buildApplicant()), 'review_extract_missing');
      assert.equal(e.status, 503);
    });

    it('refuses a name that is not kana, an impossible birth date and a postal code of six digits, naming each field and no value', async () => {
      await w.importRows([buildResidentRow()]);
      const e = await refusal(match({ nameKana: '山田 京子', birthDate: '1980-02-30', postalCode: '650-001', taxYear: 2024 }), 'validation_failed');
      assert.deepEqual(e.details, { fields: ['nameKana', 'birthDate', 'postalCode'] });
      assert.ok(!JSON.stringify(e.details).includes('山田'));
    });

    it('matches strictly a reading typed with a space inside ヴァ (the loose key is made from the strict one)', async () => {
      await w.importRows([buildResidentRow({ nameKana: 'ヴァン タン' })]);
      assert.deepEqual(await match(buildApplicant({ nameKana: 'ヴ ァン タン' })), { verdict: 'match', certificateIssuable: true, reasons: [] });
    });

    it('answers multiple for three residents who fit, though the database hands over two', async () => {
      await w.importRows([buildResidentRow(), buildResidentRow({ residentId: 'R0002' }), buildResidentRow({ residentId: 'R0003' })]);
      assert.deepEqual(await match(buildApplicant()), { verdict: 'multiple', certificateIssuable: null, reasons: [] });
    });

    it('tells a resident of another birth year apart although name and birthday repeat every year', async () => {
      await w.importRows([buildResidentRow({ birthDate: '1979-04-01' })]);
      assert.equal((await match(buildApplicant())).verdict, 'no_match');
    });
  });
}
