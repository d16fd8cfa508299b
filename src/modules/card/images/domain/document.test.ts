import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fiscalYearOf, isRotation, retentionEndsOn, retentionYears, rotatedView, type Rotation, turned } from './document.ts';

describe('document image rules', () => {
  const years: Array<[string, number]> = [['2026-04-01', 2026], ['2026-03-31', 2025], ['2027-01-15', 2026], ['2026-12-31', 2026]];
  for (const [day, fy] of years) it(`puts ${day} in fiscal year ${fy}`, () => assert.equal(fiscalYearOf(day), fy));

  const ends: Array<[number, number, string]> = [[2026, 5, '2032-04-01'], [2026, 15, '2042-04-01'], [2010, 1, '2012-04-01']];
  for (const [fy, n, day] of ends) it(`ends ${n} years' retention of fiscal ${fy} on ${day}`, () => assert.equal(retentionEndsOn(fy, n), day));

  it('keeps the defaults where the municipality set nothing, its own years where it did', () => {
    assert.deepEqual(retentionYears({ identity_document: 3 }), { application_form: 15, notice_reply: 15, proxy_document: 15, identity_document: 3, other: 5 });
  });

  const turns: Array<[Rotation, 'left' | 'right', Rotation]> = [[0, 'right', 90], [90, 'right', 180], [270, 'right', 0], [0, 'left', 270], [180, 'left', 90]];
  for (const [from, d, to] of turns) it(`turns ${from}° ${d} to ${to}°`, () => assert.equal(turned(from, d), to));

  it('knows only the four right angles', () => {
    assert.deepEqual([0, 90, 180, 270, 45, 360, -90].map(isRotation), [true, true, true, true, false, false, false]);
  });

  // A 400 × 300 image: turned a quarter, it fills a 300 × 400 box; the transform maps its corners into that box.
  const views: Array<[Rotation, number, number, string]> = [
    [0, 400, 300, ''], [90, 300, 400, 'translate(300 0) rotate(90)'], [180, 400, 300, 'translate(400 300) rotate(180)'], [270, 300, 400, 'translate(0 400) rotate(270)'],
  ];
  for (const [r, w, h, transform] of views) {
    it(`draws a 400×300 image turned ${r}° in a ${w}×${h} box`, () => assert.deepEqual(rotatedView(400, 300, r), { width: w, height: h, transform }));
  }
});
