// Sending letters on both backends: the kind each target gets, the plan the clerk confirms equal to what is sent,
// a page per transaction, only the reply code's hash stored, nothing sent twice, and one person's letter.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { replyCodeHash } from './domain/reply-code.ts';
import { addPublicFundAccount, addTarget, city, letterWorld } from './letters.builders.ts';
import { planLetters, reissueLetter, replyCodeOf, sendLetter, sendLetters } from './send.ts';
import { letterByCodeHash, lettersOf } from './store.ts';

const programmeId = 'adjustment-2024';
const actor = { userId: 'benefits.clerk' };

for (const backend of backends) {
  describe(`sending benefit letters on ${backend}`, () => {
    let w: Awaited<ReturnType<typeof letterWorld>>;
    const people: Record<string, string> = {};
    before(async () => {
      w = await letterWorld(backend);
      people.known = (await addTarget(w.db, { amount: 90_000 })).residentNumber;
      await addPublicFundAccount(w.db, w.cipher, people.known);
      people.unknown = (await addTarget(w.db, { amount: 30_000 })).residentNumber;
      people.movedOut = (await addTarget(w.db, { amount: 50_000, status: '転出' })).residentNumber;
      people.deceased = (await addTarget(w.db, { amount: 20_000, status: '死亡' })).residentNumber;
      people.ineligible = (await addTarget(w.db, { amount: 0 })).residentNumber;
      people.notified = (await addTarget(w.db, { amount: 10_000, state: 'notified' })).residentNumber;
    });
    after(() => w.close());

    const state = async (resident: string) => (await w.db.kysely.selectFrom('benefit_target').select('state').where('resident_number', '=', resident).executeTakeFirstOrThrow()).state;
    const options = { municipalityCode: city, programmeId, sentOn: '2024-07-01', actor };

    it('plans a notice for a known public-fund account, confirmation forms for the rest, and holds the deceased', async () => {
      const plan = await planLetters({ db: w.db, municipalityCode: city, programmeId });
      assert.deepEqual(plan, { kinds: { notice: { targets: 1, amount: 90_000 }, confirmation: { targets: 2, amount: 80_000 } }, held: { deceased: 1 } });
    });

    it('sends what it planned, one transaction per page, moving each target to notified', async () => {
      const done = await sendLetters({ ...options, db: w.db, cipher: w.cipher, pageSize: 2 });
      assert.deepEqual(done, { kinds: { notice: { targets: 1, amount: 90_000 }, confirmation: { targets: 2, amount: 80_000 } }, held: { deceased: 1 } });
      for (const p of ['known', 'unknown', 'movedOut']) assert.equal(await state(people[p]!), 'notified', p);
      for (const p of ['deceased', 'ineligible']) assert.equal(await state(people[p]!), 'targeted', p);
      const [notice] = await lettersOf(w.db.kysely, city, programmeId, people.known!);
      assert.deepEqual([notice!.kind, notice!.amount, notice!.replyDeadline, notice!.ruleVersion, notice!.sentBy], ['notice', 90_000, '2024-07-15', 'adjustment-2024.1', actor.userId]);
      const [form] = await lettersOf(w.db.kysely, city, programmeId, people.unknown!);
      assert.deepEqual([form!.kind, form!.amount, form!.replyDeadline], ['confirmation', 30_000, '2024-09-29']);
      const events = await w.db.kysely.selectFrom('audit_event').select(['subjects', 'detail']).where('operation_code', '=', 'benefits.letters.send').orderBy('seq').execute();
      assert.equal(events.length, 2, 'two pages with letters (the third held only the deceased and the ineligible were never candidates)');
      assert.deepEqual(events.flatMap((e) => e.subjects).sort(), [people.known, people.unknown, people.movedOut].map((r) => `benefit_target:${r}`).sort());
      assert.ok(events.every((e) => !e.detail.includes('花子')));
    });

    it('stores only the hash of a confirmation form’s reply code, which finds the letter; a notice has none', async () => {
      const { rows } = await sql<{ resident_number: string; reply_code_hash: string | null }>`select resident_number, reply_code_hash from benefit_letter`.execute(w.db.kysely);
      const hashes = new Map(rows.map((r) => [r.resident_number, r.reply_code_hash]));
      assert.equal(hashes.get(people.known!), null);
      const code = replyCodeOf(w.cipher, programmeId, people.unknown!, 1);
      assert.match(code, /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
      assert.equal(hashes.get(people.unknown!), replyCodeHash(code));
      assert.ok(![...hashes.values()].some((h) => h?.includes(code.replace(/-/g, ''))));
      const found = await letterByCodeHash(w.db.kysely, replyCodeHash(code.toLowerCase()));
      assert.deepEqual([found?.residentNumber, found?.municipalityCode, found?.programmeId, found?.kind], [people.unknown, city, programmeId, 'confirmation']);
      assert.equal(await letterByCodeHash(w.db.kysely, replyCodeHash(replyCodeOf(w.cipher, programmeId, people.known!, 1))), undefined);
    });

    it('sends nothing twice: a second run finds only the held', async () => {
      const again = await sendLetters({ ...options, db: w.db, cipher: w.cipher });
      assert.deepEqual(again, { kinds: { notice: { targets: 0, amount: 0 }, confirmation: { targets: 0, amount: 0 } }, held: { deceased: 1 } });
      const { rows } = await sql<{ n: number }>`select count(*)::integer as n from benefit_letter`.execute(w.db.kysely);
      assert.equal(rows[0]!.n, 3);
    });

    it('sends one person’s letter, and refuses one already sent or not eligible, saying why', async () => {
      const one = (await addTarget(w.db, { amount: 40_000 })).residentNumber;
      const letter = await sendLetter({ ...options, db: w.db, cipher: w.cipher, residentNumber: one, sentOn: '2024-08-01' });
      assert.deepEqual([letter.kind, letter.letterNumber, letter.replyDeadline], ['confirmation', 1, '2024-10-30']);
      assert.equal(await state(one), 'notified');
      const refused = async (residentNumber: string, hold: string) => {
        const e = await sendLetter({ ...options, db: w.db, cipher: w.cipher, residentNumber }).then(() => undefined, (x: unknown) => x);
        assert.ok(e instanceof AppError && e.code === 'benefits_letter_held' && e.details.hold === hold, `${hold}: ${String(e)}`);
      };
      await refused(one, 'already_sent');
      await refused(people.ineligible!, 'not_eligible');
      await refused(people.deceased!, 'deceased');
      await assert.rejects(sendLetter({ ...options, db: w.db, cipher: w.cipher, residentNumber: '1' }), (e) => e instanceof AppError && e.code === 'benefits_target_not_found');
    });

    it('sends a lost letter again with the same deadline and a new code; the old code answers nothing', async () => {
      const r = (await addTarget(w.db, { amount: 70_000 })).residentNumber;
      await sendLetter({ ...options, db: w.db, cipher: w.cipher, residentNumber: r });
      const again = await reissueLetter({ ...options, db: w.db, cipher: w.cipher, residentNumber: r, sentOn: '2024-08-10' });
      assert.deepEqual([again.letterNumber, again.kind, again.amount, again.replyDeadline, again.sentOn], [2, 'confirmation', 70_000, '2024-09-29', '2024-08-10']);
      assert.equal(await letterByCodeHash(w.db.kysely, replyCodeHash(replyCodeOf(w.cipher, programmeId, r, 1))), undefined);
      assert.equal((await letterByCodeHash(w.db.kysely, replyCodeHash(replyCodeOf(w.cipher, programmeId, r, 2))))?.letterNumber, 2);
      assert.equal(await state(r), 'notified');
      await assert.rejects(reissueLetter({ ...options, db: w.db, cipher: w.cipher, residentNumber: r, sentOn: '2024-09-30' }), (e) => e instanceof AppError && e.details.hold === 'past_deadline');
      await assert.rejects(reissueLetter({ ...options, db: w.db, cipher: w.cipher, residentNumber: people.deceased! }), (e) => e instanceof AppError && e.details.hold === 'not_open');
    });

    it('writes each letter once when two clerks send at the same time', async () => {
      const fresh = await Promise.all([1, 2, 3].map(() => addTarget(w.db, { amount: 10_000 })));
      const results = await Promise.all([1, 2].map(() => sendLetters({ ...options, db: w.db, cipher: w.cipher, pageSize: 1 })));
      assert.equal(results.reduce((n, r) => n + r.kinds.confirmation.targets, 0), 3);
      for (const t of fresh) assert.equal((await lettersOf(w.db.kysely, city, programmeId, t.residentNumber)).length, 1);
    });
  });
}
