// POST /console/card/arrivals/list (multipart, card.issuance.manage): J-LIS's delivery list as a file, read whole and
// recorded by recordArrivals in one transaction within the clerk's site scope (audited there as card.issuance.arrival),
// answered on the arrivals page line by line (200 even when some lines are refused: what arrived is recorded). A file that is empty, too large or too long is refused before anything
// is recorded.
import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentPrincipal, currentStaff } from '../../../../platform/access/guard.ts';
import { auditClient, staffActor } from '../../../../platform/audit/index.ts';
import { acceptFileUploads, UploadedFile } from '../../../../platform/http/file-upload.ts';
import { html } from '../../../../platform/http/html.ts';
import { sitesFor } from '../../staff/scope.ts';
import type { CardStaffDeps } from '../../staff/routes.ts';
import { maxArrivalList, recordArrivals } from '../arrival.ts';
import { readDeliveryList } from './delivery-list.ts';
import type { DeliveryListAnswer } from './pages/delivery-list-section.tsx';
import { ARRIVAL_LIST_PATH } from './paths.ts';

/** The largest list file taken: 5,000 lines of a few hundred bytes. */
export const deliveryListMaxBytes = 4 * 1024 * 1024;

/** The arrivals page with the list's answer (the arrival routes supply it). */
export type ArrivalListRender = (req: FastifyRequest, answer: DeliveryListAnswer) => Promise<string>;

export function installArrivalListRoute(app: FastifyInstance, deps: CardStaffDeps, render: ArrivalListRender): void {
  app.register(async (scope) => {
    await acceptFileUploads(scope, { fileFields: ['file'], textFields: 2, maxBytes: deliveryListMaxBytes, folderName: 'card-arrivals' });

    scope.post(ARRIVAL_LIST_PATH, { config: { capability: 'card.issuance.manage' }, schema: { hide: true } }, async (req, reply) => {
      const staff = currentStaff(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const upload = body.file instanceof UploadedFile ? body.file : undefined;
      const refuse = (status: number, ja: string, en: string) => html(reply, status, render(req, { kind: 'refused', ja, en }));
      if (!upload || upload.bytes === 0) return refuse(400, '交付一覧のファイルを選んでください。', 'Choose the delivery list file.');
      if (upload.truncated) return refuse(413, `ファイルが大きすぎます（${deliveryListMaxBytes / 1024 / 1024} MB まで）。`, `The file is too large (at most ${deliveryListMaxBytes / 1024 / 1024} MB).`);
      let entries;
      try {
        entries = readDeliveryList(await fs.promises.readFile(upload.path));
      } catch {
        return refuse(422, 'CSVとして読み取れません。', 'The file cannot be read as CSV.');
      }
      if (entries.length === 0) return refuse(422, '申請書IDが1件もありません。', 'The file holds no application ID.');
      if (entries.length > maxArrivalList) return refuse(422, `1回に読み込めるのは${maxArrivalList}件までです。`, `At most ${maxArrivalList} IDs at a time.`);
      const results = await recordArrivals(deps.db, staff.municipalityCode, entries.map((e) => e.raw), { actor: staffActor(staff), client: auditClient(req) }, {
        scope: sitesFor(currentPrincipal(req), 'card.issuance.manage'),
      });
      return html(reply, 200, render(req, { kind: 'read', lines: entries.map((e) => e.line), results }));
    });
  });
}
