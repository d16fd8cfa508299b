// カード到着の読取 (seed ⑨(エ)): the scanning page and the form each barcode posts. A scan is recorded (and audited) by
// recordArrivals within the clerk's site scope; the page answers ✓ or ✗ at once with the count so far. The answer is
// rendered, not redirected to, so that no applicant ID ever sits in an address or a log line. The delivery list may
// also come as a file (console/arrival-list-routes.ts), answered on the same page line by line.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, staffActor } from '../../../platform/audit/index.ts';
import { html } from '../../../platform/http/html.ts';
import { listSites } from '../reservations/store.ts';
import { sitesFor } from '../staff/scope.ts';
import type { CardStaffDeps } from '../staff/routes.ts';
import { recordArrivals } from './arrival.ts';
import { installArrivalListRoute } from './console/arrival-list-routes.ts';
import { ARRIVALS_PATH, ArrivalPage, type ArrivalPageProps, type ArrivalTally } from './pages/arrival-page.tsx';

const count = { type: 'string', pattern: '^[0-9]{1,6}$' } as const;
const scanBody = {
  type: 'object',
  required: ['id'],
  properties: { csrf: { type: 'string', maxLength: 200 }, id: { type: 'string', maxLength: 100 }, arrived: count, refused: count },
} as const;

export function installArrivalRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;

  const pageProps = async (req: FastifyRequest, tally: ArrivalTally): Promise<ArrivalPageProps> => {
    const staff = currentStaff(req);
    const [ctx, sites] = await Promise.all([deps.pageContext(req), listSites(db.kysely, staff.municipalityCode)]);
    return { ...ctx, csrf: staff.csrfToken, tally, siteNames: new Map(sites.map((s) => [s.siteCode, { ja: s.nameJa, en: s.nameEn }])) };
  };

  app.get(ARRIVALS_PATH, {
    config: { capability: 'card.issuance.manage' },
    schema: { hide: true, querystring: { type: 'object', properties: { lang: { type: 'string', maxLength: 2 } } } },
  }, async (req, reply) => html(reply, 200, ArrivalPage(await pageProps(req, { arrived: 0, refused: 0 }))));

  app.post(ARRIVALS_PATH, {
    config: { capability: 'card.issuance.manage' },
    schema: { hide: true, body: scanBody },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const body = req.body as { id: string; arrived?: string; refused?: string };
    const scope = sitesFor(currentPrincipal(req), 'card.issuance.manage');
    const [last] = await recordArrivals(db, staff.municipalityCode, [body.id], { actor: staffActor(staff), client: auditClient(req) }, { scope });
    const ok = last?.result === 'arrived';
    const tally = { arrived: Number(body.arrived ?? 0) + (ok ? 1 : 0), refused: Number(body.refused ?? 0) + (ok ? 0 : 1) };
    return html(reply, ok ? 200 : 422, ArrivalPage({ ...(await pageProps(req, tally)), last }));
  });

  installArrivalListRoute(app, deps, async (req, list) => ArrivalPage({ ...(await pageProps(req, { arrived: 0, refused: 0 })), list }));
}
