// カード発送管理 (card.shipping.manage): the page (an audited read naming every card shown), the shipment and return
// posts (audited by their use cases, then back to the page saying what was done), and the day's labels and covering
// letters as PDFs (an audited export naming the cards printed). Everything is cut to the clerk's storage sites.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { isPlainDate, todayInJapan } from '../../../platform/text/index.ts';
import type { PageNotice } from '../../../platform/ui/notice.tsx';
import { listSites } from '../reservations/store.ts';
import type { CardStaffDeps } from '../staff/routes.ts';
import { sitesFor } from '../staff/scope.ts';
import { cardShippingOperations as ops } from './audit.ts';
import { SHIPPING_PATH, ShippingPage, ShippingRefusedPage } from './pages/shipping-page.tsx';
import { renderLabelsPdf, renderLettersPdf } from './pdf.ts';
import { isShipmentItem, isShipmentMethod } from './rules.ts';
import { recordReturn, shipCard } from './ship.ts';
import { cardsToShip, shipmentsOut, shipmentsSentOn } from './store.ts';

/** The most rows each list of the page shows. */
const LIST_LIMIT = 200;

const applicantId = { type: 'string', pattern: '^[0-9]{23}$' } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const sendBody = {
  type: 'object',
  required: ['applicantId', 'item', 'method', 'postalCode', 'sentOn'],
  properties: {
    csrf: { type: 'string', maxLength: 200 }, applicantId, rowVersion: { type: 'string', pattern: '^[0-9]{1,9}$' }, item: { type: 'string', maxLength: 20 },
    method: { type: 'string', maxLength: 30 }, postalCode: { type: 'string', maxLength: 20 }, trackingNumber: { type: 'string', maxLength: 60 }, sentOn: day,
    externalCharacters: { type: 'string', maxLength: 1 }, memo: { type: 'string', maxLength: 500 },
  },
} as const;
const returnBody = { type: 'object', required: ['applicantId', 'returnedOn', 'reason'], properties: { csrf: { type: 'string', maxLength: 200 }, applicantId, returnedOn: day, reason: { type: 'string', maxLength: 300 } } } as const;
const pageQuery = { type: 'object', properties: { done: { type: 'string', maxLength: 20 }, lang: { type: 'string', maxLength: 2 } } } as const;
const printQuery = { type: 'object', required: ['day'], properties: { day, lang: { type: 'string', maxLength: 2 } } } as const;

const doneNotices: Record<string, { ja: string; en: string }> = {
  sent: { ja: '発送を記録しました。', en: 'The shipment was recorded.' },
  returned: { ja: '返戻を記録しました。カードは保管に戻りました。', en: 'The return was recorded; the card is back in storage.' },
};

export function installShippingRoutes(app: FastifyInstance, deps: CardStaffDeps): void {
  const { db } = deps;
  const scopeOf = (req: FastifyRequest) => sitesFor(currentPrincipal(req), 'card.shipping.manage');
  const siteNames = async (mc: string) => new Map((await listSites(db.kysely, mc)).map((s) => [s.siteCode, { ja: s.nameJa, en: s.nameEn }]));

  const page = async (req: FastifyRequest, reply: FastifyReply, notice: PageNotice | undefined) => {
    const staff = currentStaff(req);
    const scope = scopeOf(req);
    const [ctx, toShip, out, names] = await Promise.all([
      deps.pageContext(req), cardsToShip(db.kysely, staff.municipalityCode, scope, LIST_LIMIT), shipmentsOut(db.kysely, staff.municipalityCode, scope, LIST_LIMIT),
      siteNames(staff.municipalityCode),
    ]);
    const shown = [...new Set([...toShip.map((c) => c.applicantId), ...out.map((s) => s.applicantId)])];
    auditSubjects(req, { subjects: shown.map((id) => subjectId('card', id)), detail: `to ship ${toShip.length}, in the post ${out.length}` });
    return html(reply, 200, ShippingPage({ ...ctx, csrf: staff.csrfToken, today: todayInJapan(), toShip, out, siteNames: names, notice }));
  };

  /** Runs a post's use case: back to the page saying it was done, or the refusal alone (no list: a post reads no personal data). */
  const act = async (req: FastifyRequest, reply: FastifyReply, done: string, action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      const ctx = await deps.pageContext(req);
      return html(reply, e.status, ShippingRefusedPage({ ...ctx, notice: { kind: 'error', text: e.localized(ctx.lang) } }));
    }
    return reply.redirect(`${SHIPPING_PATH}?done=${done}`, 303);
  };

  const audit = { capability: 'card.shipping.manage', personalData: true } as const;
  const change = { capability: 'card.shipping.manage' } as const;

  app.get(SHIPPING_PATH, { config: { ...audit, audit: ops['card.shipping.read'] }, schema: { hide: true, querystring: pageQuery } }, async (req, reply) => {
    const done = doneNotices[(req.query as { done?: string }).done ?? ''];
    const lang = (await deps.pageContext(req)).lang;
    return page(req, reply, done && { kind: 'done', text: t(lang, done.ja, done.en) });
  });

  app.post(`${SHIPPING_PATH}/send`, { config: change, schema: { hide: true, body: sendBody } }, async (req, reply) => {
    const staff = currentStaff(req);
    const b = req.body as { applicantId: string; rowVersion?: string; item: string; method: string; postalCode: string; trackingNumber?: string; sentOn: string; externalCharacters?: string; memo?: string };
    return act(req, reply, 'sent', () => {
      if (!isShipmentItem(b.item) || !isShipmentMethod(b.method) || !isPlainDate(b.sentOn)) throw new AppError('card_shipment_invalid');
      return shipCard(db, {
        municipalityCode: staff.municipalityCode, applicantId: b.applicantId, item: b.item, method: b.method, postalCode: b.postalCode, trackingNumber: b.trackingNumber,
        sentOn: b.sentOn, externalCharacters: b.externalCharacters === '1', memo: b.memo, rowVersion: b.rowVersion === undefined ? undefined : Number(b.rowVersion),
        scope: scopeOf(req),
      }, { actor: staffActor(staff), client: auditClient(req) });
    });
  });

  app.post(`${SHIPPING_PATH}/return`, { config: change, schema: { hide: true, body: returnBody } }, async (req, reply) => {
    const staff = currentStaff(req);
    const b = req.body as { applicantId: string; returnedOn: string; reason: string };
    return act(req, reply, 'returned', () => {
      if (!isPlainDate(b.returnedOn)) throw new AppError('card_shipment_not_out');
      return recordReturn(db, { municipalityCode: staff.municipalityCode, applicantId: b.applicantId, returnedOn: b.returnedOn, reason: b.reason, scope: scopeOf(req) },
        { actor: staffActor(staff), client: auditClient(req) });
    });
  });

  const printed = (kind: 'labels' | 'letters') => async (req: FastifyRequest, reply: FastifyReply) => {
    const staff = currentStaff(req);
    const { day: on } = req.query as { day: string };
    if (!isPlainDate(on)) throw new AppError('not_found');
    const [ctx, shipments, names] = await Promise.all([deps.pageContext(req), shipmentsSentOn(db.kysely, staff.municipalityCode, on, scopeOf(req)), siteNames(staff.municipalityCode)]);
    auditSubjects(req, { subjects: [...new Set(shipments.map((s) => subjectId('card', s.applicantId)))], detail: `${kind} ${on}: ${shipments.length}` });
    const pdf = kind === 'labels'
      ? await renderLabelsPdf({ municipalityName: ctx.municipalityName, day: on, shipments })
      : await renderLettersPdf({
        municipalityName: ctx.municipalityName, day: on, shipments, bookingUrl: new URL('/card/reserve', deps.config.publicUrl).toString(),
        siteNames: new Map([...names].map(([code, n]) => [code, n.ja])),
      });
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="card-${kind}-${on}.pdf"`).header('cache-control', 'no-store').send(pdf);
  };

  app.get(`${SHIPPING_PATH}/labels.pdf`, { config: { ...audit, audit: ops['card.shipping.print'] }, schema: { hide: true, querystring: printQuery } }, printed('labels'));
  app.get(`${SHIPPING_PATH}/letters.pdf`, { config: { ...audit, audit: ops['card.shipping.print'] }, schema: { hide: true, querystring: printQuery } }, printed('letters'));
}
