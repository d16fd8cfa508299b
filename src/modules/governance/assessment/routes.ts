// 保護評価書（案） in the console (capability governance.assessment.draft): the page with the file chooser and the
// chosen file's draft (an audited read naming the file, with its live person count), and the draft's PDF (an audited
// export). Only a file holding 個人番号 or marked specific can be chosen; any other answers 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { auditSubjects, defaultAnchorsFile, subjectId } from '../../../platform/audit/index.ts';
import type { Config } from '../../../platform/config.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import type { GovernanceDeps } from '../register/routes.ts';
import { assessmentOperations as ops } from './audit.ts';
import { assessableFiles, gatherAssessment } from './controls.ts';
import { buildDraft } from './domain/draft.ts';
import { ASSESSMENT_PATH, AssessmentPage } from './page.tsx';
import { renderAssessmentPdf } from './pdf.ts';

/** What the assessment needs beyond the register: where the audit chain's signed anchors are kept. */
export interface AssessmentDeps extends GovernanceDeps {
  config?: Pick<Config, 'dataDir'> | undefined;
}

const fileQuery = { type: 'object', properties: { file: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' }, lang: { type: 'string', maxLength: 2 } } } as const;

/** Registers the page and the PDF on a console server. */
export function installAssessmentRoutes(app: FastifyInstance, deps: AssessmentDeps): void {
  const files = assessableFiles();
  const choices = files.map((f) => ({ fileId: f.file.fileId, title: f.file.title }));

  /** The chosen file's draft in the request's language, named in the request's audit event. */
  const draftOf = async (req: FastifyRequest, fileId: string, detail: string) => {
    const f = files.find((x) => x.file.fileId === fileId);
    if (!f) throw new AppError('not_found');
    const ctx = await deps.pageContext(req);
    const asOf = todayInJapan();
    const input = await gatherAssessment(deps.db, currentStaff(req).municipalityCode, f, {
      municipalityName: ctx.municipalityName, asOf, lang: ctx.lang, anchorsFile: deps.config ? defaultAnchorsFile(deps.config) : undefined,
    });
    auditSubjects(req, { subjects: [subjectId('personal_data_file', fileId)], detail: `${detail}; ${fileId}=${input.persons}` });
    return { ctx, f, asOf, sections: buildDraft(input, ctx.lang) };
  };

  app.get(ASSESSMENT_PATH, {
    config: { capability: 'governance.assessment.draft', audit: ops['governance.assessment.read'] },
    schema: { hide: true, querystring: fileQuery },
  }, async (req, reply) => {
    const { file } = req.query as { file?: string };
    if (file === undefined) {
      auditSubjects(req, { subjects: [], detail: 'choose' });
      return html(reply, 200, AssessmentPage({ ...(await deps.pageContext(req)), files: choices }));
    }
    const { ctx, f, asOf, sections } = await draftOf(req, file, 'page');
    return html(reply, 200, AssessmentPage({ ...ctx, files: choices, draft: { fileId: file, title: f.file.title, asOf, sections } }));
  });

  app.get(`${ASSESSMENT_PATH}.pdf`, {
    config: { capability: 'governance.assessment.draft', audit: ops['governance.assessment.export'] },
    schema: { hide: true, querystring: { ...fileQuery, required: ['file'] } },
  }, async (req, reply) => {
    const { file } = req.query as { file: string };
    const { ctx, f, asOf, sections } = await draftOf(req, file, 'pdf');
    const pdf = await renderAssessmentPdf({ municipalityName: ctx.municipalityName, asOf, fileTitle: f.file.title[ctx.lang], sections, lang: ctx.lang });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="assessment-${file}-${asOf}.pdf"`).send(pdf);
  });
}
