import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../test/support/db.ts';
import { AppError } from '../../platform/errors.ts';
import { matchApplicants } from './batch-match.ts';
import { buildApplicant, buildResidentRow, CASES_TODAY, VERDICT_CASES } from './domain/verdict.cases.ts';
import { city, type ReviewWorld, reviewWorld } from './extract.builders.ts';
import { matchApplicant } from './match.ts';

for (const backend of backends) {
  describe(`matchApplicants (many in one statement) against matchApplicant on ${backend}`, () => {
    let w: ReviewWorld;
    before(async () => {
      w = await reviewWorld(backend);
    });
    after(() => w.close());

    const many = (applicants: Parameters<typeof matchApplicants>[3]) => matchApplicants(w.db, w.indexer, city, applicants, CASES_TODAY);

    // The domain's table of cases: every one answered as matchApplicant answers it, or refused as invalid where it refuses.
    for (const c of VERDICT_CASES) {
      if (c.residents.length === 0) continue;
      it(c.why, async () => {
        await w.importRows(c.residents);
        const [answer] = await many([c.applicant]);
        const single = await matchApplicant(w.db, w.indexer, city, c.applicant).catch((e: unknown) => e);
        if (single instanceof AppError) assert.deepEqual(answer, { invalid: single.details.fields });
        else assert.deepEqual(answer, single);
      });
    }

    it('answers many applicants in their order, the unreadable ones named as invalid without a lookup', async () => {
      await w.importRows([buildResidentRow(), buildResidentRow({ residentId: 'R0002', nameKana: 'スズキ イチロウ' })]);
      const answers = await many([
        buildApplicant({ nameKana: 'たなか はなこ' }),
        buildApplicant({ birthDate: '1980-02-30', postalCode: '650' }),
        buildApplicant(),
        buildApplicant({ nameKana: 'スズキ イチロウ', taxYear: 2022 }),
      ]);
      assert.deepEqual(answers, [
        { verdict: 'no_match', certificateIssuable: null, reasons: [] },
        { invalid: ['birthDate', 'postalCode'] },
        { verdict: 'match', certificateIssuable: true, reasons: [] },
        { verdict: 'match', certificateIssuable: false, reasons: [] },
      ]);
      assert.deepEqual(await many([]), []);
    });

    it('answers review_extract_missing, not no_match, for a municipality whose extract was never imported', async () => {
      await assert.rejects(
        matchApplicants(w.db, { ...w.indexer, municipalityCode: '131041' }, '131041', [buildApplicant()], CASES_TODAY),
        (e) => e instanceof AppError && e.code === 'review_extract_missing',
      );
    });
  });
}
