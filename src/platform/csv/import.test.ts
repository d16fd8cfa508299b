import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { backends, freshDb } from '../../../test/support/db.ts';
import type { Db, Tx } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { type ImportOptions, runImport } from './import.ts';
import type { RowIssue } from './row-error.ts';
import { findDuplicates, type StagedRows } from './stage.ts';

// A small table standing in for a module's master data (e.g. a resident extract).
const createTable = `create table csv_import_probe (
  code text primary key,
  name text not null,
  born date not null
)`;

interface Probe {
  code: string;
  name: string;
  born: string;
}

const columns = { required: ['code', 'name', 'born'] } as const;

function parseRow(record: { code: string; name: string; born: string }): Probe | RowIssue[] {
  const issues: RowIssue[] = [];
  if (!/^\d+$/.test(record.code)) issues.push({ column: 'code', code: 'code_invalid' });
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(record.born)) issues.push({ column: 'born', code: 'born_invalid' });
  return issues.length > 0 ? issues : { code: record.code, name: record.name, born: record.born };
}

const messages = {
  code_invalid: { ja: () => 'コードは数字で入力してください。', en: () => 'The code must be digits.' },
  born_invalid: { ja: () => '生年月日は YYYY-MM-DD で入力してください。', en: () => 'The birth date must be YYYY-MM-DD.' },
};

/** The swap a module would write: delete the old rows and insert the staged ones, set-based, in the given transaction. */
async function swapBySql(tx: Tx, rows: StagedRows<Probe>): Promise<void> {
  await sql`delete from csv_import_probe`.execute(tx);
  await sql`insert into csv_import_probe (code, name, born)
    select data ->> 'code', data ->> 'name', (data ->> 'born')::date from ${sql.table(rows.table)}`.execute(tx);
}

/** The same swap reading the staged rows back in batches, for logic that SQL alone cannot express. */
async function swapByBatches(tx: Tx, rows: StagedRows<Probe>): Promise<void> {
  await sql`delete from csv_import_probe`.execute(tx);
  for await (const batch of rows.batches(700)) {
    const json = JSON.stringify(batch.map((b) => b.row));
    await sql`insert into csv_import_probe (code, name, born)
      select code, name, born from jsonb_to_recordset(${json}::jsonb) as x(code text, name text, born date)`.execute(tx);
  }
}

function csv(text: string): Readable {
  return Readable.from([Buffer.from(text, 'utf8')]);
}

function importProbe(db: Db, source: Readable, overrides: Partial<ImportOptions<Probe, 'code' | 'name' | 'born', never>> = {}) {
  return runImport<Probe, 'code' | 'name' | 'born'>({ db, source, columns, parseRow, swap: swapBySql, messages, ...overrides });
}

async function contents(db: Db): Promise<string[]> {
  const { rows } = await sql<{ code: string; name: string; born: string }>`select code, name, born from csv_import_probe order by code`.execute(db.kysely);
  return rows.map((r) => `${r.code}:${r.name}:${r.born}`);
}

async function withProbe(backend: (typeof backends)[number], fn: (db: Db) => Promise<void>): Promise<void> {
  const db = await freshDb(backend);
  try {
    await db.script(createTable);
    await db.script(`insert into csv_import_probe values ('100', '旧データ', '1950-01-01'), ('101', '旧データ2', '1951-01-01')`);
    await fn(db);
  } finally {
    await db.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, 'import_rejected');
    return e;
  }
  assert.fail('the import was accepted');
}

interface Listed {
  line: number;
  column?: string;
  code: string;
  ja: string;
  en: string;
  params?: Record<string, unknown>;
}

const listed = (e: AppError) => e.details.errors as Listed[];

for (const backend of backends) {
  describe(`runImport on ${backend}`, () => {
    it('replaces the old rows with the file\'s rows in one swap', async () => {
      await withProbe(backend, async (db) => {
        const summary = await importProbe(db, csv('code,name,born\r\n1,髙橋 一郎,1980-01-01\r\n2,"佐藤, 花子",1985-05-05\r\n'));
        assert.deepEqual(summary, { rows: 2, encoding: 'utf8' });
        assert.deepEqual(await contents(db), ['1:髙橋 一郎:1980-01-01', '2:佐藤, 花子:1985-05-05']);
      });
    });

    it('rejects a file with bad rows on lines 3 and 7, listing exactly those lines, and keeps the old rows', async () => {
      await withProbe(backend, async (db) => {
        const file = [
          'code,name,born', //              line 1
          '1,髙橋,1980-01-01', //           line 2
          '2,佐藤,1980-13-01', //           line 3: no 13th month
          '3,"鈴木', //                     line 4: a quoted name over two lines
          '次郎",1990-02-02', //            line 5
          '4,田中,2000-03-03', //           line 6
          '5,伊藤', //                      line 7: a field missing
          '6,渡辺,2001-04-04', //           line 8
        ].join('\n');
        const e = await rejection(importProbe(db, csv(file)));
        assert.deepEqual(
          listed(e).map((x) => [x.line, x.column, x.code]),
          [
            [3, 'born', 'born_invalid'],
            [7, undefined, 'csv_column_count'],
          ],
        );
        assert.equal(e.details.count, 2);
        assert.equal(e.details.truncated, false);
        assert.equal(listed(e)[0]!.ja, '3行目「born」: 生年月日は YYYY-MM-DD で入力してください。');
        assert.equal(listed(e)[1]!.en, 'Line 7: The line has 2 fields; the header has 3.');
        assert.match(e.localized('ja'), /2件/);
        assert.deepEqual(await contents(db), ['100:旧データ:1950-01-01', '101:旧データ2:1951-01-01']);
      });
    });

    it('keeps the old rows when the swap itself fails halfway', async () => {
      await withProbe(backend, async (db) => {
        const failing = async (tx: Tx, rows: StagedRows<Probe>) => {
          await swapBySql(tx, rows);
          throw new Error('disk full');
        };
        await assert.rejects(importProbe(db, csv('code,name,born\n1,髙橋,1980-01-01\n'), { swap: failing }), /disk full/);
        assert.deepEqual(await contents(db), ['100:旧データ:1950-01-01', '101:旧データ2:1951-01-01']);
      });
    });

    it('keeps serving the old rows to other queries while the file is staged and validated', async () => {
      await withProbe(backend, async (db) => {
        let seenDuringImport: string[] = [];
        await importProbe(db, csv('code,name,born\n1,髙橋,1980-01-01\n'), {
          validateAll: async () => {
            seenDuringImport = await contents(db);
            return [];
          },
        });
        assert.deepEqual(seenDuringImport, ['100:旧データ:1950-01-01', '101:旧データ2:1951-01-01']);
        assert.deepEqual(await contents(db), ['1:髙橋:1980-01-01']);
      });
    });

    it('reports a duplicate key on the later line, pointing at the first, alongside bad lines', async () => {
      await withProbe(backend, async (db) => {
        const file = 'code,name,born\n1,a,1980-01-01\n2,b,1980-01-01\nx,c,1980-01-01\n1,d,1980-01-01\n2,e,1980-01-01\n';
        const e = await rejection(importProbe(db, csv(file), { validateAll: (rows) => findDuplicates(rows, ['code']) }));
        assert.deepEqual(
          listed(e).map((x) => [x.line, x.code, x.params]),
          [
            [4, 'code_invalid', undefined],
            [5, 'duplicate_key', { firstLine: 2 }],
            [6, 'duplicate_key', { firstLine: 3 }],
          ],
        );
        assert.equal(listed(e)[1]!.ja, '5行目「code」: 2行目と同じ値です（重複）。');
      });
    });

    it('refuses a file with no data rows, which would empty the table, unless allowed', async () => {
      await withProbe(backend, async (db) => {
        const e = await rejection(importProbe(db, csv('code,name,born\n')));
        assert.deepEqual(listed(e).map((x) => [x.line, x.code]), [[1, 'csv_no_rows']]);
        assert.equal((await contents(db)).length, 2);
        await importProbe(db, csv('code,name,born\n'), { allowEmpty: true });
        assert.deepEqual(await contents(db), []);
      });
    });

    it('rejects a bad header without reading a row', async () => {
      await withProbe(backend, async (db) => {
        let parsed = 0;
        const e = await rejection(
          importProbe(db, csv('code,氏名,born\n1,a,1980-01-01\n'), {
            parseRow: (r) => {
              parsed++;
              return parseRow(r);
            },
          }),
        );
        assert.deepEqual(listed(e).map((x) => [x.line, x.code, x.params]), [
          [1, 'header_missing', { name: 'name' }],
          [1, 'header_unknown', { name: '氏名' }],
        ]);
        assert.equal(parsed, 0);
      });
    });

    it('lists the first 1000 problems in line order and counts them all', async () => {
      await withProbe(backend, async (db) => {
        const bad = Array.from({ length: 1500 }, (_, i) => `${i},name,not-a-date`).join('\n');
        const e = await rejection(importProbe(db, csv(`code,name,born\n${bad}\n`)));
        assert.equal(e.details.count, 1500);
        assert.equal(e.details.truncated, true);
        assert.equal(listed(e).length, 1000);
        assert.deepEqual([listed(e)[0]!.line, listed(e).at(-1)!.line], [2, 1001]);
      });
    });

    it('imports a 5,000-row Shift_JIS file through the staging table in batches, reports progress, and drops the stage', async () => {
      await withProbe(backend, async (db) => {
        const lines = Array.from({ length: 5000 }, (_, i) => `${i + 1},髙橋①ｶﾅ${i + 1},1980-01-01`);
        const bytes = iconv.encode(`code,name,born\r\n${lines.join('\r\n')}\r\n`, 'cp932');
        const updates: number[] = [];
        let finished = -1;
        let stageTable = '';
        const summary = await importProbe(db, Readable.from([bytes]), {
          swap: async (tx, rows) => {
            stageTable = rows.table;
            assert.equal(rows.count, 5000);
            await swapByBatches(tx, rows);
          },
          progress: { update: (_rows, position) => updates.push(position ?? -1), done: (rows) => (finished = rows ?? -1) },
        });
        assert.deepEqual(summary, { rows: 5000, encoding: 'sjis' });
        assert.equal(updates.length, 5000);
        assert.equal(updates.at(-1), bytes.length);
        assert.equal(finished, 5000);
        const all = await contents(db);
        assert.equal(all.length, 5000);
        assert.ok(all.includes('4999:髙橋①ｶﾅ4999:1980-01-01'));
        const { rows: left } = await sql<{ n: number }>`select count(*)::int as n from pg_class where relname = ${stageTable}`.execute(db.kysely);
        assert.equal(left[0]!.n, 0);
      });
    });

    it('writes ahead batch by batch inside the swap\'s transaction, and a problem found after the last line rolls those writes back', async () => {
      await withProbe(backend, async (db) => {
        const lines = Array.from({ length: 2500 }, (_, i) => `${i + 1000},n${i + 1000},1980-01-01`);
        const file = (more: string[] = []) => csv(`code,name,born\n${[...lines, ...more].join('\n')}\n`);
        let written: string[] = [];
        const writeAhead = {
          begin: async (tx: Tx) => void (await sql`delete from csv_import_probe where code = '101'`.execute(tx)),
          batch: async (tx: Tx, rows: StagedRows<Probe>, range: { after: number; last: number }) => {
            written.push(`${range.after}-${range.last}`);
            await sql`insert into csv_import_probe (code, name, born) select data ->> 'code', data ->> 'name', (data ->> 'born')::date
              from ${sql.table(rows.table)} where line > ${range.after} and line <= ${range.last} on conflict (code) do nothing`.execute(tx);
          },
        };
        const options = { writeAhead, swap: async (tx: Tx) => void (await sql`delete from csv_import_probe where code = '100'`.execute(tx)), validateAll: (rows: StagedRows<Probe>) => findDuplicates(rows, ['code']) };
        const old = ['100:旧データ:1950-01-01', '101:旧データ2:1951-01-01'];
        // A duplicate is found only once every line is read: all three batches were written, and are rolled back.
        const duplicate = await rejection(importProbe(db, file(['1000,again,1980-01-01']), options));
        assert.deepEqual(duplicate.details.count, 1);
        assert.deepEqual(written, ['1-1001', '1001-2001', '2001-2502']);
        assert.deepEqual(await contents(db), old);
        // A bad line stops the writing ahead (whatever was written is rolled back too).
        written = [];
        await rejection(importProbe(db, file(['x,bad,1980-01-01']), options));
        assert.deepEqual(await contents(db), old);
        written = [];
        assert.deepEqual(await importProbe(db, file(), options), { rows: 2500, encoding: 'utf8' });
        assert.deepEqual(written, ['1-1001', '1001-2001', '2001-2501']);
        const all = await contents(db);
        assert.equal(all.length, 2500);
        assert.ok(all.includes('3499:n3499:1980-01-01') && !all.some((r) => r.startsWith('100:') || r.startsWith('101:')));
      });
    });

    it('stops at a batch the database refuses while the next batch is read, with that error, and keeps the old rows', async () => {
      await withProbe(backend, async (db) => {
        const lines = Array.from({ length: 3500 }, (_, i) => `${i + 1},name${i + 1},1980-01-01`);
        // A lone surrogate survives JSON.stringify as \ud800, which PostgreSQL's jsonb refuses: the third batch fails.
        const refusing = (record: { code: string; name: string; born: string }) => {
          const row = parseRow(record);
          return !Array.isArray(row) && row.code === '2500' ? { ...row, name: '\ud800' } : row;
        };
        let read = 0;
        await assert.rejects(
          importProbe(db, csv(`code,name,born\n${lines.join('\n')}\n`), { parseRow: refusing, progress: { update: (rows) => (read = rows), done: () => undefined } }),
          /invalid input syntax for type json/,
        );
        // Reading went on past the refused batch (staged while the next was read) and stopped at the batch after it.
        assert.ok(read > 3000 && read <= 3500, `read ${read} lines`);
        assert.deepEqual(await contents(db), ['100:旧データ:1950-01-01', '101:旧データ2:1951-01-01']);
      });
    });
  });
}
