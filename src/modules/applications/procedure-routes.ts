// 手続き定義 in the console (capability applications.procedure.manage), plain forms without JavaScript:
//
//   GET  /console/applications/procedures        every procedure's newest version, loaded at / by
//   GET  /console/applications/procedures/:id    its definition as JSON to edit (?version=N: an older one, to roll back),
//                                                the version history and the residents' notice
//   POST /console/applications/procedures/:id    checked like a file (procedureProblems, same id); saved as a new
//                                                version with its audit event, or the page again with every problem
//
// A definition describes a form and holds no resident's data, so reading it is not an audit event; saving one is.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentStaff } from '../../platform/access/guard.ts';
import { auditClient, staffActor } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/http/language.ts';
import type { ApplicationsDeps } from './deps.ts';
import { definitionText, ProcedureEditPage, type ProcedureEditProps } from './pages/procedure-edit.tsx';
import { PROCEDURES_PATH, ProcedureListPage } from './pages/procedure-edit-list.tsx';
import { definitionTextProblems, procedureOperations, saveProcedures } from './procedures.ts';
import { findProcedure, findProcedureVersion, listProcedures, listProcedureVersions } from './store.ts';
import { html } from '../../platform/http/html.ts';

/** The longest definition the editor accepts, in characters (the largest shipped one is about 12,000). */
const MAX_DEFINITION_CHARS = 200_000;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' } } } as const;

/** Registers the procedure list and editor on a console server. */
export function installProcedureEditor(app: FastifyInstance, deps: ApplicationsDeps): void {
  const { db } = deps;

  app.get(PROCEDURES_PATH, { config: { capability: 'applications.procedure.manage' }, schema: { hide: true } }, async (req, reply) => {
    const staff = currentStaff(req);
    return html(reply, 200, ProcedureListPage({ ...(await deps.pageContext(req)), procedures: await listProcedures(db.kysely, staff.municipalityCode) }));
  });

  /** The editor for the procedure, with what the request brings (text kept, problems, saved); 404 for an unknown id. */
  const editor = async (req: FastifyRequest, id: string, extra: Partial<Pick<ProcedureEditProps, 'text' | 'shownVersion' | 'problems' | 'saved'>>) => {
    const code = currentStaff(req).municipalityCode;
    const newest = await findProcedure(db.kysely, code, id);
    if (!newest) throw new AppError('not_found');
    return ProcedureEditPage({
      ...(await deps.pageContext(req)),
      procedureId: id,
      newest,
      text: extra.text ?? definitionText(newest.definition),
      shownVersion: extra.shownVersion ?? newest.version,
      history: await listProcedureVersions(db.kysely, code, id),
      csrfToken: currentStaff(req).csrfToken,
      problems: extra.problems ?? [],
      saved: extra.saved,
    });
  };

  app.get(`${PROCEDURES_PATH}/:id`, {
    config: { capability: 'applications.procedure.manage' },
    schema: {
      hide: true,
      params: idParams,
      querystring: { type: 'object', properties: { version: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' }, saved: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' }, unchanged: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } } },
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const q = req.query as { version?: string; saved?: string; unchanged?: string };
    const saved = q.saved ? { version: Number(q.saved), changed: true } : q.unchanged ? { version: Number(q.unchanged), changed: false } : undefined;
    if (q.version) {
      const old = await findProcedureVersion(db.kysely, currentStaff(req).municipalityCode, id, Number(q.version));
      if (!old) throw new AppError('not_found');
      return html(reply, 200, editor(req, id, { text: definitionText(old.definition), shownVersion: old.version, saved }));
    }
    return html(reply, 200, editor(req, id, { saved }));
  });

  app.post(`${PROCEDURES_PATH}/:id`, {
    config: { capability: 'applications.procedure.manage' },
    schema: {
      hide: true,
      params: idParams,
      body: {
        type: 'object',
        required: ['definition', 'baseVersion'],
        properties: { definition: { type: 'string', maxLength: MAX_DEFINITION_CHARS }, baseVersion: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' }, csrf: { type: 'string' } },
      },
    },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const { id } = req.params as { id: string };
    const body = req.body as { definition: string; baseVersion: string };
    const newest = await findProcedure(db.kysely, staff.municipalityCode, id);
    if (!newest) throw new AppError('not_found');
    const { lang } = await deps.pageContext(req);
    const { definition, problems } = definitionTextProblems(body.definition, id);
    // Someone saved meanwhile: saving this text would silently undo their version.
    if (Number(body.baseVersion) !== newest.version) {
      problems.unshift(t(lang,
        `この手続きは編集を始めた後に別の人が保存しました（版 ${newest.version}）。入力内容を控えてから開き直し、もう一度反映してください。`,
        `Someone else saved this procedure after you opened it (version ${newest.version}). Keep a copy of your text, reopen the page and apply your change again.`));
    }
    if (problems.length || !definition) return html(reply, 400, editor(req, id, { text: body.definition, problems }));
    const actor = staffActor(staff);
    const [result] = await saveProcedures(db, staff.municipalityCode, [definition], { loadedBy: staff.loginId, actor, client: auditClient(req) }, procedureOperations['applications.procedure.edit']);
    return reply.redirect(`${PROCEDURES_PATH}/${id}?${result!.changed ? 'saved' : 'unchanged'}=${result!.version}`, 303);
  });
}
