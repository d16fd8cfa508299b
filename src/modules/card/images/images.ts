// 帳票イメージファイリング's use cases: file a scanned document on a card (seed ⑪), open one to show it (⑫) and turn
// it. Filing writes the file (sealed under a new data key, then by the store under the field key) before the
// transaction that inserts its row and audit event, so no connection waits on the disk; a failed transaction removes
// the file again.
import { createHash, randomUUID } from 'node:crypto';
import { type AuditActor, type AuditClient, audited, subjectId } from '../../../platform/audit/index.ts';
import type { FieldCipher } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { EncryptedFiles, FileRef } from '../../../platform/files/index.ts';
import { registerFileKind } from '../../../platform/files/index.ts';
import { findCard } from '../issuance/store.ts';
import { cardImageOperations as ops } from './audit.ts';
import { documentCategories, type Rotation } from './domain/document.ts';
import { extensionOf, imageSize, type ImageMediaType, maxImageBytes, sniffImageType } from './domain/media.ts';
import { openWithKey, sealWithNewKey, unwrapKey, wrapKey } from './file-key.ts';
import { findImage, type ImageMeta, insertImage, setRotation, updateFiling } from './store.ts';

/** The kind of the files in the encrypted file store, named after the table that describes them. */
export const cardImageFileKind = registerFileKind('card_image');

/** Who acts, and from where, for the audit event. */
export interface ImageActor {
  actor: AuditActor;
  client?: AuditClient | undefined;
}

/** What the clerk enters for a scanned file. */
export type ImageFiling = Pick<ImageMeta, 'applicantId' | 'fiscalYear' | 'businessCategory' | 'documentCategory' | 'documentNumber' | 'kanjiName' | 'pageNumber'>;

/** Why a file is not filed (the page says it in words). */
export type FilingRefusal = 'empty' | 'too_large' | 'not_a_document';

const refOf = (municipalityCode: string, imageId: string): FileRef => ({ municipalityCode, kind: cardImageFileKind, id: imageId });

/** ファイル名: the document number and page with the extension of the content (never the name the client gave, which may carry a person's name). */
export const storedFileName = (f: Pick<ImageFiling, 'documentNumber' | 'pageNumber'>, type: ImageMediaType): string =>
  `${f.documentNumber}_${String(f.pageNumber).padStart(3, '0')}${extensionOf[type]}`;

/** 表示用ファイル名: the category and page, e.g. 交付申請書 1頁. */
const displayNameOf = (f: Pick<ImageFiling, 'documentCategory' | 'pageNumber'>) => `${documentCategories[f.documentCategory].ja} ${f.pageNumber}頁`;

/** The type of an acceptable file, or why it is refused. */
export function checkFile(content: Buffer): { type: ImageMediaType } | { refused: FilingRefusal } {
  if (content.length === 0) return { refused: 'empty' };
  if (content.length > maxImageBytes) return { refused: 'too_large' };
  const type = sniffImageType(content);
  return type ? { type } : { refused: 'not_a_document' };
}

/** イメージ登録: files the content on the card; its image id, or why it was refused. card_not_found for an unknown card. */
export async function fileImage(
  db: Db, cipher: FieldCipher, files: EncryptedFiles, f: ImageFiling, content: Buffer, who: ImageActor,
): Promise<{ imageId: string } | { refused: FilingRefusal }> {
  const mc = cipher.municipalityCode;
  const checked = checkFile(content);
  if ('refused' in checked) return checked;
  if (!(await findCard(db.kysely, mc, f.applicantId))) throw new AppError('card_not_found', { applicantId: f.applicantId });
  const imageId = randomUUID();
  const ref = refOf(mc, imageId);
  const { key, sealed } = sealWithNewKey(ref, content);
  const size = imageSize(content, checked.type);
  const row = {
    ...f, imageId, fileName: storedFileName(f, checked.type), displayName: displayNameOf(f), mediaType: checked.type,
    byteSize: content.length, sha256: createHash('sha256').update(content).digest('hex'), width: size?.width ?? null, height: size?.height ?? null,
    dataKey: wrapKey(cipher, imageId, key), registeredBy: who.actor.userId, registeredByName: who.actor.userName ?? '',
  };
  key.fill(0);
  await files.write(cipher, ref, sealed);
  const event = {
    municipalityCode: mc, operation: ops['card.images.file'], actor: who.actor, ...(who.client ? { client: who.client } : {}),
    subjects: [subjectId('card', f.applicantId), subjectId('card_image', imageId)],
    detail: `${f.documentCategory} ${f.documentNumber} p${f.pageNumber} ${checked.type} ${content.length} bytes`,
  };
  try {
    await audited(db, event, (tx) => insertImage(tx, mc, row));
  } catch (e) {
    await files.remove(ref);
    throw e;
  }
  return { imageId };
}

/** An image of the card (not of another), with its meta; card_image_not_found otherwise. */
export async function imageOfCard(db: Db, mc: string, applicantId: string, imageId: string): Promise<ImageMeta & { dataKey: string }> {
  const image = await findImage(db.kysely, mc, imageId);
  if (!image || image.applicantId !== applicantId) throw new AppError('card_image_not_found');
  return image;
}

/** The clear content of an image: its data key unwrapped, the store's file opened, then the file under its own key. */
export async function openImage(cipher: FieldCipher, files: EncryptedFiles, image: { imageId: string; dataKey: string }): Promise<Buffer> {
  const ref = refOf(cipher.municipalityCode, image.imageId);
  const sealed = await files.read(cipher, ref);
  if (!sealed) throw new AppError('card_image_not_found');
  const key = await unwrapKey(cipher, image.imageId, image.dataKey);
  try {
    return openWithKey(ref, key, sealed);
  } finally {
    key.fill(0);
  }
}

/** 回転: the image shown turned by `rotation` from now on; card_image_not_found when it went meanwhile. */
export async function rotateImage(db: Db, mc: string, image: Pick<ImageMeta, 'imageId' | 'applicantId' | 'rotation'>, rotation: Rotation, who: ImageActor): Promise<void> {
  const event = {
    municipalityCode: mc, operation: ops['card.images.rotate'], actor: who.actor, ...(who.client ? { client: who.client } : {}),
    subjects: [subjectId('card', image.applicantId), subjectId('card_image', image.imageId)], detail: `${image.rotation} → ${rotation}`,
  };
  await audited(db, event, async (tx) => {
    if (!(await setRotation(tx, mc, image.imageId, rotation, { userId: who.actor.userId, userName: who.actor.userName ?? '' }))) throw new AppError('card_image_not_found');
  });
}

/** 登録内容の訂正: the image filed as `f` from now on (its file and name stay); card_image_not_found when it went meanwhile. */
export async function correctFiling(db: Db, mc: string, image: Pick<ImageMeta, 'imageId' | 'applicantId'>, f: Omit<ImageFiling, 'applicantId'>, who: ImageActor): Promise<void> {
  const event = {
    municipalityCode: mc, operation: ops['card.images.correct'], actor: who.actor, ...(who.client ? { client: who.client } : {}),
    subjects: [subjectId('card', image.applicantId), subjectId('card_image', image.imageId)],
    detail: `${f.fiscalYear} ${f.businessCategory} ${f.documentCategory} ${f.documentNumber} p${f.pageNumber}`,
  };
  await audited(db, event, async (tx) => {
    const by = { userId: who.actor.userId, userName: who.actor.userName ?? '' };
    if (!(await updateFiling(tx, mc, image.imageId, { ...f, displayName: displayNameOf(f) }, by))) throw new AppError('card_image_not_found');
  });
}
