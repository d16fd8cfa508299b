// The counts by category and the retention wording, on small registers built for the purpose.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personalItem } from '../../../platform/register/personal-data.ts';
import type { RegisterFile } from './files.ts';
import { categoryCounts, retentionText } from './summary.ts';

const b = (ja: string, en = ja) => ({ ja, en });

function buildFile(fileId: string, items: RegisterFile['items'], o: Partial<RegisterFile['file']> = {}): RegisterFile {
  return {
    module: 'card',
    items,
    file: {
      fileId, title: b(`${fileId}の名称`, fileId), department: b('課'), purpose: b('目的'), legalBasis: b('法'), source: b('本人'), users: b('職員'),
      retentionYears: 5, retentionNote: b('5年後に消去', 'deleted after five years'), recipients: b('なし'), encrypted: false,
      persons: { table: 't', key: ['id'], note: b('ID') }, ...o,
    },
  };
}

describe('register summary', () => {
  it('counts the items of each category across files, naming the files holding them, and lists an unheld category with 0', () => {
    const counts = categoryCounts([
      buildFile('a', [personalItem('t', 'name', '氏名', 'Name', 'basic4'), personalItem('t', 'phone', '電話', 'Phone', 'contact'), personalItem('t', 'addr', '住所', 'Address', 'basic4')]),
      buildFile('b', [personalItem('u', 'name', '氏名', 'Name', 'basic4')]),
    ]);
    assert.deepEqual(counts.map((c) => c.category), ['basic4', 'contact', 'individual_number', 'sensitive', 'account', 'tax', 'other']);
    assert.deepEqual(counts[0], { category: 'basic4', items: 3, files: [{ fileId: 'a', title: b('aの名称', 'a'), items: 2 }, { fileId: 'b', title: b('bの名称', 'b'), items: 1 }] });
    assert.deepEqual(counts[2], { category: 'individual_number', items: 0, files: [] });
  });

  it('reads a retention in years with its rule, and a rule alone when it is not counted in years', () => {
    assert.equal(retentionText(buildFile('a', []).file, 'ja'), '5年 5年後に消去');
    assert.equal(retentionText(buildFile('a', []).file, 'en'), '5 years: deleted after five years');
    const mail = buildFile('m', [], { retentionYears: 0, retentionNote: b('送信後30日で消去', 'deleted 30 days after sending') }).file;
    assert.equal(retentionText(mail, 'ja'), '送信後30日で消去');
  });
});
