// The register's promise: every column whose comment starts "personal data", in any table of any module, is declared
// by some file of the register; every declaration names a table and column that exist; and each file's persons are
// counted by its own key.
//
// Not in the register, on purpose: the staff's own data (staff_user.display_name, audit_event.user_name and the actor
// in audit_event_pending.event) — files about the institution's own staff are outside the 個人情報ファイル簿
// (個人情報保護法第74条第2項第1号) and the account inventory lists them — and idempotency_key.response_body, a 24-hour
// replay cache of answers already audited where they were given. None of their comments starts "personal data".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, city, otherCity } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import type { Db } from '../../../platform/db/index.ts';
import { fileTables, registerFiles } from './files.ts';
import { countPersons } from './store.ts';

/** Every column of this schema's tables as table.column, with whether its comment starts "personal data". */
async function schemaColumns(db: Db): Promise<Map<string, boolean>> {
  const { rows } = await sql<{ t: string; c: string; personal: boolean }>`
    select c.relname as t, a.attname as c, coalesce(col_description(c.oid, a.attnum) like 'personal data%', false) as personal
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace and a.attnum > 0 and not a.attisdropped`.execute(db.kysely);
  return new Map(rows.map((r) => [`${r.t}.${r.c}`, r.personal]));
}

const declared = new Set(registerFiles.flatMap((f) => f.items.map((i) => `${i.table}.${i.column}`)));

for (const backend of backends) {
  describe(`the register of personal-data files on ${backend}`, () => {
    let db: Db;
    let columns: Map<string, boolean>;
    before(async () => {
      db = await freshDb(backend);
      columns = await schemaColumns(db);
    });
    after(() => db.close());

    it('declares every column commented "personal data", whichever module\'s table it is in', () => {
      const commented = [...columns].filter(([, personal]) => personal).map(([c]) => c);
      for (const prefix of ['application_', 'benefit_', 'card_', 'certificate_', 'platform_mail_outbox.']) {
        assert.ok(commented.some((c) => c.startsWith(prefix)), `no commented column starts ${prefix}: the query lost a module`);
      }
      assert.deepEqual(commented.filter((c) => !declared.has(c)).sort(), []);
    });

    it('names only tables and columns that exist, the person keys included', () => {
      const named = registerFiles.flatMap((f) => [
        ...f.items.map((i) => `${i.table}.${i.column}`),
        ...f.file.persons.key.map((k) => `${f.file.persons.table}.${k}`),
      ]);
      assert.deepEqual(named.filter((c) => !columns.has(c)), []);
    });

    it('counts each file\'s persons in a table of the file, 0 on an empty database', async () => {
      for (const f of registerFiles) assert.ok(fileTables(f).includes(f.file.persons.table), `${f.file.fileId} counts persons outside its tables`);
      const counts = await countPersons(db, city, registerFiles);
      assert.deepEqual([...counts.keys()], registerFiles.map((f) => f.file.fileId));
      assert.deepEqual([...new Set(counts.values())], [0]);
    });

    it('counts distinct persons by one key column and by a pair, for its own municipality only', async () => {
      await addMunicipality(db, city);
      await addMunicipality(db, otherCity);
      const mail = (mc: string, to: string) => sql`insert into platform_mail_outbox (municipality_code, mail_id, to_address, subject, body_text, category)
        values (${mc}, gen_random_uuid(), ${to}, 'subject', 'body', 'test.mail')`.execute(db.kysely);
      await mail(city, 'a@example.jp');
      await mail(city, 'a@example.jp');
      await mail(city, 'b@example.jp');
      await mail(otherCity, 'c@example.jp');
      const reading = (generation: number, residentId: number, kind: string) => sql`insert into review_reading
        (municipality_code, generation, loose_key, resident_id, name_kind, strict_key, postal_key)
        values (${city}, ${generation}, ${'L'.repeat(22)}, ${residentId}, ${kind}, ${'S'.repeat(11)}, ${'P'.repeat(11)})`.execute(db.kysely);
      await reading(1, 1, 'name');
      await reading(1, 1, 'alias_name');
      await reading(1, 2, 'name');
      await reading(2, 1, 'name');
      const counts = await countPersons(db, city, registerFiles);
      assert.equal(counts.get('mail_outbox'), 2);
      assert.equal(counts.get('review_extract'), 3);
      assert.equal(counts.get('card_reservation'), 0);
    });
  });
}
