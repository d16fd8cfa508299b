// Assembles the server for the roles this process runs: the platform kernel, assets, and each role's pages and APIs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config, Role } from '../platform/config.ts';
import type { Db } from '../platform/db/index.ts';
import { createServer } from '../platform/http/server.ts';
import type { DestinationStream } from 'pino';
import { ApiDocs, type OpenApiDoc } from './pages/api-docs.tsx';
import { ConsoleHome } from './pages/console-home.tsx';
import { ErrorPage } from './pages/error-page.tsx';
import { pageContext } from './pages/page-context.ts';
import { PortalHome } from './pages/portal-home.tsx';
import { currentStaff } from '../platform/access/guard.ts';
import type { GuardedRoute } from '../platform/access/guard.ts';
import { applicationsDeps, installApplicationsConsole, installApplicationsPortal } from '../modules/applications/index.ts';
import { certificatesDeps, installCertificatesConsole, installCertificatesIssuance, installCertificatesPortal } from '../modules/certificates/index.ts';
import { benefitsDeps, installBenefitsConsole } from '../modules/benefits/index.ts';
import { installBenefitsPortal } from '../modules/benefits/index.ts';
import { installCardApi, installCardPortal, installCardProgressConsole, installCardStaffConsole } from '../modules/card/index.ts';
import { cardImageDeps, installCardImageConsole } from '../modules/card/index.ts';
import { installGovernanceConsole } from '../modules/governance/index.ts';
import { installReviewRole } from '../modules/review/index.ts';
import { installReviewBatch } from '../modules/review/batch-routes.ts';
import { installReviewImport } from '../modules/review/import-routes.ts';
import { installAccountInventory } from './accounts/routes.ts';
import { installAuditSearch } from './audit/routes.ts';
import { installConsoleAuth } from './console-auth.ts';
import { installSessionExtend } from './session-extend.ts';
import { installSecuritySettings } from './settings/routes.ts';
import { installStaticAssets } from './static-assets.ts';
import { totpSecretBox } from '../platform/auth/totp-secret.ts';
import { loadMasterKey, type MasterKey } from '../platform/crypto/index.ts';
import { findServedMunicipality, type Municipality } from './store.ts';
import { version } from './version.ts';

export interface AppOptions {
  config: Config;
  db: Db;
  roles: readonly Role[];
  logStream?: DestinationStream;
}

/** Where each role's pages live when several roles share one port. */
export const rolePaths: Record<Role, string> = {
  portal: '/',
  console: '/console/',
  review: '/api/v1/review/match',
  issuance: '/api/v1/kiosk/certificates',
  worker: '/healthz',
};

const html = (reply: FastifyReply, body: string | Promise<string>) =>
  Promise.resolve(body).then((b) => reply.type('text/html; charset=utf-8').send(b));

/** Builds the HTTP server for the given roles; `routes` lists every route with the access it declares. */
export async function buildApp(options: AppOptions): Promise<{ app: FastifyInstance; routes: GuardedRoute[] }> {
  const { db, roles } = options;
  // Read per request: the demo city is loaded after the server may already listen.
  let cached: Municipality | undefined;
  const municipality = async () => (cached ??= await findServedMunicipality(db));

  const { app, routes } = await createServer({
    config: options.config,
    db,
    version,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    renderErrorPage: async (req: FastifyRequest, status, _code, message) =>
      ErrorPage({ ...pageContext(req, await municipality()), status, message, requestId: req.id }),
  });
  await installStaticAssets(app);

  // ?lang=en|ja switches the language and remembers it.
  app.addHook('onRequest', async (req, reply) => {
    const lang = (req.query as Record<string, unknown> | undefined)?.lang;
    if (lang === 'en' || lang === 'ja') reply.header('set-cookie', `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`);
  });

  app.get('/api/docs', { config: { public: true }, schema: { hide: true } }, async (req, reply) =>
    html(reply, ApiDocs({ ...pageContext(req, await municipality()), doc: app.swagger() as unknown as OpenApiDoc })));

  const applications = applicationsDeps({ db, config: options.config, municipality, pageContext: async (req) => pageContext(req, await municipality()) });
  const certificates = certificatesDeps({ db, config: options.config, municipality, pageContext: async (req) => pageContext(req, await municipality()) });
  if (roles.includes('portal')) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (req, reply) => html(reply, PortalHome(pageContext(req, await municipality()))));
    installApplicationsPortal(app, applications);
    installCertificatesPortal(app, certificates);
    installCardPortal(app, { db, config: options.config, municipality, pageContext: async (req) => pageContext(req, await municipality()) });
    installCardApi(app, { db, config: options.config, municipality });
    installBenefitsPortal(app, benefitsDeps({ db, config: options.config, municipality, pageContext: async (req) => pageContext(req, await municipality()) }));
  }
  if (roles.includes('review')) installReviewRole(app, db, options.config);
  if (roles.includes('issuance')) installCertificatesIssuance(app, certificates);
  if (roles.includes('console')) {
    let master: MasterKey | undefined; // loaded on the first TOTP use, not at start-up
    installConsoleAuth(app, db, municipality, totpSecretBox(db, () => (master ??= loadMasterKey(options.config))));
    installAccountInventory(app, db, municipality);
    installAuditSearch(app, db, municipality);
    installSessionExtend(app);
    installSecuritySettings(app, db, municipality);
    installReviewBatch(app, { db, config: options.config, pageContext: async (req) => pageContext(req, await municipality()) });
    installReviewImport(app, { db, config: options.config, pageContext: async (req) => pageContext(req, await municipality()) });
    installApplicationsConsole(app, applications);
    installCertificatesConsole(app, certificates);
    installCardStaffConsole(app, { db, config: options.config, pageContext: async (req) => pageContext(req, await municipality()) });
    installCardProgressConsole(app, { db, config: options.config, pageContext: async (req) => pageContext(req, await municipality()) });
    installCardImageConsole(app, cardImageDeps({ db, config: options.config, pageContext: async (req) => pageContext(req, await municipality()) }));
    installBenefitsConsole(app, benefitsDeps({ db, config: options.config, municipality, pageContext: async (req) => pageContext(req, await municipality()) }));
    installGovernanceConsole(app, { db, config: options.config, pageContext: async (req) => pageContext(req, await municipality()) });
    app.get('/console', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => reply.redirect('/console/'));
    app.get('/console/', { config: { capability: 'console.use' }, schema: { hide: true } }, async (req, reply) =>
      html(reply, ConsoleHome({ ...pageContext(req, await municipality()), staff: currentStaff(req), backend: db.backend, roles: [...roles] })));
  }
  app.get('/api/v1/municipality', {
    config: { public: true },
    schema: {
      tags: ['platform'],
      summary: '提供団体の情報 / The municipality this deployment serves',
      response: {
        200: {
          type: 'object',
          required: ['code', 'nameJa', 'nameEn'],
          properties: { code: { type: 'string' }, nameJa: { type: 'string' }, nameEn: { type: 'string' }, prefectureJa: { type: 'string' } },
        },
      },
    },
  }, async (_req, reply) => {
    const m = await municipality();
    if (!m) return reply.callNotFound();
    return { code: m.code, nameJa: m.nameJa, nameEn: m.nameEn, prefectureJa: m.prefectureJa };
  });
  return { app, routes };
}
