import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, appendEvents, city, otherCity } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { AuditOperation } from './operations.ts';
import { exportAuditCsv, searchAuditEvents, toJst } from './search.ts';

const t0 = Date.parse('2025-04-01T00:00:00Z');

for (const backend of backends) {
  describe(`audit search and export on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
      // 12 events, one an hour: even ones by sato (logins), odd ones by tanaka reading resident:i; resident:5 is read twice.
      await appendEvents(db, 12, (i) => ({
        startedAt: new Date(t0 + i * 3_600_000),
        endedAt: new Date(t0 + i * 3_600_000 + 1500),
        ...(i % 2 === 0
          ? { actor: { userId: 'sato.k', userName: '佐藤 健', department: '税務課' }, operation: AuditOperation['auth.login'], subjects: [], detail: '' }
          : { subjects: i === 11 ? ['resident:5', 'application:A-1'] : [`resident:${i}`] }),
      }));
      await appendEvents(db, 2, () => ({ municipalityCode: otherCity, subjects: ['resident:5'] }));
    });
    after(() => db.close());

    const seqs = async (q: Omit<Parameters<typeof searchAuditEvents>[1], 'municipalityCode' | 'limit'>) =>
      (await searchAuditEvents(db, { municipalityCode: city, limit: 100, ...q })).events.map((e) => e.seq);

    it('finds who viewed a resident\'s data, in this municipality only', async () => {
      assert.deepEqual(await seqs({ subject: 'resident:5' }), [5, 11]);
    });

    it('finds the events of one member of staff, of one operation, and of a period (from inclusive, to exclusive)', async () => {
      assert.deepEqual(await seqs({ user: 'sato.k' }), [2, 4, 6, 8, 10, 12]);
      assert.deepEqual(await seqs({ operation: 'auth.login', from: new Date(t0 + 4 * 3_600_000), to: new Date(t0 + 8 * 3_600_000) }), [4, 6]);
      assert.deepEqual(await seqs({ user: 'tanaka.h', subject: 'resident:7' }), [7]);
    });

    it('pages by keyset: each page starts after the last seq of the one before, and the last page says so', async () => {
      const pages: number[][] = [];
      let after: number | undefined;
      do {
        const page = await searchAuditEvents(db, { municipalityCode: city, user: 'tanaka.h', limit: 4, after });
        pages.push(page.events.map((e) => e.seq));
        after = page.next;
      } while (after !== undefined);
      assert.deepEqual(pages, [[1, 3, 5, 7], [9, 11]]);
    });

    it('exports matching events as CSV with the seed\'s field names and Japan time, and logs the export', async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-audit-csv-')), 'audit.csv');
      const summary = await exportAuditCsv(db, { municipalityCode: city, subject: 'resident:5' }, { actor: { userId: 'kansa.a', userName: '監査 太郎' } }, file, { batchSize: 1 });
      assert.equal(summary.rows, 2);
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.startsWith('\uFEFF連番,Key,クライアント情報(IP),クライアント情報(ブラウザ),ユーザーID,ユーザー名,部課名,処理コード,処理名,処理分類,処理内容,個人番号アクセス,処理結果,対象ID,処理開始時間,処理終了時間,前のハッシュ,ハッシュ\r\n'));
      const lines = text.trim().split('\r\n');
      assert.equal(lines.length, 3);
      assert.match(lines[2]!, /^11,[0-9a-f-]{36},192\.0\.2\.10,.*,tanaka\.h,田中 花子,市民課,audit\.search,操作ログの検索,read,.*,false,success,resident:5 application:A-1,2025-04-01T20:00:00\.000000\+09:00,2025-04-01T20:00:01\.500000\+09:00,/);
      const logged = await searchAuditEvents(db, { municipalityCode: city, operation: 'audit.export', limit: 10 });
      assert.equal(logged.events.length, 1);
      assert.equal(logged.events[0]!.userId, 'kansa.a');
      assert.deepEqual(logged.events[0]!.subjects, ['resident:5']);
      assert.equal(logged.events[0]!.detail, '操作ログCSV出力 subject=resident:5 rows=2');
    });

    it('neutralises a cell that a spreadsheet would run as a formula', async () => {
      await appendEvents(db, 1, () => ({ detail: '=HYPERLINK("http://evil.example")', subjects: ['resident:99'] }));
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-audit-csv-')), 'audit.csv');
      await exportAuditCsv(db, { municipalityCode: city, subject: 'resident:99' }, { actor: { userId: 'kansa.a' } }, file);
      assert.match(fs.readFileSync(file, 'utf8'), /,"'=HYPERLINK\(""http:\/\/evil\.example""\)",/);
    });

    it('refuses an export filter that is not an id, before writing anything', async () => {
      await assert.rejects(exportAuditCsv(db, { municipalityCode: city, subject: '山田 太郎' }, { actor: { userId: 'kansa.a' } }, '/nonexistent/x.csv'),
        (e: Error & { code?: string }) => e.code === 'validation_failed');
    });
  });
}

describe('times in the export', () => {
  it('turns canonical UTC into Japan time, keeping the microseconds', () => {
    assert.equal(toJst('2025-04-01T15:30:00.123456Z'), '2025-04-02T00:30:00.123456+09:00');
  });
});
