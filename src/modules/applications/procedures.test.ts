import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, city } from '../../../test/support/audit.ts';
import { backends, freshDb } from '../../../test/support/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/index.ts';
import { verifyAuditChain } from '../../platform/audit/index.ts';
import { dataCategories } from './domain/procedure.ts';
import { type FileProblems, loadProcedureDir, readProcedureFiles, shippedProceduresDir, systemLoader } from './procedures.ts';
import { findProcedure, listProcedures, listProcedureVersions } from './store.ts';

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
/** A copy of the shipped folder to change. */
function copyOfShipped(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-procedures-'));
  made.push(dir);
  fs.cpSync(shippedProceduresDir, dir, { recursive: true });
  return dir;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits the JSON freely, including into wrong shapes
const editJson = (file: string, edit: (d: any) => void) => {
  const d = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(d);
  fs.writeFileSync(file, JSON.stringify(d, null, 2));
};

const shippedIds = ['after-school-care', 'course-event', 'pregnancy-notification', 'tax-certificate', 'water-open-close'];

describe('the shipped procedures', () => {
  it('are five valid definitions, each in the file named after its id', async () => {
    const { files, problems } = await readProcedureFiles(shippedProceduresDir);
    assert.deepEqual(problems, []);
    assert.deepEqual(files.map((f) => f.definition.id), shippedIds);
  });

  it('say what the issue asks of each: fee, identity documents, review assist, hand-over, 要配慮, 個人番号, 和暦', async () => {
    const byId = Object.fromEntries((await readProcedureFiles(shippedProceduresDir)).files.map((f) => [f.definition.id, f.definition]));
    const tax = byId['tax-certificate']!;
    assert.deepEqual(tax.fee, { yen: 300, copiesField: 'copies', methods: ['card', 'wallet'] });
    assert.equal(tax.identityDocumentsRequired, true);
    assert.equal(tax.handOver, 'certificates');
    assert.deepEqual(tax.reviewAssist, { nameKana: 'name_kana', birthDate: 'birth_date', postalCode: 'postal_code', taxYear: 'fiscal_year' });
    assert.deepEqual(tax.fields.find((f) => f.id === 'copies')?.max, 10);
    assert.equal(byId['water-open-close']!.fee, null);
    assert.equal(byId['course-event']!.fee?.copiesField, 'participants');
    assert.equal(byId['course-event']!.retention.years, 1);
    const pregnancy = byId['pregnancy-notification']!;
    assert.ok(pregnancy.fields.filter((f) => f.category === 'sensitive').length >= 5);
    assert.equal(pregnancy.fields.find((f) => f.id === 'individual_number')?.category, 'individual_number');
    assert.equal(pregnancy.identityDocumentsRequired, true);
    const care = byId['after-school-care']!;
    assert.ok(care.fields.some((f) => f.type === 'wareki_date'));
    assert.equal(care.fields.find((f) => f.id === 'care_needs')?.category, 'sensitive');
    for (const d of Object.values(byId)) {
      for (const f of d.fields) assert.ok(Object.hasOwn(dataCategories, f.category), `${d.id}/${f.id}`);
      assert.ok(d.purpose.ja && d.legalBasis.ja && d.recipients.ja && d.department.ja, d.id);
    }
  });
});

for (const backend of backends) {
  describe(`loading procedure files on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
    });
    after(() => db.close());

    const events = () => db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'detail', 'subjects'])
      .where('operation_code', '=', 'applications.procedure.load').orderBy('seq').execute();

    it('loads nothing when one file is broken, and lists every problem with its file', async () => {
      const dir = copyOfShipped();
      editJson(path.join(dir, 'water-open-close.json'), (d) => {
        d.fields[0].category = 'secret';
        delete d.title.en;
      });
      editJson(path.join(dir, 'course-event.json'), (d) => {
        d.fields = d.fields.filter((f: { id: string }) => f.id !== 'email');
      });
      fs.writeFileSync(path.join(dir, 'broken.json'), '{ "id": "broken", ');
      const error = await loadProcedureDir(db, city, dir, systemLoader('cli')).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof AppError && error.code === 'procedures_invalid', String(error));
      const files = error.details.files as FileProblems[];
      assert.deepEqual(files.map((f) => f.file), ['broken.json', 'course-event.json', 'water-open-close.json']);
      assert.match(files[0]!.problems[0]!, /^JSON: /);
      assert.match(files[1]!.problems.join('\n'), /a required email field is needed/);
      assert.match(files[2]!.problems.join('\n'), /\/title: must have required properties en/);
      assert.match(files[2]!.problems.join('\n'), /\/fields\/0\/category: must be one of basic4/);
      assert.deepEqual(await listProcedures(db.kysely, city), [], 'all or nothing: the good files were not loaded either');
    });

    it('refuses a file not named after its id and an id defined twice', async () => {
      const dir = copyOfShipped();
      fs.renameSync(path.join(dir, 'course-event.json'), path.join(dir, 'courses.json'));
      fs.copyFileSync(path.join(dir, 'tax-certificate.json'), path.join(dir, 'tax-certificate-copy.json'));
      const { problems } = await readProcedureFiles(dir);
      // The copy sorts first ('-' before '.'): it is misnamed, and the original then finds its id taken.
      assert.deepEqual(problems.map((p) => p.file), ['courses.json', 'tax-certificate-copy.json', 'tax-certificate.json']);
      assert.match(problems[0]!.problems[0]!, /"course-event" must be defined in course-event\.json/);
      assert.match(problems[1]!.problems.join('\n'), /"tax-certificate" must be defined in tax-certificate\.json/);
      assert.match(problems[2]!.problems.join('\n'), /"tax-certificate" is also defined in tax-certificate-copy\.json/);
    });

    it('loads the shipped five as version 1, by "system", in one audited change', async () => {
      const loaded = await loadProcedureDir(db, city, shippedProceduresDir, systemLoader('cli'));
      assert.deepEqual(loaded, shippedIds.map((procedureId) => ({ procedureId, version: 1, changed: true })));
      const stored = await listProcedures(db.kysely, city);
      assert.deepEqual(stored.map((p) => [p.procedureId, p.version, p.loadedBy]), shippedIds.map((id) => [id, 1, 'system']));
      const last = (await events()).at(-1)!;
      assert.equal(last.user_id, 'cli');
      assert.equal(last.outcome, 'success');
      assert.match(last.detail, /^after-school-care v1 changed; course-event v1 changed;/);
      assert.deepEqual(last.subjects, shippedIds.map((id) => `application_procedure:${id}`));
    });

    it('makes no new version when the files are loaded again unchanged', async () => {
      const loaded = await loadProcedureDir(db, city, shippedProceduresDir, systemLoader('cli'));
      assert.ok(loaded.every((l) => l.version === 1 && !l.changed), JSON.stringify(loaded));
      assert.equal((await listProcedureVersions(db.kysely, city, 'tax-certificate')).length, 1);
    });

    it('makes version 2 of a changed file only, and keeps version 1', async () => {
      const dir = copyOfShipped();
      editJson(path.join(dir, 'tax-certificate.json'), (d) => {
        d.fee.yen = 350;
      });
      const loaded = await loadProcedureDir(db, city, dir, systemLoader('cli'));
      assert.deepEqual(loaded.filter((l) => l.changed), [{ procedureId: 'tax-certificate', version: 2, changed: true }]);
      assert.equal((await findProcedure(db.kysely, city, 'tax-certificate'))?.definition.fee?.yen, 350);
      assert.deepEqual((await listProcedureVersions(db.kysely, city, 'tax-certificate')).map((v) => v.version), [2, 1]);
      assert.match((await events()).at(-1)!.detail, /tax-certificate v2 changed; water-open-close v1 unchanged$/);
      const chain = await verifyAuditChain(db, city);
      assert.equal(chain.ok, true);
    });
  });
}
