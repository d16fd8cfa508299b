// The shipping rules as tables: each item's step from each status, the default item by 来庁方式, and the postal codes a
// clerk may type.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../platform/errors.ts';
import { defaultItem, parsePostalCode, printedPostalCode, shippingStep } from './rules.ts';

describe('card shipping rules', () => {
  it('sends the notice or the card first from 交付前設定済 and again after a return', () => {
    const cases = [
      ['notice', 'prepared', 'send_notice'],
      ['notice', 'returned', 'resend_notice'],
      ['card', 'prepared', 'mail_card'],
      ['card', 'returned', 'resend_card'],
    ] as const;
    for (const [item, status, step] of cases) assert.equal(shippingStep(item, status), step, `${item} from ${status}`);
  });

  it('refuses to ship a card in any other status, naming the status', () => {
    for (const [item, status] of [['notice', 'arrived'], ['notice', 'notice_sent'], ['card', 'mailed'], ['card', 'issued'], ['notice', 'disposed']] as const) {
      assert.throws(() => shippingStep(item, status), (e: unknown) => e instanceof AppError && e.code === 'card_step_not_allowed', `${item} from ${status}`);
    }
  });

  it('sends the notice to a resident who collects the card and the card to one who was identified at application', () => {
    assert.equal(defaultItem('at_pickup'), 'notice');
    assert.equal(defaultItem('at_application'), 'card');
  });

  it('reads the postal codes clerks type and refuses the rest', () => {
    const cases = [['650-0001', '6500001'], ['〒650-0001', '6500001'], ['６５００００１', '6500001'], [' 6500001 ', '6500001'], ['650-001', undefined], ['abc1234', undefined], ['', undefined]] as const;
    for (const [input, stored] of cases) assert.equal(parsePostalCode(input), stored, input);
    assert.equal(printedPostalCode('6500001'), '〒650-0001');
  });
});
