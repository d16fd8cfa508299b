// Filing, opening and disposing of document images on a real database: each file under a key of its own, so that
// disposal (the retention source governance's scheduler calls) leaves nothing that opens.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { rotateFieldKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { reencryptFiles, sweepOrphanFiles } from '../../../platform/files/index.ts';
import { cardDb, MC } from '../card.builders.ts';
import { cardAt, clerk } from '../issuance/issuance.builders.ts';
import { retentionEndsOn } from './domain/document.ts';
import { dataKeyColumn, openWithKey, unwrapKey } from './file-key.ts';
import { buildFiling, imageStore, pdfBytes, pngOf } from './images.builders.ts';
import { cardImageFileKind, fileImage, openImage, rotateImage } from './images.ts';
import { cardImageRetention } from './retention.ts';
import { cardImageOrphans } from './sweep.ts';
import { findImage, listCardImages, saveRetentionYears } from './store.ts';

for (const backend of backends) {
  describe(`card document images on ${backend}`, () => {
    let db: Db;
    let store: Awaited<ReturnType<typeof imageStore>>;
    before(async () => {
      db = await cardDb(backend);
      store = await imageStore(db);
    });
    after(async () => {
      await db.close();
      store.remove();
    });
    const who = { actor: clerk };
    const file = async (applicantId: string, content: Buffer, o: Parameters<typeof buildFiling>[1] = {}) => {
      const r = await fileImage(db, store.cipher, store.files, buildFiling(applicantId, o), content, who);
      assert.ok('imageId' in r, JSON.stringify(r));
      return r.imageId;
    };
    const storedPath = (imageId: string) => path.join(store.root, MC, cardImageFileKind, imageId.slice(0, 2), imageId);

    it('files a scan sealed twice over, records what it is and an audit event, and opens it again', async () => {
      const card = await cardAt(db, 'arrived');
      const png = pngOf(40, 30);
      const imageId = await file(card, png, { documentNumber: 'A-77', pageNumber: 2 });
      const image = await findImage(db.kysely, MC, imageId);
      assert.ok(image);
      assert.deepEqual(
        [image.mediaType, image.byteSize, image.width, image.height, image.rotation, image.fileName, image.displayName, image.registeredBy],
        ['image/png', png.length, 40, 30, 0, 'A-77_002.png', '交付申請書 2頁', clerk.userId],
      );
      assert.ok(!fs.readFileSync(storedPath(imageId)).includes(png.subarray(16, 40)), 'the stored file is not the clear one');
      assert.ok((await openImage(store.cipher, store.files, image)).equals(png));
      const events = await db.kysely.selectFrom('audit_event').select(['subjects', 'detail']).where('operation_code', '=', 'card.images.file').execute();
      assert.deepEqual(events.at(-1)?.subjects, [`card:${card}`, `card_image:${imageId}`]);
      assert.doesNotMatch(events.at(-1)?.detail ?? '', /見本/);
    });

    it('gives every file a key of its own: one file does not open under another’s key', async () => {
      const card = await cardAt(db, 'arrived');
      const [a, b] = [await file(card, pngOf(4, 4)), await file(card, pngOf(5, 5))];
      const [ia, ib] = [await findImage(db.kysely, MC, a), await findImage(db.kysely, MC, b)];
      assert.ok(ia && ib);
      assert.notEqual(ia.dataKey, ib.dataKey);
      const keyB = await unwrapKey(store.cipher, b, ib.dataKey);
      const sealedA = await store.files.read(store.cipher, { municipalityCode: MC, kind: cardImageFileKind, id: a });
      assert.ok(sealedA);
      assert.throws(() => openWithKey({ municipalityCode: MC, kind: cardImageFileKind, id: a }, keyB, sealedA), (e) => e instanceof AppError && e.code === 'decryption_failed');
      await assert.rejects(unwrapKey(store.cipher, a, ib.dataKey), (e) => e instanceof AppError && e.code === 'decryption_failed', 'a key copied to another row does not open');
    });

    it('re-wraps every data key and re-seals every file under a new field key, and the images still open', async () => {
      const card = await cardAt(db, 'arrived');
      const png = pngOf(9, 9);
      const imageId = await file(card, png);
      const before = await findImage(db.kysely, MC, imageId);
      const result = await rotateFieldKey(db, store.master, MC, { columns: [dataKeyColumn] });
      assert.ok(result.reencrypted >= 1);
      assert.ok((await reencryptFiles(store.files, store.cipher, cardImageFileKind)) >= 1);
      const after = await findImage(db.kysely, MC, imageId);
      assert.ok(before && after);
      assert.notEqual(after.dataKey, before.dataKey);
      assert.equal(await store.files.keyIdOf({ municipalityCode: MC, kind: cardImageFileKind, id: imageId }), store.cipher.keyring.active('field').id);
      assert.ok((await openImage(store.cipher, store.files, after)).equals(png));
    });

    it('sweeps a file left without a row (the process died before its row committed) once it is an hour old', async () => {
      const card = await cardAt(db, 'arrived');
      const kept = await file(card, pngOf(3, 3));
      const orphan = '11111111-2222-4333-8444-555555555555';
      await store.files.write(store.cipher, { municipalityCode: MC, kind: cardImageFileKind, id: orphan }, pdfBytes);
      const sweep = (now: Date) => db.transaction((tx) => sweepOrphanFiles(tx, store.files, cardImageOrphans, now));
      assert.equal(await sweep(new Date()), 0, 'young files are left alone');
      assert.equal(await sweep(new Date(Date.now() + 3_700_000)), 1);
      assert.ok(!fs.existsSync(storedPath(orphan)));
      assert.ok(fs.existsSync(storedPath(kept)));
    });

    it('refuses what is not a PDF, JPEG, PNG or TIFF, an empty file and one over 20 MB, storing nothing', async () => {
      const card = await cardAt(db, 'arrived');
      const refusals = [
        [Buffer.from('<html></html>'), 'not_a_document'], [Buffer.alloc(0), 'empty'], [Buffer.concat([pdfBytes, Buffer.alloc(20 * 1024 * 1024)]), 'too_large'],
      ] as const;
      for (const [content, why] of refusals) assert.deepEqual(await fileImage(db, store.cipher, store.files, buildFiling(card), content, who), { refused: why });
      assert.deepEqual(await listCardImages(db.kysely, MC, card), []);
      await assert.rejects(fileImage(db, store.cipher, store.files, buildFiling('9'.repeat(23)), pdfBytes, who), (e) => e instanceof AppError && e.code === 'card_not_found');
    });

    it('turns an image, recording who and when', async () => {
      const card = await cardAt(db, 'arrived');
      const imageId = await file(card, pngOf(4, 2));
      await rotateImage(db, MC, { imageId, applicantId: card, rotation: 0 }, 90, { actor: { userId: 'clerk2', userName: '見本 二郎' } });
      const image = await findImage(db.kysely, MC, imageId);
      assert.deepEqual([image?.rotation, image?.updatedBy, image?.updatedByName], [90, 'clerk2', '見本 二郎']);
    });

    it('proposes images past their category’s retention, counted from the end of their fiscal year, the municipality’s own years first', async () => {
      const card = await cardAt(db, 'arrived');
      const old = await file(card, pdfBytes, { fiscalYear: 2015, documentCategory: 'identity_document', documentNumber: 'R-1' });
      const kept = await file(card, pdfBytes, { fiscalYear: 2015, documentCategory: 'application_form', documentNumber: 'R-2' });
      const recent = await file(card, pdfBytes, { fiscalYear: 2024, documentCategory: 'identity_document', documentNumber: 'R-3' });
      const due = (asOf: string) => db.transaction((tx) => cardImageRetention.findDue(tx, MC, asOf, 100));
      const keysOn = async (asOf: string) => (await due(asOf)).map((d) => d.key).filter((k) => [old, kept, recent].includes(k));
      assert.deepEqual(await keysOn('2021-03-31'), []);
      assert.deepEqual(await due('2021-04-01').then((ds) => ds.find((d) => d.key === old)), {
        key: old, personKey: card, description: '本人確認書類 2015年度 1頁', dueOn: retentionEndsOn(2015, 5),
      });
      assert.deepEqual(await keysOn('2030-03-31'), [old]);
      assert.deepEqual(await keysOn('2031-04-01'), [old, recent, kept]);
      await saveRetentionYears(db.kysely, MC, 'identity_document', 1, 'admin');
      assert.deepEqual(await keysOn('2026-04-01'), [old, recent]);
      await saveRetentionYears(db.kysely, MC, 'identity_document', 5, 'admin');
    });

    it('disposes of images by deleting their rows and keys and queueing their files; a file stored elsewhere no longer opens', async () => {
      const card = await cardAt(db, 'arrived');
      const [gone, stays] = [await file(card, pngOf(6, 6)), await file(card, pngOf(7, 7))];
      const before = await findImage(db.kysely, MC, gone);
      assert.ok(before);
      const backup = fs.readFileSync(storedPath(gone));
      const disposed = await db.transaction((tx) => cardImageRetention.dispose(tx, MC, [gone, 'not-an-id', '00000000-0000-4000-8000-000000000000']));
      assert.deepEqual(disposed, [gone]);
      assert.equal(await findImage(db.kysely, MC, gone), undefined);
      assert.ok(await findImage(db.kysely, MC, stays));
      const queued = await db.kysely.selectFrom('platform_file_disposal').select('file_id').where('kind', '=', cardImageFileKind).execute();
      assert.deepEqual(queued.map((q) => q.file_id), [gone]);
      // The file as a backup kept it: the store's layer still opens under the field key, but what is inside needs the
      // data key, which went with the row; a key of another file does not open it either.
      fs.writeFileSync(storedPath(gone), backup);
      await assert.rejects(openImage(store.cipher, store.files, { imageId: gone, dataKey: (await findImage(db.kysely, MC, stays))!.dataKey }), (e) => e instanceof AppError && e.code === 'decryption_failed');
      assert.deepEqual(await db.transaction((tx) => cardImageRetention.dispose(tx, MC, [gone])), []);
    });
  });
}
