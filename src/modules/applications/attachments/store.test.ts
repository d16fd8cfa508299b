import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, city, otherCity } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import { type FieldCipher, fieldCipher, masterKeyFrom, newSecretKey, rotateFieldKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { jpeg, png } from './fixtures/files.ts';
import { MAX_ATTACHMENT_BYTES } from './inspect.ts';
import type { AttachmentMediaType } from './sniff.ts';
import { attachmentContentColumn, deleteAttachment, listAttachments, readAttachment, sanitizeFileName, saveAttachment } from './store.ts';

const master = masterKeyFrom(newSecretKey(), 'test');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function addApplication(db: Db, municipalityCode = city): Promise<string> {
  const applicationId = randomUUID();
  await db.kysely.insertInto('application_procedure')
    .values({ municipality_code: municipalityCode, procedure_id: 'juminhyo', version: 1, definition: '{}', loaded_by: 'system' })
    .onConflict((oc) => oc.doNothing()).execute();
  await db.kysely.insertInto('application').values({
    municipality_code: municipalityCode, application_id: applicationId, procedure_id: 'juminhyo', procedure_version: 1, channel: 'portal', state: 'draft',
  }).execute();
  return applicationId;
}

describe('sanitizeFileName', () => {
  const cases: Array<[string, AttachmentMediaType, string]> = [
    ['免許証.jpg', 'image/jpeg', '免許証.jpg'],
    ['scan.JPEG', 'image/jpeg', 'scan.JPEG'],
    ['免許証.jpg', 'image/png', '免許証.png'],
    ['IMG_0001.HEIC', 'image/heic', 'IMG_0001.HEIC'],
    ['C:\\Users\\yamada\\Desktop\\マイナンバーカード.pdf', 'application/pdf', 'マイナンバーカード.pdf'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['report\u202Egpj.exe', 'application/pdf', 'reportgpj.exe.pdf'],
    ['a\u0000b\u0007c\nd.png', 'image/png', 'abcd.png'],
    ['.hidden.png', 'image/png', 'hidden.png'],
    ['', 'image/jpeg', 'attachment.jpg'],
    ['/', 'image/jpeg', 'attachment.jpg'],
    ['ｶﾞ.png', 'image/png', 'ｶﾞ.png'],
    ['が.png', 'image/png', 'が.png'],
    [`${'長'.repeat(300)}.pdf`, 'application/pdf', `${'長'.repeat(200)}.pdf`],
  ];
  for (const [raw, type, expected] of cases) {
    it(`${JSON.stringify(raw).slice(0, 40)} as ${type} → ${expected.slice(0, 30)}`, () => assert.equal(sanitizeFileName(raw, type), expected));
  }
});

for (const backend of backends) {
  describe(`attachments store on ${backend}`, () => {
    let db: Db;
    let cipher: FieldCipher;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
      cipher = await fieldCipher(db, master, city);
    });
    after(() => db.close());

    const save = (applicationId: string, content: Buffer, fileName = '免許証.jpg', mediaType: AttachmentMediaType = 'image/jpeg') =>
      db.transaction((tx) => saveAttachment(tx, cipher, {
        municipalityCode: city, applicationId, fieldId: 'identity_document', fileName, mediaType, sha256: sha(content), scanResult: 'not_scanned', content,
      }));
    const rawContent = async (attachmentId: string) =>
      (await db.kysely.selectFrom('application_attachment').select('content').where('attachment_id', '=', attachmentId).executeTakeFirstOrThrow()).content;

    it('stores the file encrypted and reads it back; the list carries no content', async () => {
      const applicationId = await addApplication(db);
      const marker = Buffer.from('氏名 山田太郎 住所 見本市本町1-2-3', 'utf8');
      const content = Buffer.concat([png(), marker]);
      const id = await save(applicationId, content, 'C:\\fakepath\\免許証.jpg', 'image/png');

      const list = await listAttachments(db.kysely, city, applicationId);
      assert.equal(list.length, 1);
      const meta = list[0]!;
      assert.deepEqual({ ...meta, createdAt: undefined }, {
        attachmentId: id, applicationId, fieldId: 'identity_document', fileName: '免許証.png', mediaType: 'image/png',
        byteSize: content.length, sha256: sha(content), scanResult: 'not_scanned', createdAt: undefined,
      });
      assert.ok(!('content' in meta));

      const read = await readAttachment(db.kysely, cipher, city, applicationId, id);
      assert.ok(read);
      assert.ok(read.content.equals(content));
      assert.deepEqual(read.meta, meta);

      // The stored column holds a ciphertext, not the bytes in any encoding they could be found in.
      const stored = await rawContent(id);
      assert.match(stored, /^v1\./);
      for (const form of [marker.toString('utf8'), marker.toString('base64'), content.toString('base64'), content.toString('hex'), marker.toString('latin1')]) {
        assert.ok(!stored.includes(form));
      }
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from application_attachment where content like ${'%' + '山田' + '%'} or content like ${'%' + marker.toString('base64').slice(8, 40) + '%'}`.execute(db.kysely);
      assert.equal(rows[0]!.n, 0);
    });

    it('binds a value to its row: copied to another attachment it does not decrypt', async () => {
      const applicationId = await addApplication(db);
      const a = await save(applicationId, jpeg());
      const b = await save(applicationId, Buffer.concat([jpeg(), Buffer.from('other')]));
      await db.kysely.updateTable('application_attachment').set({ content: await rawContent(a) }).where('attachment_id', '=', b).execute();
      await assert.rejects(readAttachment(db.kysely, cipher, city, applicationId, b), (e: unknown) => e instanceof AppError && e.code === 'decryption_failed');
      assert.ok((await readAttachment(db.kysely, cipher, city, applicationId, a))?.content.equals(jpeg()));
      // Rotation (below) rightly stops at a value it cannot open: the forged row goes.
      await db.transaction((tx) => deleteAttachment(tx, city, applicationId, b));
    });

    it('answers undefined for another application or municipality, deletes one file, and goes with its application', async () => {
      const applicationId = await addApplication(db);
      const other = await addApplication(db);
      const id = await save(applicationId, jpeg());
      const kept = await save(applicationId, png(), 'b.png', 'image/png');
      assert.equal(await readAttachment(db.kysely, cipher, city, other, id), undefined);
      assert.equal(await readAttachment(db.kysely, cipher, otherCity, applicationId, id), undefined);
      assert.equal(await db.transaction((tx) => deleteAttachment(tx, city, other, id)), false);
      assert.equal(await db.transaction((tx) => deleteAttachment(tx, city, applicationId, id)), true);
      assert.deepEqual((await listAttachments(db.kysely, city, applicationId)).map((a) => a.attachmentId), [kept]);
      await db.kysely.deleteFrom('application').where('application_id', '=', applicationId).execute();
      assert.deepEqual(await listAttachments(db.kysely, city, applicationId), []);
    });

    it('round-trips a 10 MB file', async () => {
      const applicationId = await addApplication(db);
      const content = Buffer.concat([jpeg(), randomBytes(MAX_ATTACHMENT_BYTES - jpeg().length)]);
      const id = await save(applicationId, content);
      const read = await readAttachment(db.kysely, cipher, city, applicationId, id);
      assert.ok(read);
      assert.ok(read.content.equals(content));
      assert.equal(read.meta.byteSize, MAX_ATTACHMENT_BYTES);
    });

    it('key rotation re-encrypts attachments, which read back equal', async () => {
      const applicationId = await addApplication(db);
      const contents = [jpeg(), png(), Buffer.concat([jpeg(), randomBytes(1024 * 1024)])];
      const ids = [];
      for (const c of contents) ids.push(await save(applicationId, c));
      const before = await Promise.all(ids.map(rawContent));
      const result = await rotateFieldKey(db, master, city, { columns: [attachmentContentColumn], batchSize: 2 });
      assert.ok(result.reencrypted >= contents.length);
      const afterRotation = await Promise.all(ids.map(rawContent));
      afterRotation.forEach((stored, i) => {
        assert.notEqual(stored, before[i]);
        assert.equal(stored.split('.')[1], result.newKeyId);
      });
      for (const [i, id] of ids.entries()) {
        assert.ok((await readAttachment(db.kysely, cipher, city, applicationId, id))?.content.equals(contents[i]!));
      }
    });
  });
}
