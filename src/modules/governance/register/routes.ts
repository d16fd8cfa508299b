// 個人情報ファイル簿 in the console (capability governance.register.read): the page, its CSV (UTF-8 with BOM, or
// Shift_JIS with ?encoding=sjis) and its PDF. The page is an audited read and the files are audited exports, each
// naming the files it showed, with their live person counts in the detail.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditSubjects, subjectId } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { html } from '../../../platform/http/html.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import { governanceOperations as ops } from '../audit.ts';
import { writeRegisterCsv } from './csv.ts';
import { registerFiles } from './files.ts';
import { GOVERNANCE_REGISTER_PATH, GovernanceRegisterPage, type RegisterView } from './page.tsx';
import { renderRegisterPdf } from './pdf.ts';
import { countPersons } from './store.ts';
import { categoryCounts } from './summary.ts';

/** What the register's routes need from the shell. */
export interface GovernanceDeps {
  db: Db;
  pageContext: (req: FastifyRequest) => Promise<PageContext>;
}

const langField = { type: 'string', maxLength: 2 } as const;

/** Registers the page, the CSV and the PDF on a console server. */
export function installRegisterRoutes(app: FastifyInstance, deps: GovernanceDeps): void {
  /** The register with today's counts, named in the request's audit event. */
  const load = async (req: FastifyRequest, detail: string): Promise<RegisterView> => {
    const files = registerFiles;
    const persons = await countPersons(deps.db, currentStaff(req).municipalityCode, files);
    auditSubjects(req, {
      subjects: files.map((f) => subjectId('personal_data_file', f.file.fileId)),
      detail: `${detail}; ${files.map((f) => `${f.file.fileId}=${persons.get(f.file.fileId) ?? 0}`).join(', ')}`,
    });
    return { files, persons, counts: categoryCounts(files), asOf: todayInJapan() };
  };

  app.get(GOVERNANCE_REGISTER_PATH, {
    config: { capability: 'governance.register.read', audit: ops['governance.register.read'] },
    schema: { hide: true, querystring: { type: 'object', properties: { lang: langField } } },
  }, async (req, reply) => {
    const [ctx, view] = await Promise.all([deps.pageContext(req), load(req, 'page')]);
    return html(reply, 200, GovernanceRegisterPage({ ...ctx, ...view }));
  });

  app.get(`${GOVERNANCE_REGISTER_PATH}.csv`, {
    config: { capability: 'governance.register.read', audit: ops['governance.register.export'] },
    schema: { hide: true, querystring: { type: 'object', properties: { encoding: { type: 'string', enum: ['utf8', 'sjis'] }, lang: langField } } },
  }, async (req, reply) => {
    const encoding = (req.query as { encoding?: 'utf8' | 'sjis' }).encoding ?? 'utf8';
    const [{ lang }, view] = await Promise.all([deps.pageContext(req), load(req, `csv ${encoding}`)]);
    const body = new PassThrough();
    void writeRegisterCsv(body, view.files, view.persons, { encoding, lang }).catch((e: unknown) => body.destroy(e as Error));
    return reply
      .type(`text/csv; charset=${encoding === 'sjis' ? 'shift_jis' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="personal-data-files-${view.asOf}${encoding === 'sjis' ? '-sjis' : ''}.csv"`)
      .send(body);
  });

  app.get(`${GOVERNANCE_REGISTER_PATH}.pdf`, {
    config: { capability: 'governance.register.read', audit: ops['governance.register.export'] },
    schema: { hide: true, querystring: { type: 'object', properties: { lang: langField } } },
  }, async (req, reply) => {
    const [{ lang, municipalityName }, view] = await Promise.all([deps.pageContext(req), load(req, 'pdf')]);
    const pdf = await renderRegisterPdf({ ...view, municipalityName, lang });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="personal-data-files-${view.asOf}.pdf"`).send(pdf);
  });
}
