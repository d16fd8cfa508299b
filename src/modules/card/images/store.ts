// The SQL of filed document images (card_image) and their retention (card_image_retention). Lists never select the
// wrapped data key; only openImageRow does, for the one file being shown.
import { type Selectable, sql } from 'kysely';
import type { Database, Tx } from '../../../platform/db/index.ts';
import type { Q } from '../reservations/store.ts';
import { type BusinessCategory, type DocumentCategory, documentCategories, type Rotation } from './domain/document.ts';
import type { ImageMediaType } from './domain/media.ts';

/** What is known about a filed image, without its key or content. kanjiName and fileName are personal data. */
export interface ImageMeta {
  imageId: string;
  applicantId: string;
  fiscalYear: number;
  businessCategory: BusinessCategory;
  documentCategory: DocumentCategory;
  documentNumber: string;
  kanjiName: string;
  pageNumber: number;
  fileName: string;
  displayName: string;
  mediaType: ImageMediaType;
  byteSize: number;
  sha256: string;
  width: number | null;
  height: number | null;
  rotation: Rotation;
  registeredBy: string;
  registeredByName: string;
  registeredAt: Date;
  updatedBy: string;
  updatedByName: string;
  updatedAt: Date;
}

/** A row to insert: the meta with its wrapped data key. */
export type NewImageRow = Omit<ImageMeta, 'registeredAt' | 'updatedAt' | 'updatedBy' | 'updatedByName' | 'rotation'> & { dataKey: string };

const metaColumns = [
  'image_id', 'applicant_id', 'fiscal_year', 'business_category', 'document_category', 'document_number', 'kanji_name', 'page_number', 'file_name',
  'display_name', 'media_type', 'byte_size', 'sha256', 'width_px', 'height_px', 'rotation', 'registered_by', 'registered_by_name', 'registered_at',
  'updated_by', 'updated_by_name', 'updated_at',
] as const;

type MetaRow = Pick<Selectable<Database['card_image']>, (typeof metaColumns)[number]>;

const toMeta = (r: MetaRow): ImageMeta => ({
  imageId: r.image_id, applicantId: r.applicant_id, fiscalYear: r.fiscal_year, businessCategory: r.business_category as BusinessCategory,
  documentCategory: r.document_category as DocumentCategory, documentNumber: r.document_number, kanjiName: r.kanji_name, pageNumber: r.page_number,
  fileName: r.file_name, displayName: r.display_name, mediaType: r.media_type as ImageMediaType, byteSize: r.byte_size, sha256: r.sha256,
  width: r.width_px, height: r.height_px, rotation: r.rotation as Rotation, registeredBy: r.registered_by, registeredByName: r.registered_by_name,
  registeredAt: r.registered_at, updatedBy: r.updated_by, updatedByName: r.updated_by_name, updatedAt: r.updated_at,
});

/** 帳票イメージ登録: the row of a file already written to the store. */
export async function insertImage(tx: Tx, mc: string, n: NewImageRow): Promise<void> {
  await tx.insertInto('card_image').values({
    municipality_code: mc, image_id: n.imageId, applicant_id: n.applicantId, fiscal_year: n.fiscalYear, business_category: n.businessCategory,
    document_category: n.documentCategory, document_number: n.documentNumber, kanji_name: n.kanjiName, page_number: n.pageNumber, file_name: n.fileName,
    display_name: n.displayName, media_type: n.mediaType, byte_size: n.byteSize, sha256: n.sha256, width_px: n.width, height_px: n.height,
    data_key: n.dataKey, registered_by: n.registeredBy, registered_by_name: n.registeredByName, updated_by: n.registeredBy, updated_by_name: n.registeredByName,
  }).execute();
}

/** A card's images, by document category, then document number and page. */
export async function listCardImages(q: Q, mc: string, applicantId: string): Promise<ImageMeta[]> {
  const rows = await q.selectFrom('card_image').select(metaColumns).where('municipality_code', '=', mc).where('applicant_id', '=', applicantId)
    .orderBy('document_category').orderBy('document_number').orderBy('page_number').orderBy('registered_at').execute();
  return rows.map(toMeta);
}

/** A found image with where its card is kept (for the clerk's site scope). */
export type FoundImage = ImageMeta & { storageSiteCode: string };

/** 帳票の検索 (seed ⑫): images by applicant ID or document number, the newest first, at most `limit`. */
export async function searchImages(q: Q, mc: string, by: { applicantId?: string; documentNumber?: string }, limit: number): Promise<FoundImage[]> {
  let query = q.selectFrom('card_image as i')
    .innerJoin('card_record as c', (j) => j.onRef('c.municipality_code', '=', 'i.municipality_code').onRef('c.applicant_id', '=', 'i.applicant_id'))
    .select(metaColumns.map((c) => `i.${c}` as const)).select('c.storage_site_code')
    .where('i.municipality_code', '=', mc);
  if (by.applicantId) query = query.where('i.applicant_id', '=', by.applicantId);
  if (by.documentNumber) query = query.where('i.document_number', '=', by.documentNumber);
  const rows = await query.orderBy('i.registered_at', 'desc').orderBy('i.image_id').limit(limit).execute();
  return rows.map((r) => ({ ...toMeta(r), storageSiteCode: r.storage_site_code }));
}

/** One image with its wrapped data key, or undefined. */
export async function findImage(q: Q, mc: string, imageId: string): Promise<(ImageMeta & { dataKey: string }) | undefined> {
  const row = await q.selectFrom('card_image').select([...metaColumns, 'data_key']).where('municipality_code', '=', mc).where('image_id', '=', imageId).executeTakeFirst();
  return row && { ...toMeta(row), dataKey: row.data_key };
}

/** 回転角度 changed; false when the image is gone. */
export async function setRotation(tx: Tx, mc: string, imageId: string, rotation: Rotation, by: { userId: string; userName: string }): Promise<boolean> {
  const r = await tx.updateTable('card_image').set({ rotation, updated_by: by.userId, updated_by_name: by.userName, updated_at: sql`now()` })
    .where('municipality_code', '=', mc).where('image_id', '=', imageId).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** 登録内容の訂正: what the image is filed as; false when the image is gone. */
export async function updateFiling(tx: Tx, mc: string, imageId: string, f: Omit<NewImageRow, 'imageId' | 'applicantId' | 'fileName' | 'mediaType' | 'byteSize' | 'sha256' | 'width' | 'height' | 'dataKey' | 'registeredBy' | 'registeredByName'>, by: { userId: string; userName: string }): Promise<boolean> {
  const r = await tx.updateTable('card_image').set({
    fiscal_year: f.fiscalYear, business_category: f.businessCategory, document_category: f.documentCategory, document_number: f.documentNumber,
    kanji_name: f.kanjiName, page_number: f.pageNumber, display_name: f.displayName, updated_by: by.userId, updated_by_name: by.userName, updated_at: sql`now()`,
  }).where('municipality_code', '=', mc).where('image_id', '=', imageId).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The municipality's own 保存年限, where it set one. */
export async function retentionOverrides(q: Q, mc: string): Promise<Partial<Record<DocumentCategory, number>>> {
  const rows = await q.selectFrom('card_image_retention').select(['document_category', 'retention_years']).where('municipality_code', '=', mc).execute();
  return Object.fromEntries(rows.map((r) => [r.document_category, r.retention_years]));
}

/** Sets a category's 保存年限 for the municipality. */
export async function saveRetentionYears(q: Q, mc: string, category: DocumentCategory, years: number, by: string): Promise<void> {
  await q.insertInto('card_image_retention').values({ municipality_code: mc, document_category: category, retention_years: years, changed_by: by })
    .onConflict((oc) => oc.columns(['municipality_code', 'document_category']).doUpdateSet({ retention_years: years, changed_by: by, changed_at: sql`now()` }))
    .execute();
}

/** An image past its retention on a day. */
export interface DueImage {
  imageId: string;
  applicantId: string;
  documentCategory: DocumentCategory;
  fiscalYear: number;
  pageNumber: number;
  dueOn: string;
}

/**
 * Images whose retention ended on or before `asOf`: kept the category's years after 31 March following their fiscal
 * year. The years come as a values list (the defaults with the municipality's own), so one query serves every category.
 */
export async function findDueImages(q: Q, mc: string, years: Record<DocumentCategory, number>, asOf: string, limit: number): Promise<DueImage[]> {
  const list = sql.join((Object.keys(documentCategories) as DocumentCategory[]).map((c) => sql`(${c}::text, ${years[c]}::integer)`));
  const { rows } = await sql<{ image_id: string; applicant_id: string; document_category: string; fiscal_year: number; page_number: number; due_on: string }>`
    select i.image_id, i.applicant_id, i.document_category, i.fiscal_year, i.page_number,
      to_char(make_date(i.fiscal_year + 1 + y.years, 4, 1), 'YYYY-MM-DD') as due_on
    from card_image i join (values ${list}) as y (category, years) on y.category = i.document_category
    where i.municipality_code = ${mc} and make_date(i.fiscal_year + 1 + y.years, 4, 1) <= ${asOf}::date
    order by make_date(i.fiscal_year + 1 + y.years, 4, 1), i.image_id
    limit ${limit}`.execute(q);
  return rows.map((r) => ({
    imageId: r.image_id, applicantId: r.applicant_id, documentCategory: r.document_category as DocumentCategory, fiscalYear: r.fiscal_year,
    pageNumber: r.page_number, dueOn: r.due_on,
  }));
}

/** Deletes the rows (and with them the data keys; the trigger queues the files); the ids deleted. */
export async function deleteImages(tx: Tx, mc: string, imageIds: readonly string[]): Promise<string[]> {
  if (imageIds.length === 0) return [];
  const rows = await tx.deleteFrom('card_image').where('municipality_code', '=', mc).where('image_id', 'in', imageIds).returning('image_id').execute();
  return rows.map((r) => r.image_id);
}

/** The image ids among `ids` that have a row: the files the orphan sweep keeps. */
export async function existingImageIds(q: Q, mc: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q.selectFrom('card_image').select('image_id').where('municipality_code', '=', mc).where('image_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.image_id));
}
