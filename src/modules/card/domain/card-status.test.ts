import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../platform/errors.ts';
import { type CardStatus, cardStatuses, type CardStep, cardSteps, isCardStatus, nextStatus, preIssueStatuses, stepsFrom } from './card-status.ts';

const statuses = Object.keys(cardStatuses) as CardStatus[];

describe('card statuses', () => {
  // Every allowed transition, written out: the table in card-status.ts must produce exactly these and nothing else.
  const allowed: Array<[CardStatus, CardStep, CardStatus]> = [
    ['received', 'apply_to_jlis', 'applied_to_jlis'],
    ['applied_to_jlis', 'arrive', 'arrived'],
    ['reissue_requested', 'arrive', 'arrived'],
    ['arrived', 'prepare', 'prepared'],
    ['prepared', 'send_notice', 'notice_sent'],
    ['prepared', 'mail_card', 'mailed'],
    ['notice_sent', 'return_by_post', 'returned'],
    ['mailed', 'return_by_post', 'returned'],
    ['returned', 'resend_notice', 'notice_sent'],
    ['returned', 'resend_card', 'mailed'],
    ['notice_sent', 'issue', 'issued'],
    ['returned', 'issue', 'issued'],
    ['mailed', 'confirm_delivery', 'issued'],
    ...preIssueStatuses.map((s): [CardStatus, CardStep, CardStatus] => [s, 'cancel', 'cancelled']),
    ['arrived', 'request_reissue', 'reissue_requested'],
    ['prepared', 'request_reissue', 'reissue_requested'],
    ['notice_sent', 'request_reissue', 'reissue_requested'],
    ['returned', 'request_reissue', 'reissue_requested'],
    ['issued', 'revoke', 'revoked'],
    ['issued', 'recover', 'recovered'],
    ['revoked', 'recover', 'recovered'],
    ...(['arrived', 'prepared', 'notice_sent', 'returned', 'cancelled', 'revoked', 'recovered'] as const).map((s): [CardStatus, CardStep, CardStatus] => [s, 'dispose', 'disposed']),
    ...preIssueStatuses.map((s): [CardStatus, CardStep, CardStatus] => [s, 'transfer', s]),
  ];
  for (const [from, step, to] of allowed) it(`${from} --${step}--> ${to}`, () => assert.equal(nextStatus(from, step), to));

  it('allows nothing else from any status', () => {
    const expected = new Set(allowed.map(([from, step]) => `${from}:${step}`));
    for (const from of statuses) {
      for (const step of Object.keys(cardSteps) as CardStep[]) {
        if (!expected.has(`${from}:${step}`)) assert.throws(() => nextStatus(from, step), AppError, `${from} ${step}`);
      }
    }
  });

  const refused: Array<[string, CardStatus, CardStep, string[]]> = [
    ['a card is prepared before its notice is sent (no step skipped)', 'arrived', 'send_notice', ['交付前設定 (→ 交付前設定済)']],
    ['a card is not handed over before the notice is sent', 'prepared', 'issue', ['交付通知書発送 (→ 交付通知書発送済)', 'カード郵送 (→ カード郵送中)']],
    ['an issued card is not issued twice', 'issued', 'issue', ['失効 (→ 失効)', '回収 (→ 回収済)']],
    ['a card in the post is not moved to another site', 'mailed', 'transfer', ['返戻 (→ 返戻)', '郵送交付完了 (→ 交付済)']],
    ['an issued card is not cancelled but revoked', 'issued', 'cancel', ['失効 (→ 失効)']],
    ['a card does not arrive before the application went to J-LIS', 'received', 'arrive', ['J-LIS申請 (→ J-LIS申請済)']],
    ['a disposed card takes no step', 'disposed', 'recover', ['なし']],
  ];
  for (const [name, from, step, named] of refused) {
    it(`refuses: ${name}, naming the status and the allowed steps`, () => {
      assert.throws(() => nextStatus(from, step), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'card_step_not_allowed' && e.status === 409);
        const ja = e.localized('ja');
        assert.ok(ja.startsWith(`「${cardStatuses[from].ja}」のカードには「${cardSteps[step].ja}」はできません。`), ja);
        for (const n of named) assert.ok(ja.includes(n), `${ja} names ${n}`);
        assert.ok(e.localized('en').includes(`"${cardStatuses[from].en}"`));
        return true;
      });
    });
  }

  it('lists the steps from a status in the table order, transfer last', () => {
    assert.deepEqual(stepsFrom('notice_sent'), ['return_by_post', 'issue', 'cancel', 'request_reissue', 'dispose', 'transfer']);
    assert.deepEqual(stepsFrom('issued'), ['revoke', 'recover']);
  });

  it('leaves disposed as the only status with no step, and reaches every status from received', () => {
    assert.deepEqual(statuses.filter((s) => stepsFrom(s).length === 0), ['disposed']);
    const reached = new Set<CardStatus>(['received']);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of [...reached]) {
        for (const step of stepsFrom(s)) {
          const to = nextStatus(s, step);
          if (reached.has(to)) continue;
          reached.add(to);
          grew = true;
        }
      }
    }
    assert.deepEqual([...reached].sort(), [...statuses].sort());
  });

  it('names every status and step in Japanese and English, and demands a reason for the steps that end a card', () => {
    for (const s of Object.values(cardStatuses)) assert.ok(s.ja && s.en);
    for (const s of Object.values(cardSteps)) assert.ok(s.ja && s.en);
    const withReason = (Object.keys(cardSteps) as CardStep[]).filter((s) => 'reason' in cardSteps[s]);
    assert.deepEqual(withReason, ['cancel', 'revoke', 'recover', 'dispose']);
  });

  const names: Array<[string, boolean]> = [['issued', true], ['notice_sent', true], ['交付済', false], ['toString', false], ['', false]];
  for (const [s, ok] of names) it(`isCardStatus(${JSON.stringify(s)}) is ${ok}`, () => assert.equal(isCardStatus(s), ok));
});
