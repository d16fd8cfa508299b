import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addMunicipality, city, otherCity } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import { type FieldCipher, fieldCipher, masterKeyFrom, newSecretKey, rotateFieldKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { disposeQueuedFiles, type EncryptedFiles, encryptedFiles, reencryptFiles } from '../../../platform/files/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { jpeg, png } from './fixtures/files.ts';
import { MAX_ATTACHMENT_BYTES } from './inspect.ts';
import type { AttachmentMediaType } from './sniff.ts';
import { attachmentFileKind, deleteAttachment, existingAttachmentIds, legacyAttachmentContentColumn, listAttachments, readAttachment, sanitizeFileName, saveAttachment } from './store.ts';

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
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-attachments-'));
    const files: EncryptedFiles = encryptedFiles(root);
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db);
      await addMunicipality(db, otherCity);
      cipher = await fieldCipher(db, master, city);
    });
    after(async () => {
      await db.close();
      fs.rmSync(root, { recursive: true, force: true });
    });

    const save = (applicationId: string, content: Buffer, fileName = '免許証.jpg', mediaType: AttachmentMediaType = 'image/jpeg') =>
      db.transaction((tx) => saveAttachment(tx, cipher, files, {
        municipalityCode: city, applicationId, fieldId: 'identity_document', fileName, mediaType, sha256: sha(content), scanResult: 'not_scanned', content,
      }));
    const fileOf = (attachmentId: string) => path.join(root, city, attachmentFileKind, attachmentId.slice(0, 2), attachmentId);
    const refOf = (attachmentId: string) => ({ municipalityCode: city, kind: attachmentFileKind, id: attachmentId });
    const keyIdOf = (sealed: Buffer) => sealed.subarray(1, 7).toString('hex');
    const queued = async () => (await db.kysely.selectFrom('platform_file_disposal').select('file_id').orderBy('file_id').execute()).map((r) => r.file_id);

    it('stores the file sealed in the file store, its row without content, and reads it back; the list carries no content', async () => {
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

      const read = await readAttachment(db.kysely, cipher, files, city, applicationId, id);
      assert.ok(read);
      assert.ok(read.content.equals(content));
      assert.deepEqual(read.meta, meta);

      const row = await db.kysely.selectFrom('application_attachment').select(['content', 'content_in_file']).where('attachment_id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { content: null, content_in_file: true });
      // The file holds a ciphertext under the active key, readable by its owner only, and not the bytes in any encoding.
      const sealed = fs.readFileSync(fileOf(id));
      assert.equal(sealed[0], 0x01);
      assert.equal(keyIdOf(sealed), cipher.keyring.active('field').id);
      assert.equal(sealed.length, 1 + 6 + 12 + content.length + 16);
      assert.equal(fs.statSync(fileOf(id)).mode & 0o777, 0o600);
      for (const form of [marker, Buffer.from(marker.toString('base64')), Buffer.from(content.toString('hex')), content.subarray(0, 16)]) {
        assert.ok(!sealed.includes(form));
      }
      assert.deepEqual(fs.readdirSync(path.dirname(fileOf(id))).filter((n) => n.endsWith('.tmp')), []);
    });

    it('binds a file to its name: copied over another attachment it does not decrypt', async () => {
      const applicationId = await addApplication(db);
      const a = await save(applicationId, jpeg());
      const b = await save(applicationId, Buffer.concat([jpeg(), Buffer.from('other')]));
      fs.copyFileSync(fileOf(a), fileOf(b));
      await assert.rejects(readAttachment(db.kysely, cipher, files, city, applicationId, b), (e: unknown) => e instanceof AppError && e.code === 'decryption_failed');
      assert.ok((await readAttachment(db.kysely, cipher, files, city, applicationId, a))?.content.equals(jpeg()));
      fs.rmSync(fileOf(b));
      await assert.rejects(readAttachment(db.kysely, cipher, files, city, applicationId, b), (e: unknown) => e instanceof AppError && e.code === 'internal' && /missing from the file store/.test(String(e.details.reason)));
      await db.transaction((tx) => deleteAttachment(tx, city, applicationId, b));
      await db.transaction((tx) => disposeQueuedFiles(tx, files));
    });

    it('answers undefined for another application or municipality; a deleted row queues its file, which the worker deletes', async () => {
      const applicationId = await addApplication(db);
      const other = await addApplication(db);
      const id = await save(applicationId, jpeg());
      const kept = await save(applicationId, png(), 'b.png', 'image/png');
      assert.equal(await readAttachment(db.kysely, cipher, files, city, other, id), undefined);
      assert.equal(await readAttachment(db.kysely, cipher, files, otherCity, applicationId, id), undefined);
      assert.equal(await db.transaction((tx) => deleteAttachment(tx, city, other, id)), false);

      // Rolled back, the deletion queues nothing and the file stays.
      await assert.rejects(db.transaction(async (tx) => {
        await deleteAttachment(tx, city, applicationId, id);
        throw new Error('changed my mind');
      }), /changed my mind/);
      assert.deepEqual(await queued(), []);
      assert.equal(await db.transaction((tx) => deleteAttachment(tx, city, applicationId, id)), true);
      assert.deepEqual(await queued(), [id]);
      assert.ok(fs.existsSync(fileOf(id)));
      assert.equal(await db.transaction((tx) => disposeQueuedFiles(tx, files)), 1);
      assert.ok(!fs.existsSync(fileOf(id)));
      assert.deepEqual(await queued(), []);
      assert.deepEqual((await listAttachments(db.kysely, city, applicationId)).map((a) => a.attachmentId), [kept]);

      // An application deleted (disposal, an expired draft) takes its files with it, by cascade and the same queue.
      await db.kysely.deleteFrom('application').where('application_id', '=', applicationId).execute();
      assert.deepEqual(await listAttachments(db.kysely, city, applicationId), []);
      assert.deepEqual(await queued(), [kept]);
      await db.transaction((tx) => disposeQueuedFiles(tx, files));
      assert.ok(!fs.existsSync(fileOf(kept)));
    });

    it('sweeps files left without a row (a transaction rolled back after the write) once they are old enough', async () => {
      const applicationId = await addApplication(db);
      const kept = await save(applicationId, jpeg());
      let orphan = '';
      await assert.rejects(db.transaction(async (tx) => {
        orphan = await saveAttachment(tx, cipher, files, {
          municipalityCode: city, applicationId, fieldId: 'identity_document', fileName: 'x.jpg', mediaType: 'image/jpeg', sha256: sha(jpeg()), scanResult: 'not_scanned', content: jpeg(),
        });
        throw new Error('rolled back');
      }), /rolled back/);
      const leftover = `${fileOf(orphan)}.0123456789ab.tmp`;
      fs.writeFileSync(leftover, 'cut off by a crash');
      const existing = (ids: string[]) => existingAttachmentIds(db.kysely, city, ids);
      assert.equal(await files.sweep(city, attachmentFileKind, existing, new Date(Date.now() - 3_600_000)), 0, 'young files are left alone');
      assert.ok(fs.existsSync(fileOf(orphan)));
      assert.equal(await files.sweep(city, attachmentFileKind, existing, new Date(Date.now() + 60_000)), 2);
      assert.ok(!fs.existsSync(fileOf(orphan)) && !fs.existsSync(leftover));
      assert.ok((await readAttachment(db.kysely, cipher, files, city, applicationId, kept))?.content.equals(jpeg()));
    });

    it('round-trips a 10 MB file', async () => {
      const applicationId = await addApplication(db);
      const content = Buffer.concat([jpeg(), randomBytes(MAX_ATTACHMENT_BYTES - jpeg().length)]);
      const id = await save(applicationId, content);
      const read = await readAttachment(db.kysely, cipher, files, city, applicationId, id);
      assert.ok(read);
      assert.ok(read.content.equals(content));
      assert.equal(read.meta.byteSize, MAX_ATTACHMENT_BYTES);
    });

    it('reads a file stored as text before migration 0020, and key rotation re-encrypts both kinds', async () => {
      const applicationId = await addApplication(db);
      const contents = [jpeg(), png(), Buffer.concat([jpeg(), randomBytes(1024 * 1024)])];
      const ids = [];
      for (const c of contents) ids.push(await save(applicationId, c));
      // As saveAttachment stored files before: the base64 of the file, sealed as text, in content.
      const legacy = Buffer.concat([png(), Buffer.from('stored before 0020')]);
      const legacyId = randomUUID();
      await db.kysely.insertInto('application_attachment').values({
        municipality_code: city, application_id: applicationId, attachment_id: legacyId, field_id: 'identity_document', file_name: 'old.png',
        media_type: 'image/png', byte_size: legacy.length, sha256: sha(legacy), scan_result: 'not_scanned',
        content: cipher.encryptField(legacy.toString('base64'), legacyAttachmentContentColumn.aad({ municipality_code: city, application_id: applicationId, attachment_id: legacyId })),
      }).execute();
      assert.ok((await readAttachment(db.kysely, cipher, files, city, applicationId, legacyId))?.content.equals(legacy));
      // A row says where its file is: in the store (no content) or in content, never both nor neither.
      await assert.rejects(db.kysely.updateTable('application_attachment').set({ content_in_file: true }).where('attachment_id', '=', legacyId).execute(), /application_attachment_content_somewhere/);

      const before = ids.map((id) => fs.readFileSync(fileOf(id)));
      const legacyBefore = (await db.kysely.selectFrom('application_attachment').select('content').where('attachment_id', '=', legacyId).executeTakeFirstOrThrow()).content!;
      const result = await rotateFieldKey(db, master, city, { columns: [legacyAttachmentContentColumn], batchSize: 2 });
      let stored = 0;
      for await (const f of files.list(city, attachmentFileKind)) stored += Number(f.municipalityCode === city);
      assert.ok(stored > ids.length);
      const reencrypted = await reencryptFiles(files, cipher, attachmentFileKind);
      assert.equal(reencrypted, stored, `${reencrypted} of ${stored}: every file of the city, also those of the tests above`);
      assert.equal(await reencryptFiles(files, cipher, attachmentFileKind), 0, 'nothing left under the old key');
      ids.forEach((id, i) => {
        const sealed = fs.readFileSync(fileOf(id));
        assert.ok(!sealed.equals(before[i]!));
        assert.equal(keyIdOf(sealed), result.newKeyId);
      });
      const legacyAfter = (await db.kysely.selectFrom('application_attachment').select('content').where('attachment_id', '=', legacyId).executeTakeFirstOrThrow()).content!;
      assert.notEqual(legacyAfter, legacyBefore);
      assert.equal(legacyAfter.split('.')[1], result.newKeyId);
      for (const [i, id] of ids.entries()) {
        assert.ok((await readAttachment(db.kysely, cipher, files, city, applicationId, id))?.content.equals(contents[i]!));
      }
      assert.ok((await readAttachment(db.kysely, cipher, files, city, applicationId, legacyId))?.content.equals(legacy));
      assert.equal(await files.keyIdOf(refOf(ids[0]!)), result.newKeyId);
    });
  });
}
