import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { readProcedureFiles, shippedProceduresDir } from '../procedures.ts';
import { fieldsByCategory, PurposeNotice } from './purpose-notice.tsx';

describe('PurposeNotice (利用目的の明示)', () => {
  let byId: Record<string, ProcedureDefinition>;
  before(async () => {
    byId = Object.fromEntries((await readProcedureFiles(shippedProceduresDir)).files.map((f) => [f.definition.id, f.definition]));
  });
  // The notice has no async child, so it renders to a string at once.
  const render = (id: string, lang: 'ja' | 'en' = 'ja', def = byId[id]!) => PurposeNotice({ lang, definition: def }) as string;
  const rowOf = (html: string, category: string) => new RegExp(`<tr data-category="${category}">([\\s\\S]*?)</tr>`).exec(html)?.[1];

  it('lists the pregnancy notification\'s items by category, 個人番号 and 要配慮 included, and says they are encrypted', () => {
    const html = render('pregnancy-notification');
    assert.match(rowOf(html, 'individual_number')!, /<th scope="row">個人番号<\/th><td>個人番号（マイナンバー）<\/td>/);
    assert.match(rowOf(html, 'sensitive')!, /出産予定日、妊娠の診断を受けた日、胎児の数/);
    assert.match(rowOf(html, 'basic4')!, /氏名、氏名（フリガナ）、生年月日/);
    assert.match(html, /項目ごとに暗号化して保存/);
    assert.match(html, /母子健康手帳の交付/);
    assert.match(html, /母子保健法第15条/);
    assert.match(html, /5年。母子保健システムへ引渡し後は本システムから消去します/);
    assert.match(html, /保健センター（母子保健システム、マイナンバー利用事務系）/);
    assert.match(html, /本人確認書類<\/dt><dd>必要です/);
    assert.match(html, /胎児の数：多胎妊娠の方へ追加の受診票と支援をお渡しするため/, 'an item\'s own purpose is named');
  });

  it('speaks English, and names the fee and what the payment agent receives for a paid procedure', () => {
    const html = render('course-event', 'en');
    assert.match(html, /How your personal data is handled/);
    assert.match(html, /<th scope="row">Basic four \(name, address, birth date, gender\)<\/th><td>Your full name, Your name \(katakana reading\)<\/td>/);
    assert.match(html, /1 year\. Kept for 1 year after the course or event/);
    assert.match(html, /Fee: 1,500 yen each\. The payment agent receives only the amount and the receipt number/);
    assert.doesNotMatch(html, /encrypted item by item/, 'nothing protected, no such promise');
  });

  it('says identity documents are not needed and shows no payment for a free procedure', () => {
    const html = render('water-open-close');
    assert.match(html, /本人確認書類<\/dt><dd>不要です。/);
    assert.doesNotMatch(html, /お支払い/);
    assert.equal(rowOf(html, 'sensitive'), undefined);
  });

  it('escapes whatever a definition says', () => {
    const def = structuredClone(byId['water-open-close']!);
    def.fields[0]!.label.ja = '<img src=x onerror=alert(1)>';
    def.purpose.ja = '"><script>alert(1)</script>';
    const html = render('water-open-close', 'ja', def);
    assert.ok(!html.includes('<img src=x') && !html.includes('<script>alert'), html);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)/);
  });

  it('groups fields in the categories\' order and leaves out empty ones', () => {
    assert.deepEqual(fieldsByCategory(byId['tax-certificate']!).map((g) => [g.category, g.labels.length]), [['basic4', 6], ['contact', 2], ['tax', 2], ['other', 2]]);
  });
});
