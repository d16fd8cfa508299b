// POST /api/v1/kiosk/certificates: コンビニ交付 (seed 004). The issuance center (証明書交付センター) relays a kiosk's
// request — the serial number of the resident's 利用者証明用電子証明書, the certificate type, fiscal year and copies —
// and gets the PDF, or a refusal with a reason code. No public specification of that interface exists: this is our
// design, documented in the README (Kiosk API).
//
// Idempotent by requestId per client: a retried request gets the same certificate (same number, same issue date,
// drawn again, since no copy is kept), a refusal the same refusal; the same id with another body is refused.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { registerApiClientAuthenticator } from '../../../platform/access/guard.ts';
import type { ApiClientPrincipal } from '../../../platform/access/can.ts';
import { apiClientActor, auditClient } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import type { CertificatesDeps } from '../deps.ts';
import { sendCertificatePdf } from '../issuance/pdf-reply.ts';
import { kioskFiscalYear } from '../domain/kiosk-year.ts';
import { type CertificateType, refusalMessages, type RefusalReason } from '../domain/tax-record.ts';
import { issueCertificate, redrawIssued } from '../issuance/issue.ts';
import { findKioskRequest, insertKioskRequest, type KioskRequestRow } from '../issuance/store.ts';
import { residentBySerial } from '../tax/store.ts';
import { authenticateKioskClient } from './clients.ts';
import { errorShape } from '../../../platform/http/error-schema.ts';

interface KioskBody {
  requestId: string;
  serialNumber: string;
  certificateType: CertificateType;
  fiscalYear: number;
  copies: number;
}

const schema = {
  tags: ['kiosk'],
  summary: 'コンビニ交付: 税証明書1通の交付 / Kiosk issuance of one tax certificate',
  description:
    'Authorization: Bearer <token> of a registered kiosk client, from an allowed address. 200 answers application/pdf ' +
    'with X-Certificate-Number and X-Fee-Yen; 422 certificate_refused carries details.reason (moved_out, deceased, ' +
    'support_measure, unprintable, moved_in_today, no_record, not_filed, not_applicable, unknown_person, ' +
    'year_not_offered). The same requestId again returns the same certificate (Idempotent-Replayed: true). The PDF is not kept.',
  security: [{ bearerAuth: [] }],
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['requestId', 'serialNumber', 'certificateType', 'fiscalYear', 'copies'],
    properties: {
      requestId: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,100}$', description: "the issuance center's id of this request" },
      serialNumber: { type: 'string', pattern: '^[A-Za-z0-9]{1,40}$', description: '利用者証明用電子証明書のシリアル番号 (1–40 alphanumerics)' },
      certificateType: { type: 'string', enum: ['taxation', 'non_taxation', 'income'], description: '課税証明書 / 非課税証明書 / 所得証明書' },
      fiscalYear: { type: 'integer', minimum: 2000, maximum: 2100, description: '課税年度 (2026 = 令和8年度)' },
      copies: { type: 'integer', minimum: 1, maximum: 10, description: '交付部数' },
    },
  },
  response: {
    200: { description: 'the certificate (application/pdf)', type: 'string', format: 'binary' },
    400: { description: 'invalid input (validation_failed)', ...errorShape },
    401: { description: 'no token, or not a live one (invalid_api_token)', ...errorShape },
    403: { description: 'suspended client or address outside its networks', ...errorShape },
    422: { description: 'certificate_refused (details.reason), or idempotency_key_reused', ...errorShape },
  },
} as const;

const sameRequest = (a: KioskRequestRow, b: KioskBody) => a.certificateType === b.certificateType && a.fiscalYear === b.fiscalYear && a.copies === b.copies;

function refuse(reason: string): never {
  const known = reason in refusalMessages ? refusalMessages[reason as RefusalReason] : undefined;
  throw new AppError('certificate_refused', { reason, ...(known ? { message: known } : {}) });
}

/** Registers the kiosk API and the authentication of its clients on a server running the issuance role. */
export function installKioskApi(app: FastifyInstance, deps: CertificatesDeps): void {
  registerApiClientAuthenticator(app, 'kiosk', (token, req) => authenticateKioskClient(deps.db, token, req));

  const sendPdf = (reply: FastifyReply, c: { certificateNumber: string; feeYen: number; pdf: Buffer }, replayed: boolean) => {
    reply.header('x-fee-yen', String(c.feeYen));
    if (replayed) reply.header('idempotent-replayed', 'true');
    return sendCertificatePdf(reply, c.certificateNumber, c.pdf, 'attachment');
  };

  /** The first answer to a request id, given again. */
  const replay = async (reply: FastifyReply, client: ApiClientPrincipal, first: KioskRequestRow, body: KioskBody) => {
    if (!sameRequest(first, body)) throw new AppError('idempotency_key_reused');
    if (first.outcome === 'refused' || !first.certificateNumber) refuse(first.refusalReason ?? 'no_record');
    const { issued, pdf } = await redrawIssued(deps, client.municipalityCode, first.certificateNumber);
    return sendPdf(reply, { certificateNumber: issued.certificateNumber, feeYen: issued.feeYen, pdf }, true);
  };

  app.post('/api/v1/kiosk/certificates', { config: { apiClient: 'kiosk' }, schema }, async (req: FastifyRequest, reply) => {
    const client = req.principal as ApiClientPrincipal;
    const body = req.body as KioskBody;
    const mc = client.municipalityCode;
    const key = { municipalityCode: mc, clientId: client.clientId, requestId: body.requestId, receivedOn: todayInJapan() };
    const first = await findKioskRequest(deps.db.kysely, mc, client.clientId, body.requestId);
    if (first) return replay(reply, client, first, body);

    const asked: Omit<KioskRequestRow, 'outcome' | 'refusalReason' | 'certificateNumber'> = { certificateType: body.certificateType, fiscalYear: body.fiscalYear, copies: body.copies };
    const refused = async (reason: RefusalReason) => {
      const recorded = await deps.db.transaction((tx) => insertKioskRequest(tx, key, { ...asked, outcome: 'refused', refusalReason: reason, certificateNumber: null }));
      if (!recorded) return replay(reply, client, (await findKioskRequest(deps.db.kysely, mc, client.clientId, body.requestId))!, body);
      refuse(reason);
    };

    const settings = await deps.settings(mc);
    if (body.fiscalYear !== kioskFiscalYear(key.receivedOn, settings.kioskYearSwitch)) return refused('year_not_offered');
    const residentNumber = await residentBySerial(deps.db.kysely, mc, body.serialNumber);
    if (!residentNumber) return refused('unknown_person');

    let lostRace = false;
    const outcome = await issueCertificate(deps, {
      municipalityCode: mc,
      residentNumber,
      type: body.certificateType,
      fiscalYear: body.fiscalYear,
      copies: body.copies,
      channel: 'kiosk',
      issuedBy: `kiosk:${client.clientId}`,
      actor: apiClientActor(client),
      client: auditClient(req),
    }, async (tx, certificateNumber) => {
      // A retry that arrived while this one ran recorded first: give up this certificate (the transaction rolls back).
      if (!(await insertKioskRequest(tx, key, { ...asked, outcome: 'issued', refusalReason: null, certificateNumber }))) {
        lostRace = true;
        throw new AppError('idempotency_in_progress');
      }
    }).catch((e: unknown) => {
      if (lostRace) return undefined;
      throw e;
    });
    if (outcome === undefined) return replay(reply, client, (await findKioskRequest(deps.db.kysely, mc, client.clientId, body.requestId))!, body);
    if (!outcome.issued) return refused(outcome.reason);
    return sendPdf(reply, outcome, false);
  });
}
