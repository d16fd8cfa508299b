// The ぴったりサービス import's console page (capability applications.pittari.import):
//
//   GET  /console/applications/pittari   the form and the format accepted
//   POST /console/applications/pittari   (multipart) the ZIP, read whole into memory (no temporary file with personal
//                                        data), checked completely, imported in one transaction or refused with reasons
//
// The import writes its own audit event (import.ts); a refusal is logged as an attempt there.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, staffActor } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { createAttachmentScanner } from '../attachments/index.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { importPittariBundle } from './import.ts';
import { PITTARI_PATH, PittariPage, type PittariPageProps } from './pages/pittari-page.tsx';
import { type BundleProblem, MAX_BUNDLE_BYTES } from './reader.ts';

const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

/** Registers the import's page on a console server. */
export function installPittariImport(app: FastifyInstance, deps: ApplicationsDeps): void {
  const scanner = createAttachmentScanner(deps.config, { log: app.log });
  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, props: Omit<PittariPageProps, 'csrfToken'> = {}) => {
    const ctx = await deps.pageContext(req);
    const html = await PittariPage({ ...ctx, path: PITTARI_PATH, csrfToken: currentStaff(req).csrfToken, ...props });
    return reply.status(status).type('text/html; charset=utf-8').send(html);
  };

  app.get(PITTARI_PATH, { config: { capability: 'applications.pittari.import' }, schema: { hide: true } }, (req, reply) => page(req, reply, 200));

  app.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: 'keyValues', throwFileSizeLimit: false, limits: { fileSize: MAX_BUNDLE_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 256 } });
    scope.post(PITTARI_PATH, { config: { capability: 'applications.pittari.import' }, schema: { hide: true }, bodyLimit: MAX_BUNDLE_BYTES + 64 * 1024 }, async (req, reply) => {
      const staff = currentStaff(req);
      const lang = (await deps.pageContext(req)).lang;
      const bundle = (req.body as Record<string, unknown> | undefined)?.bundle;
      if (!Buffer.isBuffer(bundle) || bundle.length === 0) return page(req, reply, 400, { refusal: t(lang, 'ZIP ファイルを選んでください。', 'Choose a ZIP file.') });
      try {
        const imported = await importPittariBundle(deps.db, {
          municipalityCode: staff.municipalityCode, bundle, cipher: await deps.cipher(staff.municipalityCode), files: deps.files, scanner, today: todayInJapan(),
          loginId: staff.loginId, actor: staffActor(staff), client: auditClient(req),
        });
        return await page(req, reply, 200, { imported });
      } catch (e) {
        if (e instanceof AppError && e.code === 'pittari_bundle_rejected') return page(req, reply, 400, { problems: e.details.problems as BundleProblem[] });
        if (e instanceof AppError && e.code === 'pittari_duplicate') return page(req, reply, 409, { refusal: e.localized(lang) });
        throw e;
      }
    });
  });
}
