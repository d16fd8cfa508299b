// 委託先管理 in the console: the list and one contractor (governance.contractors.read, audited reads), registering a
// contractor and every change to one (governance.contractors.manage, each an audited change in the same transaction).
// A form that does not read or a stale page answers with the page and the reason; a saved change redirects (303).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, audited, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import type { GovernanceDeps } from '../register/routes.ts';
import { registerFiles } from '../register/files.ts';
import { contractorOperations as ops } from './audit.ts';
import { applyCommand, commandDetail, type ContractorAction, ContractorRefusal, readCommand, readContractorFields } from './commands.ts';
import { ContractorDetailPage } from './detail-page.tsx';
import { contractorStanding } from './domain/standing.ts';
import { CONTRACTORS_PATH, ContractorListPage, type ContractorRow } from './page.tsx';
import { findContractorDetail, insertContractor, listContractors, type ContractorSummary } from './store.ts';

const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: uuid } } } as const;
const pageQuery = { type: 'object', properties: { lang: { type: 'string', maxLength: 2 }, saved: { type: 'string', maxLength: 40 } } } as const;
const formBody = { type: 'object', additionalProperties: { type: 'string', maxLength: 4000 } } as const;

const files = registerFiles.map((f) => ({ fileId: f.file.fileId, title: f.file.title }));
const fileIds = new Set(files.map((f) => f.fileId));

/** A contractor with its standing today. */
export const withStanding = <C extends ContractorSummary>(c: C, today: string): C & Pick<ContractorRow, 'standing'> => ({ ...c, standing: contractorStanding(c, today) });

/** Registers the contractors' pages and forms on a console server. */
export function installContractorRoutes(app: FastifyInstance, deps: GovernanceDeps): void {
  const { db } = deps;
  const manageCsrf = (req: FastifyRequest) => (can(currentPrincipal(req), 'governance.contractors.manage') ? currentStaff(req).csrfToken : undefined);

  const listPage = async (req: FastifyRequest, problem?: string) => {
    const staff = currentStaff(req);
    const today = todayInJapan();
    const [ctx, contractors] = await Promise.all([deps.pageContext(req), listContractors(db.kysely, staff.municipalityCode)]);
    return ContractorListPage({
      ...ctx, today, problem, csrf: manageCsrf(req),
      contractors: contractors.map((c) => withStanding(c, today)),
      fileTitles: new Map(files.map((f) => [f.fileId, f.title])),
    });
  };

  const detailPage = async (req: FastifyRequest, id: string, extra: { saved?: ContractorAction; problem?: string } = {}) => {
    const staff = currentStaff(req);
    const [ctx, contractor] = await Promise.all([deps.pageContext(req), findContractorDetail(db.kysely, staff.municipalityCode, id)]);
    if (!contractor) throw new AppError('not_found');
    return ContractorDetailPage({ ...ctx, ...extra, files, csrf: manageCsrf(req), contractor: withStanding(contractor, todayInJapan()) });
  };

  app.get(CONTRACTORS_PATH, {
    config: { capability: 'governance.contractors.read', audit: ops['governance.contractors.read'] },
    schema: { hide: true, querystring: pageQuery },
  }, async (req, reply) => {
    auditSubjects(req, { subjects: [], detail: 'list' });
    return html(reply, 200, listPage(req));
  });

  app.post(CONTRACTORS_PATH, {
    config: { capability: 'governance.contractors.manage' },
    schema: { hide: true, body: formBody },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { lang } = await deps.pageContext(req);
    try {
      const fields = readContractorFields(req.body as Record<string, string>);
      const event = { municipalityCode: staff.municipalityCode, operation: ops['governance.contractors.change'], actor: staffActor(staff), client: auditClient(req), detail: `register ${fields.name}` };
      const id = await audited(db, event, async (tx) => {
        const created = await insertContractor(tx, staff.municipalityCode, fields, staff.loginId);
        if (created === undefined) throw new ContractorRefusal(409, { ja: `「${fields.name}」は既に登録されています。`, en: `"${fields.name}" is already registered.` });
        return created;
      });
      return reply.redirect(`${CONTRACTORS_PATH}/${id}?saved=register`, 303);
    } catch (e) {
      if (!(e instanceof ContractorRefusal)) throw e;
      return html(reply, e.status, listPage(req, t(lang, e.why.ja, e.why.en)));
    }
  });

  app.get(`${CONTRACTORS_PATH}/:id`, {
    config: { capability: 'governance.contractors.read', audit: ops['governance.contractors.read'] },
    schema: { hide: true, params: idParams, querystring: pageQuery },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    auditSubjects(req, { subjects: [subjectId('contractor', id)], detail: 'detail' });
    const saved = (req.query as { saved?: string }).saved as ContractorAction | undefined;
    return html(reply, 200, detailPage(req, id, saved ? { saved } : {}));
  });

  app.post(`${CONTRACTORS_PATH}/:id`, {
    config: { capability: 'governance.contractors.manage' },
    schema: { hide: true, params: idParams, body: formBody },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { id } = req.params as { id: string };
    const { lang } = await deps.pageContext(req);
    try {
      const command = readCommand(req.body as Record<string, string>, fileIds, todayInJapan());
      const event = {
        municipalityCode: staff.municipalityCode, operation: ops['governance.contractors.change'], actor: staffActor(staff), client: auditClient(req),
        subjects: [subjectId('contractor', id)], detail: commandDetail(command),
      };
      const exists = await findContractorDetail(db.kysely, staff.municipalityCode, id);
      if (!exists) throw new AppError('not_found');
      await audited(db, event, (tx) => applyCommand(tx, staff.municipalityCode, id, command, staff.loginId));
      return reply.redirect(`${CONTRACTORS_PATH}/${id}?saved=${command.action}`, 303);
    } catch (e) {
      if (!(e instanceof ContractorRefusal)) throw e;
      return html(reply, e.status, detailPage(req, id, { problem: t(lang, e.why.ja, e.why.en) }));
    }
  });
}
