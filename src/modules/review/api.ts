// POST /api/v1/review/match (審査アシスト照会, seed 000 flow ③④): the online application system's review server asks
// about one applicant and gets a verdict — never a name, a date, an address or a number from the extract. The guard
// knows the client by its bearer token; this route then checks that it may call now, answers, and counts the answer
// towards the no_match alert. Every call is an audit event naming the client and the caller's request id.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiClientPrincipal } from '../../platform/access/can.ts';
import { registerApiClientAuthenticator } from '../../platform/access/guard.ts';
import { auditSubjects, subjectId } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { defaultNoMatchAlertPolicy, type NoMatchAlertPolicy } from './domain/alert.ts';
import { REASON_CODES, type ReviewVerdict, VERDICTS } from './domain/verdict.ts';
import { reviewClientOperations as ops } from './clients-audit.ts';
import { createReviewClientDirectory, type ReviewClient, type ReviewClientDirectory } from './clients.ts';
import { reviewIndexers } from './indexer.ts';
import { matchApplicant } from './match.ts';
import { createReviewMonitor } from './monitor.ts';
import { errorShape } from '../../platform/http/error-schema.ts';

/** One applicant as the API receives it (the request id aside). */
export interface ApplicantFields {
  nameKana: string;
  birthDate: string;
  postalCode: string;
  taxYear?: number;
}

/** The verdict on one applicant in a municipality's extract; throws AppError('validation_failed') on a value it cannot read. */
export type MatchApplicant = (municipalityCode: string, applicant: ApplicantFields) => Promise<ReviewVerdict>;

export interface ReviewApiOptions {
  db: Db;
  match: MatchApplicant;
  /** When a client's no_match answers count as a burst (default: > 50 % of ≥ 100 calls in 5 minutes). */
  alertPolicy?: NoMatchAlertPolicy;
  /** Replaces the default directory (rows believed for 5 s), e.g. with another cache time. */
  directory?: ReviewClientDirectory;
}

interface MatchBody extends ApplicantFields {
  requestId: string;
}

/** The caller's request id: what its own system calls the application; an internal id, so it may name the audit event. */
export const requestIdPattern = '^[A-Za-z0-9._:-]{1,64}$';

const schema = {
  tags: ['review'],
  summary: '審査アシスト照会: 申請者1名の照合結果 / Review assist: the verdict on one applicant',
  description:
    'Authorization: Bearer <token> of a registered client. The answer holds the verdict only (match, partial, multiple, ' +
    'no_match), whether the certificate for taxYear can be issued, and reason codes: never a field of the extract.',
  security: [{ bearerAuth: [] }],
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['requestId', 'nameKana', 'birthDate', 'postalCode'],
    properties: {
      requestId: { type: 'string', pattern: requestIdPattern, description: "the caller's id of the application (1–64 of A–Z a–z 0–9 . _ : -)" },
      nameKana: { type: 'string', minLength: 1, maxLength: 100, description: '氏名カナ (full- or half-width katakana or hiragana)' },
      birthDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '生年月日 YYYY-MM-DD' },
      postalCode: { type: 'string', minLength: 1, maxLength: 10, description: '郵便番号, with or without hyphen' },
      taxYear: { type: 'integer', minimum: 1900, maximum: 9999, description: '課税年度 of the certificate applied for' },
    },
  },
  response: {
    200: {
      description: '照合結果 / the verdict',
      type: 'object',
      additionalProperties: false,
      required: ['requestId', 'verdict', 'certificateIssuable', 'reasons'],
      properties: {
        requestId: { type: 'string' },
        verdict: { type: 'string', enum: [...VERDICTS] },
        certificateIssuable: { type: 'boolean', nullable: true },
        reasons: { type: 'array', items: { type: 'string', enum: [...REASON_CODES] } },
      },
    },
    400: { description: 'invalid input (validation_failed, invalid_text)', ...errorShape },
    401: { description: 'no token, or not a live one (invalid_api_token)', ...errorShape },
    403: { description: 'suspended client, address outside its networks, or a staff session', ...errorShape },
    429: { description: 'over the client\'s calls per minute; see Retry-After', ...errorShape },
    503: { description: 'no extract has been imported yet (review_extract_missing), or the database is unavailable: the review cannot answer, which is not a no_match', ...errorShape },
  },
} as const;

/** 処理内容 of an answered call: the verdict in codes, nothing the caller sent. */
export function describeVerdict(v: ReviewVerdict): string {
  return `verdict ${v.verdict}, certificateIssuable ${String(v.certificateIssuable)}, reasons ${v.reasons.join(' ') || '-'}`;
}

const principalOf = (c: ReviewClient): ApiClientPrincipal => ({ kind: 'api_client', clientKind: 'review', municipalityCode: c.municipalityCode, clientId: c.clientId, name: c.name });

/** Registers the review API and the authentication of its clients on a server running the review role. */
export function installReviewApi(app: FastifyInstance, options: ReviewApiOptions): void {
  const { db, match } = options;
  const policy = options.alertPolicy ?? defaultNoMatchAlertPolicy;
  const directory = options.directory ?? createReviewClientDirectory(db);
  const monitor = createReviewMonitor({ db, directory, registry: app.metrics, policy, log: app.log });
  const clients = new WeakMap<FastifyRequest, ReviewClient>();
  const clientOf = (req: FastifyRequest): ReviewClient => {
    const client = clients.get(req);
    if (!client) throw new AppError('invalid_api_token'); // the guard admits no call here without one
    return client;
  };

  registerApiClientAuthenticator(app, 'review', async (token, req) => {
    try {
      const client = await directory.authenticate(token);
      clients.set(req, client);
      return principalOf(client);
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid_api_token') monitor.refused('invalid_token');
      throw e;
    }
  });

  app.post('/api/v1/review/match', {
    config: { apiClient: 'review', audit: ops['review.match'] },
    schema,
    // Every call is already an audit event (client, address, request id, outcome, verdict, times); the two access-log
    // lines per call at info would say it again at about half a millisecond of CPU each call, a third of the budget at
    // 1,000 calls a second. Warnings and errors (a failed alert, a 500) are still logged.
    logLevel: 'warn',
    // After the guard knew the client: may it call now? Refused before the body is read, and logged.
    onRequest: async (req, reply) => {
      const refusal = monitor.admit(clientOf(req), req.ip);
      if (!refusal) return;
      auditSubjects(req, { subjects: [], detail: refusal.detail, outcome: 'denied' });
      if (refusal.retryAfterSeconds !== undefined) reply.header('retry-after', String(refusal.retryAfterSeconds));
      throw refusal.error;
    },
    onError: async (req, _reply, err: FastifyError | AppError) => {
      if (req.auditNote?.detail) return;
      const code = err instanceof AppError ? err.code : err.validation ? 'validation_failed' : `HTTP ${err.statusCode ?? 500}`;
      auditSubjects(req, { subjects: [], detail: `refused: ${code}` });
    },
  }, async (req) => {
    const client = clientOf(req);
    const { requestId, nameKana, birthDate, postalCode, taxYear } = req.body as MatchBody;
    auditSubjects(req, { subjects: [subjectId('review_request', requestId)] });
    const result = await match(client.municipalityCode, { nameKana, birthDate, postalCode, ...(taxYear === undefined ? {} : { taxYear }) });
    auditSubjects(req, { subjects: [], detail: describeVerdict(result) });
    await monitor.answered(client, result.verdict);
    return { requestId, verdict: result.verdict, certificateIssuable: result.certificateIssuable, reasons: [...result.reasons] };
  });
}

/**
 * The review role's API with the real matching. Each municipality's indexer is built on its first call and kept; the
 * master key is loaded then too, not at start-up, so a server without the review's keys still starts.
 */
export function installReviewRole(app: FastifyInstance, db: Db, config: Config): void {
  const indexerOf = reviewIndexers(db, config);
  installReviewApi(app, {
    db,
    match: async (municipalityCode, applicant) => matchApplicant(db, await indexerOf(municipalityCode), municipalityCode, applicant),
    alertPolicy: config.reviewNoMatchAlert,
  });
}
