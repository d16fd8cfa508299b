// Card steps on both backends: registration, one card step by step, refusals that write nothing, reasons, site moves,
// comments, the RowStamp, bulk steps all-or-nothing, and arrivals from the delivery list with every ID answered.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { cardDb, MC } from '../card.builders.ts';
import { recordArrivals } from './arrival.ts';
import { buildCard, cardAt, clerk } from './issuance.builders.ts';
import { registerCard } from './register.ts';
import { cardHistory, findCard } from './store.ts';
import { takeBulkStep, takeStep } from './transition.ts';

const who = { actor: clerk };
const refusedWith = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

for (const backend of backends) {
  describe(`card steps on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await cardDb(backend);
    });
    after(() => db.close());

    const events = (operation: string) => db.kysely.selectFrom('audit_event').select(['subjects', 'detail', 'outcome'])
      .where('operation_code', '=', operation).orderBy('seq').execute();

    it('registers a card at 申請受付 with its first history line, and refuses the same applicant ID twice', async () => {
      const card = buildCard({ applicantId: '12345678901234567890123' });
      await registerCard(db, MC, card, who);
      const stored = await findCard(db.kysely, MC, card.applicantId);
      assert.deepEqual([stored?.status, stored?.applicantIdDisplay, stored?.storageSiteCode, stored?.issuingSiteCode], ['received', '1234 5678 9012 3456 7890 123', 'honcho', 'honcho']);
      assert.deepEqual((await cardHistory(db.kysely, MC, card.applicantId)).map((h) => [h.step, h.fromStatus, h.toStatus]), [['register', null, 'received']]);
      await assert.rejects(registerCard(db, MC, card, who), refusedWith('card_already_registered'));
      assert.equal((await events('card.issuance.register')).filter((e) => e.subjects.includes(`card:${card.applicantId}`)).length, 2);
    });

    it('takes a card from 申請受付 to 交付済, each step writing its history, flag, date and audit event', async () => {
      const id = await cardAt(db, 'issued');
      const card = await findCard(db.kysely, MC, id);
      assert.equal(card?.status, 'issued');
      assert.deepEqual([card?.flags.setupDone, card?.flags.issueCompleted, card?.flags.disposalChecked], [true, true, false]);
      assert.ok(card?.dates.managementStartedOn && card.dates.setupCompletedOn && card.dates.noticeSentOn && card.dates.issuedOn);
      assert.equal(card?.rowVersion, 5);
      const history = await cardHistory(db.kysely, MC, id);
      assert.deepEqual(history.map((h) => `${h.fromStatus ?? '-'} --${h.step}--> ${h.toStatus}`), [
        '- --register--> received', 'received --apply_to_jlis--> applied_to_jlis', 'applied_to_jlis --arrive--> arrived',
        'arrived --prepare--> prepared', 'prepared --send_notice--> notice_sent', 'notice_sent --issue--> issued',
      ]);
      const audited = (await events('card.issuance.step')).filter((e) => e.subjects.includes(`card:${id}`));
      assert.deepEqual(audited.map((e) => e.detail), ['apply_to_jlis', 'arrive', 'prepare', 'send_notice', 'issue']);
    });

    it('refuses a step the status does not allow, naming the status and the allowed steps, and writes only the refused attempt', async () => {
      const id = await cardAt(db, 'arrived');
      await assert.rejects(takeStep(db, { municipalityCode: MC, applicantId: id, step: 'issue' }, who), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'card_step_not_allowed');
        assert.match(e.localized('ja'), /^「カード到着」のカードには「交付」はできません。できる操作: 交付前設定 \(→ 交付前設定済\)/);
        return true;
      });
      assert.equal((await findCard(db.kysely, MC, id))?.status, 'arrived');
      assert.equal((await cardHistory(db.kysely, MC, id)).length, 3);
      const last = (await events('card.issuance.step')).filter((e) => e.subjects.includes(`card:${id}`)).at(-1);
      assert.deepEqual([last?.detail, last?.outcome], ['issue', 'failure']);
      await assert.rejects(takeStep(db, { municipalityCode: MC, applicantId: '99999999999999999999999', step: 'prepare' }, who), refusedWith('card_not_found'));
    });

    it('lets only one of two clerks take the same step at once: the guard is in the SQL', async () => {
      const id = await cardAt(db, 'arrived');
      const both = await Promise.allSettled([0, 1].map(() => takeStep(db, { municipalityCode: MC, applicantId: id, step: 'prepare' }, who)));
      assert.deepEqual(both.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      assert.equal((await cardHistory(db.kysely, MC, id)).filter((h) => h.step === 'prepare').length, 1);
    });

    it('demands a reason for 廃棄 and keeps it with the date; a comment is tied to its history line', async () => {
      const id = await cardAt(db, 'notice_sent');
      await assert.rejects(takeStep(db, { municipalityCode: MC, applicantId: id, step: 'dispose', reason: '  ' }, who), refusedWith('card_reason_required'));
      await takeStep(db, { municipalityCode: MC, applicantId: id, step: 'dispose', reason: '受取期限経過', on: '2027-10-01', comment: '督促後も連絡なし' }, who);
      const card = await findCard(db.kysely, MC, id);
      assert.deepEqual([card?.status, card?.dates.disposedOn, card?.reasons.disposalReason, card?.flags.disposalChecked], ['disposed', '2027-10-01', '受取期限経過', true]);
      const last = (await cardHistory(db.kysely, MC, id)).at(-1);
      assert.deepEqual([last?.step, last?.comments], ['dispose', ['督促後も連絡なし']]);
      assert.doesNotMatch((await events('card.issuance.step')).at(-1)?.detail ?? '', /受取期限|督促/);
    });

    it('moves a card to another site as its storage and issuing site, keeping its status; refuses the same or an unknown site', async () => {
      const id = await cardAt(db, 'prepared');
      await takeStep(db, { municipalityCode: MC, applicantId: id, step: 'transfer', toSite: 'ekimae' }, who);
      const card = await findCard(db.kysely, MC, id);
      assert.deepEqual([card?.status, card?.storageSiteCode, card?.issuingSiteCode, card?.applicationSiteCode], ['prepared', 'ekimae', 'ekimae', 'honcho']);
      assert.equal((await cardHistory(db.kysely, MC, id)).at(-1)?.detail, '保管場所 honcho → ekimae');
      await assert.rejects(takeStep(db, { municipalityCode: MC, applicantId: id, step: 'transfer', toSite: 'ekimae' }, who), refusedWith('card_transfer_invalid'));
      await assert.rejects(takeStep(db, { municipalityCode: MC, applicantId: id, step: 'transfer', toSite: 'nowhere' }, who), refusedWith('card_transfer_invalid'));
    });

    it('refuses a step on a card changed since it was shown (RowStamp)', async () => {
      const id = await cardAt(db, 'arrived');
      const shown = (await findCard(db.kysely, MC, id))!.rowVersion;
      await takeStep(db, { municipalityCode: MC, applicantId: id, step: 'transfer', toSite: 'kita' }, who);
      await assert.rejects(takeStep(db, { municipalityCode: MC, applicantId: id, step: 'prepare', rowVersion: shown }, who), refusedWith('card_changed'));
      await takeStep(db, { municipalityCode: MC, applicantId: id, step: 'prepare', rowVersion: shown + 1 }, who);
    });

    it('takes every listed card through a bulk step in one transaction, or none when one cannot take it', async () => {
      const ids = [await cardAt(db, 'arrived'), await cardAt(db, 'arrived'), await cardAt(db, 'arrived')];
      const late = await cardAt(db, 'applied_to_jlis');
      await assert.rejects(takeBulkStep(db, { municipalityCode: MC, applicantIds: [...ids, late], step: 'prepare' }, who), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'card_bulk_refused');
        assert.equal(e.localized('ja'), `4件のうち1件は「交付前設定」ができないため、一括更新を行いませんでした: ${late} (J-LIS申請済)`);
        return true;
      });
      for (const id of ids) assert.equal((await findCard(db.kysely, MC, id))?.status, 'arrived');
      const moved = await takeBulkStep(db, { municipalityCode: MC, applicantIds: [...ids, ids[0]!], step: 'prepare', comment: '一括設定' }, who);
      assert.deepEqual(moved.map((m) => m.applicantId).sort(), [...ids].sort());
      for (const id of ids) assert.deepEqual((await cardHistory(db.kysely, MC, id)).at(-1)?.comments, ['一括設定']);
      const [refused, done] = (await events('card.issuance.bulk_step')).slice(-2);
      assert.deepEqual([refused?.outcome, done?.outcome, done?.subjects.length, done?.detail], ['failure', 'success', 3, 'prepare ×3 with comment']);
    });

    it('records arrivals from a scanned list and answers every ID: arrived, misread, unknown, listed twice, already arrived, not allowed', async () => {
      const [a, b, already, early] = [await cardAt(db, 'applied_to_jlis'), await cardAt(db, 'applied_to_jlis'), await cardAt(db, 'arrived'), await cardAt(db, 'received')];
      const unknown = '88888888888888888888888';
      const spaced = `${b.slice(0, 4)} ${b.slice(4)}`;
      const results = await recordArrivals(db, MC, [a, '1234', unknown, spaced, a, already, early], who, { on: '2026-11-20' });
      assert.deepEqual(results, [
        { result: 'arrived', applicantId: a, storageSiteCode: 'honcho' },
        { result: 'invalid', input: '1234' },
        { result: 'unknown', applicantId: unknown },
        { result: 'arrived', applicantId: b, storageSiteCode: 'honcho' },
        { result: 'duplicate', applicantId: a },
        { result: 'already_arrived', applicantId: already },
        { result: 'not_allowed', applicantId: early, status: 'received' },
      ]);
      assert.deepEqual((await findCard(db.kysely, MC, b))?.dates.managementStartedOn, '2026-11-20');
      const event = (await events('card.issuance.arrival')).at(-1);
      assert.deepEqual(event?.subjects.sort(), [`card:${a}`, `card:${b}`].sort());
      assert.equal(event?.detail, 'scanned 7: arrived 2, invalid 1, unknown 1, duplicate 1, already_arrived 1, not_allowed 1');
    });

    it('records the arrival only of cards kept at a site of the clerk\'s scope, answering the others out_of_scope', async () => {
      const [mine, theirs] = [await cardAt(db, 'applied_to_jlis', { storageSiteCode: 'kita' }), await cardAt(db, 'applied_to_jlis')];
      assert.deepEqual(await recordArrivals(db, MC, [mine, theirs], who, { scope: ['kita'] }), [
        { result: 'arrived', applicantId: mine, storageSiteCode: 'kita' }, { result: 'out_of_scope', applicantId: theirs },
      ]);
      assert.equal((await findCard(db.kysely, MC, theirs))?.status, 'applied_to_jlis');
    });
  });
}
