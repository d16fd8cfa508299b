// The console ledger: the programme's targets by state, the list cut by state and outcome, the search by number and
// kana, the keyset pages, a person's case with the decision's explanation — each an audited read naming the targets
// shown, refused without benefits.ledger.read, and never showing another municipality's ledger.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, otherCity } from '../../../../test/support/audit.ts';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { type TestStaff, staffWithRoles } from '../../../../test/support/staff.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import { loadDemoBenefits } from '../demo.ts';
import { searchTerm } from './ledger-routes.ts';

const mc = demoCity.code;
const get = (t: TestApp, who: TestStaff, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

describe('the search field', () => {
  it('reads digits as a number and kana of any script and width as a name prefix without spaces', () => {
    const cases: Array<[string, ReturnType<typeof searchTerm>]> = [
      ['', undefined],
      ['  ', undefined],
      ['1000000074', { number: '1000000074' }],
      ['１０００', { number: '1000' }],
      ['5513-5841', { number: '55135841' }],
      ['キタムラ　マイ', { kana: 'キタムラマイ' }],
      ['きたむら', { kana: 'キタムラ' }],
      ['ｷﾀﾑﾗ ﾏｲ', { kana: 'キタムラマイ' }],
      ['北村', 'invalid'],
      ['kitamura', 'invalid'],
      ['1234567890123456', 'invalid'],
    ];
    for (const [typed, expected] of cases) assert.deepEqual(searchTerm(typed), expected, typed);
  });
});

for (const backend of backends) {
  describe(`benefits console ledger on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    let officer: TestStaff;
    let counter: TestStaff;
    type Row = { resident_number: string; addressee_number: string; name: string; name_kana: string; eligible: boolean; amount: string; exclusion_code: string | null };
    let eligible: Row;
    let excluded: Row;
    let total: number;
    before(async () => {
      t = await testApp(backend);
      await loadDemoBenefits(t.db, mc);
      clerk = await staffWithRoles(t.db, 'benefits.clerk', [{ role: 'benefits_clerk' }]);
      officer = await staffWithRoles(t.db, 'payment.officer', [{ role: 'payment_officer' }]);
      counter = await staffWithRoles(t.db, 'counter.clerk', [{ role: 'clerk' }]);
      const { rows } = await sql<Row>`
        select p.resident_number, p.addressee_number, p.name, p.name_kana, g.eligible, g.amount::text as amount, g.exclusion_code
        from benefit_target g join benefit_taxpayer p using (municipality_code, programme_id, resident_number)
        where g.municipality_code = ${mc} order by g.resident_number`.execute(t.db.kysely);
      total = rows.length;
      eligible = rows.find((r) => r.eligible)!;
      excluded = rows.find((r) => r.exclusion_code === 'no_shortfall')!;
      // Another municipality's ledger with the same numbers, under other names: never shown here.
      await addMunicipality(t.db, otherCity);
      await sql`insert into benefit_taxpayer (municipality_code, programme_id, resident_number, addressee_number, integrated_number, name, name_kana,
          birth_date, sex, postal_code, address, building, fiscal_year, total_income, estimated_income_tax, resident_income_levy, spouse_class,
          spouse_resident_number, spouse_abroad, spouse_business_employee, dependants_domestic, dependants_abroad, family_employees, relatives, status, status_date)
        select ${otherCity}, programme_id, resident_number, addressee_number, integrated_number, ${'他市\u3000太郎'}, ${'タシ\u3000タロウ'}, birth_date, sex,
          postal_code, '東京都新宿区', building, fiscal_year, total_income, estimated_income_tax, resident_income_levy, spouse_class,
          spouse_resident_number, spouse_abroad, spouse_business_employee, dependants_domestic, dependants_abroad, family_employees, relatives, status, status_date
        from benefit_taxpayer where municipality_code = ${mc}`.execute(t.db.kysely);
      await sql`insert into benefit_taxpayer (municipality_code, programme_id, resident_number, addressee_number, integrated_number, name, name_kana,
          birth_date, sex, postal_code, address, fiscal_year, total_income, estimated_income_tax, resident_income_levy, spouse_class,
          spouse_abroad, spouse_business_employee, dependants_domestic, dependants_abroad, family_employees, relatives, status)
        values (${otherCity}, 'adjustment-2024', '999999999', '888888888', '777777777', ${'他市\u3000花子'}, ${'タシ\u3000ハナコ'}, '1980-01-01', '女', '160-0022',
          '東京都新宿区', 2024, 1000000, 0, 0, '', false, false, 0, 0, 0, '[]', '住民')`.execute(t.db.kysely);
      await sql`insert into benefit_target (municipality_code, programme_id, resident_number, rule_version, state, eligible, amount, count_income_tax,
          count_resident_tax, income_tax_shortfall, resident_tax_shortfall, exclusion_code, explanation)
        select ${otherCity}, programme_id, resident_number, rule_version, 'paid', eligible, amount, count_income_tax, count_resident_tax,
          income_tax_shortfall, resident_tax_shortfall, exclusion_code, '{"ja":["他市の内訳"],"en":["other city"]}'
        from benefit_target where municipality_code = ${mc}`.execute(t.db.kysely);
    });
    after(() => t?.close());

    const audited = (operation: string, loginId: string) => t.db.kysely.selectFrom('audit_event').select(['subjects', 'detail', 'outcome'])
      .where('operation_code', '=', operation).where('user_id', '=', loginId).orderBy('seq').execute();

    it('shows the targets by state with the chart and the first fifty by number, as an audited read naming them', async () => {
      const res = await get(t, clerk, '/console/benefits');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<svg[^>]*role="img"/);
      assert.ok(res.body.includes(`対象（算定済）: 支給対象`), 'the chart says its numbers in words');
      // Every target is still targeted: the table's total counts them all, none of them paid (the other city's are).
      const totalRow = /<tfoot><tr><th scope="row">合計<\/th><td class="number">(\d+)<\/td><td class="number">(\d+)<\/td>/.exec(res.body)!;
      assert.equal(Number(totalRow[1]) + Number(totalRow[2]), total);
      const listed = [...res.body.matchAll(/cases\/(\d+)\?programme=adjustment-2024/g)].map((m) => m[1]);
      assert.equal(listed.length, 50);
      assert.deepEqual(listed, [...listed].sort());
      assert.ok(!res.body.includes('他市'), 'another municipality’s names are never shown');
      assert.ok(res.body.includes('rel="next"'));
      const events = await audited('benefits.ledger.list', clerk.loginId);
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.subjects, listed.map((n) => `benefit_target:${n}`));
      assert.ok(!events[0]!.detail.includes(eligible.name), 'the detail names no person');
    });

    it('pages on by number (keyset) through every target, each page after the last', async () => {
      const seen: string[] = [];
      let url: string | undefined = '/console/benefits?state=targeted';
      while (url) {
        const res = await get(t, officer, url);
        assert.equal(res.statusCode, 200);
        seen.push(...[...res.body.matchAll(/cases\/(\d+)\?programme=/g)].map((m) => m[1]!));
        const next = /href="([^"]+)" rel="next"/.exec(res.body)?.[1];
        url = next?.replace(/&amp;/g, '&');
      }
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total);
    });

    it('filters by state and by eligible or excluded', async () => {
      const paid = await get(t, clerk, '/console/benefits?state=paid');
      assert.equal(paid.statusCode, 200);
      assert.ok(paid.body.includes('該当する対象者はいません。'), 'nothing is paid here (only in the other city)');
      const ex = await get(t, clerk, '/console/benefits?outcome=excluded');
      const listed = [...ex.body.matchAll(/cases\/(\d+)\?programme=/g)].map((m) => m[1]);
      assert.ok(listed.includes(excluded.resident_number) || listed.length === 50);
      assert.ok(!listed.includes(eligible.resident_number));
      assert.ok(ex.body.includes('控除不足なし'));
      const el = await get(t, clerk, `/console/benefits?outcome=eligible&state=targeted`);
      assert.ok([...el.body.matchAll(/cases\/(\d+)\?programme=/g)].map((m) => m[1]).includes(eligible.resident_number));
      assert.ok(!el.body.includes('控除不足なし'));
    });

    it('finds a person by 住記個人番号, by 宛名番号 and by kana prefix typed in hiragana without the space', async () => {
      for (const q of [eligible.resident_number, eligible.addressee_number]) {
        const res = await get(t, clerk, `/console/benefits?q=${q}`);
        assert.deepEqual([...res.body.matchAll(/cases\/(\d+)\?programme=/g)].map((m) => m[1]), [eligible.resident_number]);
      }
      const kana = eligible.name_kana.replace(/[\s\u3000]/g, '');
      const hiragana = kana.replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
      const res = await get(t, clerk, `/console/benefits?q=${encodeURIComponent(hiragana)}`);
      assert.equal(res.statusCode, 200);
      assert.ok([...res.body.matchAll(/cases\/(\d+)\?programme=/g)].map((m) => m[1]).includes(eligible.resident_number));
      const events = await audited('benefits.ledger.list', clerk.loginId);
      assert.match(events.at(-1)!.detail, /kana: \d+$/);
    });

    it('refuses a search that is neither digits nor kana, saying so next to the field', async () => {
      const res = await get(t, clerk, `/console/benefits?q=${encodeURIComponent('北村')}`);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="l-q-error"[^>]*>住記個人番号・宛名番号は数字で/);
      assert.match(res.body, /aria-invalid="true"/);
    });

    it('shows a person’s case: figures, linkage, amount, explanation, rule version and the steps allowed, as an audited read', async () => {
      const res = await get(t, clerk, `/console/benefits/cases/${eligible.resident_number}?programme=adjustment-2024`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes(eligible.name));
      assert.ok(res.body.includes(`${Number(eligible.amount).toLocaleString('ja')}円`));
      assert.ok(res.body.includes('adjustment-2024.1'));
      assert.match(res.body, /控除不足額の合計 [\d,]+円 を10,000円単位に切り上げ/);
      assert.ok(res.body.includes('団体内統合宛名番号'));
      assert.match(res.body, /href="#letters">通知書発送/);
      assert.match(res.body, /href="#letters">却下/);
      assert.ok(!res.body.includes('他市'));
      // The slices' sections follow, with the actions the clerk may take: the letter may be sent, the account registered.
      assert.match(res.body, /<section id="letters"[^>]*>/);
      assert.match(res.body, /通知書を発送（支給確認書）/);
      assert.match(res.body, /<section id="accounts"[^>]*>/);
      assert.ok(res.body.includes('振込口座は登録されていません。'));
      assert.ok(res.body.includes('口座を登録する'));
      assert.match(res.body, /<div id="payments"><section[^>]*>\s*<h2 id="payments-heading">振込・返還金<\/h2>/);
      assert.ok(res.body.includes('振込はまだありません。'));
      const events = await audited('benefits.case.read', clerk.loginId);
      assert.deepEqual(events.map((e) => [e.subjects, e.outcome]), [[[`benefit_target:${eligible.resident_number}`], 'success']]);
    });

    it('says why an excluded person gets nothing, in the exclusion table’s words', async () => {
      const res = await get(t, officer, `/console/benefits/cases/${excluded.resident_number}?lang=en`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('Not eligible: the taxes absorb the whole flat-rate reduction'));
      assert.ok(res.body.includes('Nothing to pay'));
      assert.ok(!res.body.includes('Register an account'), 'a payment officer manages no account');
      assert.ok(!res.body.includes('Send the letter'), 'nor sends letters');
      assert.ok(res.body.includes('None (nothing you may do in this state)'), 'no step of a targeted case is the officer’s');
    });

    it('answers 404 for an unknown person, for another municipality’s person and for an unknown programme', async () => {
      for (const url of ['/console/benefits/cases/123?programme=adjustment-2024', '/console/benefits/cases/999999999',
        `/console/benefits/cases/${eligible.resident_number}?programme=no-such`, '/console/benefits?programme=no-such']) {
        const res = await get(t, clerk, url);
        assert.equal(res.statusCode, 404, url);
        assert.ok(!res.body.includes('他市'), url);
      }
    });

    it('refuses staff without benefits.ledger.read, with the refusal audited', async () => {
      for (const url of ['/console/benefits', `/console/benefits/cases/${eligible.resident_number}`]) {
        const res = await get(t, counter, url);
        assert.equal(res.statusCode, 403, url);
        assert.ok(!res.body.includes(eligible.name));
      }
      const denied = await audited('benefits.case.read', counter.loginId);
      assert.deepEqual(denied.map((e) => e.outcome), ['denied']);
      const anonymous = await t.app.inject(`/console/benefits/cases/${eligible.resident_number}`);
      assert.ok([302, 303, 401].includes(anonymous.statusCode));
    });
  });
}
