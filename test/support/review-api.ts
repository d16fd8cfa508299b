// The review API on a server of its own, with a stand-in for the matching: the tests of clients, limits and alerts
// choose each verdict by the name sent, so they need no extract.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { cliActor } from '../../src/platform/auth/audit.ts';
import type { Backend } from '../../src/platform/db/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { installReviewApi, type ApplicantFields, type MatchApplicant } from '../../src/modules/review/api.ts';
import { createReviewClientDirectory, type NewReviewClient, registerReviewClient } from '../../src/modules/review/clients.ts';
import type { NoMatchAlertPolicy } from '../../src/modules/review/domain/alert.ts';
import type { ReviewVerdict } from '../../src/modules/review/domain/verdict.ts';
import { type TestApp, testApp } from './app.ts';

export const city = '279994';

/** The stand-in's answers by name kana; any other name is no_match, and 'ダメ' is a value the matching cannot read. */
export const fakeVerdicts: Record<string, ReviewVerdict> = {
  ヤマダタロウ: { verdict: 'match', certificateIssuable: true, reasons: [] },
  ヤマダキヨウコ: { verdict: 'partial', certificateIssuable: false, reasons: ['kana_variant', 'postal_code_differs'] },
  スズキイチロウ: { verdict: 'multiple', certificateIssuable: null, reasons: [] },
};

export const fakeMatch: MatchApplicant = async (_municipalityCode, a: ApplicantFields) => {
  if (a.nameKana === 'ダメ') throw new AppError('validation_failed', { field: 'nameKana' });
  return fakeVerdicts[a.nameKana] ?? { verdict: 'no_match', certificateIssuable: null, reasons: [] };
};

/** A request body, with overrides. */
export function buildMatchRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { requestId: 'APP-2025-000123', nameKana: 'ヤマダタロウ', birthDate: '1980-04-01', postalCode: '650-0001', taxYear: 2024, ...overrides };
}

export interface ReviewApiWorld extends TestApp {
  /** Registers a client of the demo city; returns its id and token. */
  client(overrides?: Partial<NewReviewClient>): Promise<{ clientId: string; token: string }>;
  /** POSTs a body to the match route with a token (and inject options such as remoteAddress). */
  call(token: string | undefined, body?: Record<string, unknown>, extra?: Partial<InjectOptions>): Promise<LightMyRequestResponse>;
  /** The audit events of the review's operations, oldest first. */
  events(): Promise<Array<{ operation_code: string; outcome: string; user_id: string; user_name: string; detail: string; subjects: string[] }>>;
}

/** A server with only the review API (and the platform's routes) on a fresh database with the demo city. */
export async function reviewApiWorld(backend: Backend, options: { alertPolicy?: NoMatchAlertPolicy; cacheMs?: number; match?: MatchApplicant } = {}): Promise<ReviewApiWorld> {
  const t = await testApp(backend, []);
  installReviewApi(t.app, {
    db: t.db,
    match: options.match ?? fakeMatch,
    ...(options.alertPolicy ? { alertPolicy: options.alertPolicy } : {}),
    ...(options.cacheMs === undefined ? {} : { directory: createReviewClientDirectory(t.db, { ttlMs: options.cacheMs }) }),
  });
  return {
    ...t,
    client: (overrides = {}) => registerReviewClient(t.db, { municipalityCode: city, name: 'スマート申請 審査サーバー', ...overrides }, cliActor),
    call: (token, body = buildMatchRequest(), extra = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/review/match',
        headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(extra.headers ?? {}) },
        payload: JSON.stringify(body),
        ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
      }),
    events: async () =>
      (await sql<{ operation_code: string; outcome: string; user_id: string; user_name: string; detail: string; subjects: string[] }>`
        select operation_code, outcome, user_id, user_name, detail, subjects from audit_event
        where operation_code like 'review.%' order by seq`.execute(t.db.kysely)).rows,
  };
}
