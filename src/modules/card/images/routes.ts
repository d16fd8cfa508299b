// 帳票イメージファイリング's console (seed ⑪⑫):
//
//   GET  /console/card/images                                        search by application ID or document number (read; audited)
//   GET  /console/card/cards/:applicantId/images                     a card's images, and the upload form (read; audited)
//   POST /console/card/cards/:applicantId/images                     (multipart) files a scanned document (manage; audits itself)
//   GET  /console/card/cards/:applicantId/images/:imageId            one image's page (read; audited)
//   GET  /console/card/cards/:applicantId/images/:imageId/content    the file itself, inline or ?download=1 (read; audited)
//   POST /console/card/cards/:applicantId/images/:imageId/rotation   turns it a quarter left or right (manage; audits itself)
//   POST /console/card/cards/:applicantId/images/:imageId/details    corrects how it is filed (manage; audits itself)
//
// A member of staff sees and files only the cards kept at the sites of their scope, as with arrivals.
import fs from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import type { Capability } from '../../../platform/access/capabilities.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { acceptFileUploads, UploadedFile } from '../../../platform/http/file-upload.ts';
import { t } from '../../../platform/http/language.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { pick } from '../../../platform/ui/format.ts';
import { parseApplicantId } from '../domain/applicant-id.ts';
import { findCard } from '../issuance/store.ts';
import { inScope, sitesFor } from '../staff/scope.ts';
import { cardImageOperations as ops } from './audit.ts';
import type { CardImageDeps } from './deps.ts';
import { fiscalYearOf, isBusinessCategory, isDocumentCategory, turned } from './domain/document.ts';
import { maxImageBytes } from './domain/media.ts';
import { correctFiling, type FilingRefusal, fileImage, imageOfCard, openImage, rotateImage } from './images.ts';
import { CardImagesPage } from './pages/card-images-page.tsx';
import type { FilingForm } from './pages/image-parts.tsx';
import { ImagePage } from './pages/image-page.tsx';
import { cardImagesPath, IMAGES_PATH, imagePath } from './pages/paths.ts';
import { ImageSearchPage } from './pages/search-page.tsx';
import { listCardImages, searchImages } from './store.ts';

const read = 'card.images.read';
const manage = 'card.images.manage';
const lang = { type: 'string', maxLength: 2 } as const;
const cardParams = { type: 'object', required: ['applicantId'], properties: { applicantId: { type: 'string', pattern: '^[0-9]{23}$' } } } as const;
const imageParams = {
  type: 'object', required: ['applicantId', 'imageId'],
  properties: { ...cardParams.properties, imageId: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } },
} as const;
const doneQuery = { type: 'object', properties: { done: { type: 'string', enum: ['filed', 'turned', 'corrected'] }, lang } } as const;
const cardQuery = {
  type: 'object',
  properties: { ...doneQuery.properties, problem: { type: 'string', enum: ['empty', 'too_large', 'not_a_document', 'form'] } },
} as const;

const refusalText: Record<FilingRefusal | 'form', { ja: string; en: string }> = {
  empty: { ja: 'ファイルを選んでください。', en: 'Choose a file.' },
  too_large: { ja: `ファイルが大きすぎます（${maxImageBytes / (1024 * 1024)} MB まで）。`, en: `The file is too large (at most ${maxImageBytes / (1024 * 1024)} MB).` },
  not_a_document: { ja: 'PDF・JPEG・PNG・TIFF のファイルではありません。', en: 'The file is not a PDF, JPEG, PNG or TIFF.' },
  form: { ja: '年度（4桁）、資料番号（英数字）、漢字氏名、ページ番号（1〜999）を確かめてください。', en: 'Check the fiscal year (4 digits), the document number (letters and digits), the name and the page (1–999).' },
};

/** The upload form's fields as posted, checked; undefined when one is missing or malformed. */
function filingOf(body: Record<string, unknown>): FilingForm | undefined {
  const text = (k: string) => (typeof body[k] === 'string' ? body[k].trim() : '');
  const [business, category] = [text('business'), text('category')];
  if (!isBusinessCategory(business) || !isDocumentCategory(category)) return undefined;
  const form = { fiscalYear: text('fiscalYear'), business, category, number: text('number'), kanjiName: text('kanjiName'), page: text('page') };
  const ok = /^(20|21)[0-9]{2}$/.test(form.fiscalYear) && /^[0-9A-Za-z-]{1,30}$/.test(form.number) && form.kanjiName.length >= 1
    && [...form.kanjiName].length <= 100 && /^[1-9][0-9]{0,2}$/.test(form.page);
  return ok ? form : undefined;
}

/** The form's values as the store takes them. */
const filingOfForm = (form: FilingForm) => ({
  fiscalYear: Number(form.fiscalYear), businessCategory: form.business, documentCategory: form.category, documentNumber: form.number,
  kanjiName: form.kanjiName, pageNumber: Number(form.page),
});

export function installCardImageRoutes(app: FastifyInstance, deps: CardImageDeps): void {
  const { db } = deps;

  /** The card, when it exists and is kept at a site of the member of staff's scope for the capability. */
  const cardInScope = async (req: FastifyRequest, applicantId: string, capability: Capability) => {
    const card = await findCard(db.kysely, currentStaff(req).municipalityCode, applicantId);
    if (!card) throw new AppError('card_not_found', { applicantId });
    if (!inScope(sitesFor(currentPrincipal(req), capability), card.storageSiteCode)) throw new AppError('forbidden');
    return card;
  };
  const mayManage = (req: FastifyRequest) => can(currentPrincipal(req), manage, { municipalityCode: currentStaff(req).municipalityCode });
  const doneNotice = (l: 'ja' | 'en', done: string | undefined) =>
    done === 'filed' ? { kind: 'done' as const, text: t(l, '帳票イメージを登録しました。', 'The document was filed.') }
      : done === 'turned' ? { kind: 'done' as const, text: t(l, '回転角度を変更しました。', 'The image was turned.') }
        : done === 'corrected' ? { kind: 'done' as const, text: t(l, '登録内容を訂正しました。', 'How the document is filed was corrected.') } : undefined;

  const cardPage = async (req: FastifyRequest, reply: FastifyReply, applicantId: string, q: { problem?: FilingRefusal | 'form'; done?: string }) => {
    const staff = currentStaff(req);
    const card = await cardInScope(req, applicantId, read);
    const [ctx, images] = await Promise.all([deps.pageContext(req), listCardImages(db.kysely, staff.municipalityCode, applicantId)]);
    auditSubjects(req, { subjects: [subjectId('card', applicantId), ...images.map((i) => subjectId('card_image', i.imageId))], detail: `${images.length} images` });
    const form: FilingForm = { fiscalYear: String(fiscalYearOf(todayInJapan())), business: 'application', category: 'application_form', number: '', kanjiName: card.name, page: '1' };
    const notice = q.problem ? { kind: 'error' as const, text: pick(ctx.lang, refusalText[q.problem]) } : doneNotice(ctx.lang, q.done);
    const upload = mayManage(req) && inScope(sitesFor(currentPrincipal(req), manage), card.storageSiteCode) ? { csrf: staff.csrfToken, form } : undefined;
    return html(reply, q.problem ? 422 : 200, CardImagesPage({ ...ctx, applicantId, images, upload, notice }));
  };

  app.get(IMAGES_PATH, {
    config: { capability: read, personalData: true, audit: ops['card.images.list'] },
    schema: { hide: true, querystring: { type: 'object', properties: { applicant: { type: 'string', maxLength: 40 }, number: { type: 'string', maxLength: 30 }, lang } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const q = req.query as { applicant?: string; number?: string };
    const query = { applicant: q.applicant?.trim() ?? '', number: q.number?.trim() ?? '' };
    const ctx = await deps.pageContext(req);
    const applicantId = query.applicant ? parseApplicantId(query.applicant) : undefined;
    const page = (found: Parameters<typeof ImageSearchPage>[0]['found'], notice?: { kind: 'error'; text: string }) =>
      html(reply, notice ? 400 : 200, ImageSearchPage({ ...ctx, query, found, notice, mayManage: mayManage(req) }));
    if (!query.applicant && !query.number) return page(undefined);
    if (query.applicant && !applicantId) return page(undefined, { kind: 'error', text: t(ctx.lang, '申請書IDは23桁の数字です。', 'An application ID is 23 digits.') });
    const scope = sitesFor(currentPrincipal(req), read);
    const found = (await searchImages(db.kysely, staff.municipalityCode, { ...(applicantId ? { applicantId } : {}), ...(query.number ? { documentNumber: query.number } : {}) }, 200))
      .filter((i) => inScope(scope, i.storageSiteCode));
    auditSubjects(req, { subjects: [...new Set(found.map((i) => subjectId('card', i.applicantId)))], detail: `search: ${found.length} images` });
    return page(found);
  });

  app.get(`${cardImagesPath(':applicantId')}`, {
    config: { capability: read, personalData: true, audit: ops['card.images.list'] },
    schema: { hide: true, params: cardParams, querystring: cardQuery },
  }, async (req, reply) => cardPage(req, reply, (req.params as { applicantId: string }).applicantId, req.query as { problem?: FilingRefusal | 'form'; done?: string }));

  app.register(async (scope) => {
    const uploads = await acceptFileUploads(scope, { fileFields: ['file'], textFields: 8, maxBytes: maxImageBytes, folderName: 'card-images' });
    scope.post(cardImagesPath(':applicantId'), { config: { capability: manage }, schema: { hide: true, params: cardParams } }, async (req, reply) => {
      const staff = currentStaff(req);
      const { applicantId } = req.params as { applicantId: string };
      await cardInScope(req, applicantId, manage);
      const body = (req.body ?? {}) as Record<string, unknown>;
      // A refusal goes back to the card's page, which says why (its form empty again: a file field cannot be refilled).
      const refuse = async (why: FilingRefusal | 'form') => {
        await uploads.release(req);
        return reply.redirect(`${cardImagesPath(applicantId)}?problem=${why}`, 303);
      };
      const form = filingOf(body);
      if (!form) return refuse('form');
      const upload = body.file instanceof UploadedFile ? body.file : undefined;
      if (!upload || upload.bytes === 0) return refuse('empty');
      if (upload.truncated) return refuse('too_large');
      const content = await fs.readFile(upload.path);
      await uploads.release(req);
      const result = await fileImage(db, await deps.cipher(staff.municipalityCode), deps.files, { applicantId, ...filingOfForm(form) }, content, { actor: staffActor(staff), client: auditClient(req) });
      content.fill(0);
      if ('refused' in result) return refuse(result.refused);
      return reply.redirect(`${cardImagesPath(applicantId)}?done=filed`, 303);
    });
  });

  app.get(imagePath(':applicantId', ':imageId'), {
    config: { capability: read, personalData: true, audit: ops['card.images.view'] },
    schema: { hide: true, params: imageParams, querystring: cardQuery },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { applicantId, imageId } = req.params as { applicantId: string; imageId: string };
    const q = req.query as { problem?: 'form'; done?: string };
    const card = await cardInScope(req, applicantId, read);
    const image = await imageOfCard(db, staff.municipalityCode, applicantId, imageId);
    auditSubjects(req, { subjects: [subjectId('card', applicantId), subjectId('card_image', imageId)], detail: `page ${image.documentCategory} p${image.pageNumber}` });
    const ctx = await deps.pageContext(req);
    const manageHere = mayManage(req) && inScope(sitesFor(currentPrincipal(req), manage), card.storageSiteCode);
    const notice = q.problem ? { kind: 'error' as const, text: pick(ctx.lang, refusalText.form) } : doneNotice(ctx.lang, q.done);
    return html(reply, q.problem ? 422 : 200, ImagePage({ ...ctx, image, manage: manageHere ? { csrf: staff.csrfToken } : undefined, notice }));
  });

  app.get(`${imagePath(':applicantId', ':imageId')}/content`, {
    config: { capability: read, personalData: true, audit: ops['card.images.view'] },
    schema: { hide: true, params: imageParams, querystring: { type: 'object', properties: { download: { type: 'string', enum: ['1'] } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { applicantId, imageId } = req.params as { applicantId: string; imageId: string };
    await cardInScope(req, applicantId, read);
    const image = await imageOfCard(db, staff.municipalityCode, applicantId, imageId);
    const download = (req.query as { download?: string }).download === '1';
    auditSubjects(req, { subjects: [subjectId('card', applicantId), subjectId('card_image', imageId)], detail: `${download ? 'download' : 'inline'} ${image.mediaType}` });
    const content = await openImage(await deps.cipher(staff.municipalityCode), deps.files, image);
    const name = encodeURIComponent(image.fileName);
    return reply.status(200).type(image.mediaType).header('cache-control', 'no-store')
      .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename="image${image.fileName.slice(image.fileName.lastIndexOf('.'))}"; filename*=UTF-8''${name}`)
      .send(content);
  });

  app.post(`${imagePath(':applicantId', ':imageId')}/rotation`, {
    config: { capability: manage },
    schema: { hide: true, params: imageParams, body: { type: 'object', required: ['turn'], properties: { csrf: { type: 'string', maxLength: 200 }, turn: { type: 'string', enum: ['left', 'right'] } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { applicantId, imageId } = req.params as { applicantId: string; imageId: string };
    await cardInScope(req, applicantId, manage);
    const image = await imageOfCard(db, staff.municipalityCode, applicantId, imageId);
    await rotateImage(db, staff.municipalityCode, image, turned(image.rotation, (req.body as { turn: 'left' | 'right' }).turn), { actor: staffActor(staff), client: auditClient(req) });
    return reply.redirect(`${imagePath(applicantId, imageId)}?done=turned`, 303);
  });

  app.post(`${imagePath(':applicantId', ':imageId')}/details`, {
    config: { capability: manage },
    schema: { hide: true, params: imageParams },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { applicantId, imageId } = req.params as { applicantId: string; imageId: string };
    await cardInScope(req, applicantId, manage);
    const image = await imageOfCard(db, staff.municipalityCode, applicantId, imageId);
    const form = filingOf((req.body ?? {}) as Record<string, unknown>);
    if (!form) return reply.redirect(`${imagePath(applicantId, imageId)}?problem=form`, 303);
    await correctFiling(db, staff.municipalityCode, image, filingOfForm(form), { actor: staffActor(staff), client: auditClient(req) });
    return reply.redirect(`${imagePath(applicantId, imageId)}?done=corrected`, 303);
  });
}
