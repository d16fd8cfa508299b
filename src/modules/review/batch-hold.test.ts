import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBatchHold } from './batch-hold.ts';

describe('the batch hold (files in memory between the steps)', () => {
  it('gives a value to its owner only, once when taken, and never after its time', () => {
    let now = 0;
    const hold = createBatchHold<string>({ ttlMs: 1000, perOwner: 2, now: () => now });
    const id = hold.put('279994:clerk', 'file');
    assert.equal(hold.peek('279994:other', id), undefined);
    assert.equal(hold.peek('279994:clerk', id), 'file');
    assert.equal(hold.take('279994:clerk', id), 'file');
    assert.equal(hold.take('279994:clerk', id), undefined);
    const late = hold.put('279994:clerk', 'file');
    now = 1000;
    assert.equal(hold.peek('279994:clerk', late), undefined);
    hold.close();
  });

  it('drops an owner\'s oldest beyond their allowance, and every expired value on a sweep', () => {
    let now = 0;
    const hold = createBatchHold<number>({ ttlMs: 1000, perOwner: 2, now: () => now });
    const [a, b, c] = [hold.put('x', 1), hold.put('x', 2), hold.put('x', 3)];
    hold.put('y', 4);
    assert.deepEqual([hold.peek('x', a), hold.peek('x', b), hold.peek('x', c)], [undefined, 2, 3]);
    now = 5000;
    hold.sweep();
    assert.equal(hold.size, 0);
    hold.close();
  });
});
