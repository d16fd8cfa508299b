// 個人情報項目一覧 in the console (capability applications.register.read): the page, and its CSV — UTF-8 with BOM, or
// Shift_JIS with ?encoding=sjis. The register holds no resident's data, so viewing it is not logged; exporting it is
// (applications.register.export), naming the procedures exported.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { currentStaff } from '../../platform/access/guard.ts';
import { auditSubjects, subjectId } from '../../platform/audit/index.ts';
import { pageLang } from '../../platform/http/language.ts';
import type { ApplicationsDeps } from './deps.ts';
import { REGISTER_PATH, RegisterPage } from './pages/register.tsx';
import { categorySummary, registerOperations, registerRows, writeRegisterCsv } from './register.ts';
import { listProcedures } from './store.ts';

/** Registers the register's page and CSV on a console server. */
export function installApplicationsRegister(app: FastifyInstance, deps: ApplicationsDeps): void {
  const { db } = deps;

  app.get(REGISTER_PATH, { config: { capability: 'applications.register.read' }, schema: { hide: true } }, async (req, reply) => {
    const rows = registerRows(await listProcedures(db.kysely, currentStaff(req).municipalityCode));
    const page = await RegisterPage({ ...(await deps.pageContext(req)), rows, summary: categorySummary(rows) });
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.get(`${REGISTER_PATH}.csv`, {
    config: { capability: 'applications.register.read', audit: registerOperations['applications.register.export'] },
    schema: { hide: true, querystring: { type: 'object', properties: { encoding: { type: 'string', enum: ['utf8', 'sjis'] } } } },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const encoding = (req.query as { encoding?: 'utf8' | 'sjis' }).encoding ?? 'utf8';
    const procedures = await listProcedures(db.kysely, staff.municipalityCode);
    auditSubjects(req, {
      subjects: procedures.map((p) => subjectId('application_procedure', p.procedureId)),
      detail: `${encoding}, ${procedures.map((p) => `${p.procedureId} v${p.version}`).join('; ')}`.slice(0, 1000),
    });
    const body = new PassThrough();
    void writeRegisterCsv(body, registerRows(procedures), { encoding, lang: pageLang(req) }).catch((e: unknown) => body.destroy(e as Error));
    return reply
      .type(`text/csv; charset=${encoding === 'sjis' ? 'shift_jis' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="personal-data-register-${staff.municipalityCode}${encoding === 'sjis' ? '-sjis' : ''}.csv"`)
      .send(body);
  });
}
