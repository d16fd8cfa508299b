// What this server process watches of each API client: whether it may call now (suspension, its networks, its rate
// limit) and what its answers add up to (the no_match alert). The counts live in memory, per process: with several
// review servers behind a load balancer each enforces the limit on its own share, so a client may make up to
// N × its limit per minute in all, and each server judges bursts on the calls it saw.
import type { FastifyBaseLogger } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { appendAudit, subjectId, systemActor } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { type AnswerWindow, type BurstCheck, describeBurst, newAnswerWindow, type NoMatchAlertPolicy, recordAnswer } from './domain/alert.ts';
import { admitCall, type CallLog, newCallLog, retryAfterSeconds } from './domain/rate-limit.ts';
import type { Verdict } from './domain/verdict.ts';
import { reviewClientOperations as ops } from './clients-audit.ts';
import { applySuspensionChange, type ReviewClient, type ReviewClientDirectory } from './clients.ts';
import { touchReviewClient } from './clients-store.ts';

/** Why a call was refused before it was answered; the label of madoguchi_review_refusals_total. */
export type RefusalReason = 'invalid_token' | 'suspended' | 'network' | 'rate_limited';

/** A refused call: the error to answer with and what its audit event says. */
export interface Refusal {
  error: AppError;
  reason: RefusalReason;
  /** Seconds for the Retry-After header of a 429. */
  retryAfterSeconds?: number;
  /** 処理内容 of the refused call's audit event. */
  detail: string;
}

export interface ReviewMonitor {
  /** Whether the client may call now from `ip`; records the call against its rate limit when it may. */
  admit(client: ReviewClient, ip: string): Refusal | undefined;
  /** Counts a refusal of a caller not yet known as a client (a bad token). */
  refused(reason: RefusalReason): void;
  /** Counts an answer; raises the no_match alert (and suspends the client if so set) when it starts a burst. */
  answered(client: ReviewClient, verdict: Verdict): Promise<void>;
}

/** Audit events of the alert name this as their actor: the process watching, not a person. */
export const monitorActor = systemActor('review_monitor');
const touchEveryMs = 60_000;

/** A monitor for one server process, with its counters on the server's registry. */
export function createReviewMonitor(options: {
  db: Db;
  directory: ReviewClientDirectory;
  registry: Registry;
  policy: NoMatchAlertPolicy;
  log: FastifyBaseLogger;
  now?: () => number;
}): ReviewMonitor {
  const { db, directory, policy, log } = options;
  const now = options.now ?? Date.now;
  const verdicts = new Counter({ name: 'madoguchi_review_verdicts_total', help: 'Review answers by verdict', labelNames: ['verdict'] as const, registers: [options.registry] });
  const refusals = new Counter({ name: 'madoguchi_review_refusals_total', help: 'Review API calls refused before an answer, by reason', labelNames: ['reason'] as const, registers: [options.registry] });
  const alerts = new Counter({ name: 'madoguchi_review_no_match_alerts_total', help: 'Bursts of no_match answers from one client (review.alert.no_match_burst)', labelNames: ['client_id'] as const, registers: [options.registry] });

  const calls = new Map<string, CallLog>();
  const windows = new Map<string, AnswerWindow>();
  const touched = new Map<string, number>();
  const keyOf = (c: ReviewClient) => `${c.municipalityCode}.${c.clientId}`;

  const refuse = (r: Refusal): Refusal => {
    refusals.inc({ reason: r.reason });
    return r;
  };

  /** last_used_at, at most once a minute per client; a failure to record it must not fail the call. */
  const touch = (client: ReviewClient, at: number) => {
    const key = keyOf(client);
    if (at - (touched.get(key) ?? -Infinity) < touchEveryMs) return;
    touched.set(key, at);
    touchReviewClient(db, client.municipalityCode, client.clientId, new Date(at)).catch((err: unknown) => log.warn({ err, clientId: client.clientId }, 'could not record last_used_at'));
  };

  const raise = async (client: ReviewClient, check: BurstCheck) => {
    alerts.inc({ client_id: client.clientId });
    const burst = describeBurst(policy, check);
    const suspend = client.suspendOnAlert && !client.suspended;
    log.warn({ clientId: client.clientId, calls: check.calls, noMatch: check.noMatch, suspend }, 'review no_match burst');
    await db.transaction(async (tx) => {
      const subjects = [subjectId('review_client', client.clientId)];
      await appendAudit(tx, {
        municipalityCode: client.municipalityCode,
        operation: ops['review.alert.no_match_burst'],
        actor: monitorActor,
        subjects,
        detail: `${burst}${suspend ? '; client suspended' : ''}`,
      });
      if (suspend) {
        const change = { municipalityCode: client.municipalityCode, clientId: client.clientId, suspend: true, reason: `no_match burst: ${burst}` };
        await applySuspensionChange(tx, change, monitorActor, { by: 'review_server' });
      }
    });
    if (suspend) directory.forget(client.municipalityCode, client.clientId);
  };

  return {
    admit(client, ip) {
      if (client.suspended) {
        return refuse({ error: new AppError('api_client_suspended'), reason: 'suspended', detail: `refused: suspended since ${client.suspended.at.toISOString()}` });
      }
      if (!client.admits(ip)) return refuse({ error: new AppError('api_client_network_refused'), reason: 'network', detail: 'refused: address outside the client\'s networks' });
      const at = now();
      const key = keyOf(client);
      let callLog = calls.get(key);
      // A changed limit starts a new log: the client gets the new limit at once, with a clean minute.
      if (callLog?.limit !== client.ratePerMinute) calls.set(key, (callLog = newCallLog(client.ratePerMinute)));
      const admission = admitCall(callLog, at);
      if (!admission.admitted) {
        const seconds = retryAfterSeconds(admission.retryAfterMs);
        return refuse({
          error: new AppError('rate_limited', { retryAfterSeconds: seconds }),
          reason: 'rate_limited',
          retryAfterSeconds: seconds,
          detail: `refused: over ${client.ratePerMinute} calls per minute`,
        });
      }
      touch(client, at);
      return undefined;
    },

    refused(reason) {
      refusals.inc({ reason });
    },

    async answered(client, verdict) {
      verdicts.inc({ verdict });
      const key = keyOf(client);
      let window = windows.get(key);
      if (!window) windows.set(key, (window = newAnswerWindow()));
      const check = recordAnswer(window, policy, now(), verdict === 'no_match');
      if (!check.raise) return;
      // The call that raised the alert is still answered: it was admitted, and its answer is already decided.
      await raise(client, check).catch((err: unknown) => log.error({ err, clientId: client.clientId }, 'could not record the no_match alert'));
    },
  };
}
