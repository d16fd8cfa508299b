// What the console routes of letters, replies and decisions share: the programme a request names, the schemas of
// their addresses and forms, and the page that says why an action was refused, with the way back.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentStaff } from '../../../platform/access/guard.ts';
import { type AuditActor, type AuditClient, auditClient, staffActor } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError, errorMessage } from '../../../platform/errors.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import type { LedgerStep } from '../domain/ledger-state.ts';
import { backTo, comeBack } from './paths.ts';
import { html } from '../../../platform/http/html.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/notice.tsx';
import type { BenefitsDeps } from '../console/deps.ts';
import { defaultProgrammeId, findLedgerProgramme } from '../programmes.ts';

/** The programme a request names (the default when none), with its names; an unknown one is a 404. */
export function programmeOf(id: string | undefined): { id: string; ja: string; en: string } {
  const found = findLedgerProgramme(id || defaultProgrammeId);
  if (!found) throw new AppError('not_found');
  return { id: found.id, ...found.programme.names };
}

export const lang = { type: 'string', maxLength: 2 } as const;
export const programmeQuery = { type: 'object', properties: { programme: { type: 'string', maxLength: 40 }, back: { type: 'string', maxLength: 300 }, lang } } as const;
export const residentParams = { type: 'object', required: ['residentNumber'], properties: { residentNumber: { type: 'string', pattern: '^[0-9]{1,15}$' } } } as const;
export const letterParams = {
  type: 'object', required: ['residentNumber', 'letterNumber'],
  properties: { residentNumber: { type: 'string', pattern: '^[0-9]{1,15}$' }, letterNumber: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' } },
} as const;
/** A console form: the CSRF token, the programme, the way back, and its own fields. */
export const formBody = {
  type: 'object',
  properties: { csrf: { type: 'string', maxLength: 200 }, programme: { type: 'string', maxLength: 40 }, back: { type: 'string', maxLength: 300 } },
  additionalProperties: { type: 'string', maxLength: 200 },
} as const;

/** The refusal of a benefits rule (its words in the page's language) with the way back; other errors go on up. */
export async function refused(deps: BenefitsDeps, req: FastifyRequest, reply: FastifyReply, e: unknown, back: string): Promise<FastifyReply> {
  if (!(e instanceof AppError) || !e.code.startsWith('benefits_')) throw e;
  const ctx = await deps.pageContext(req);
  const title = t(ctx.lang, '手続きできませんでした', 'The step was not taken');
  return html(reply, e.status, (
    <ConsoleLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={{ kind: 'error', text: errorMessage(e.code, ctx.lang, e.details) }} />
      <p><a href={back} safe>{t(ctx.lang, '← 戻る', '← Back')}</a></p>
    </ConsoleLayout>
  ));
}

/** What one person's step from the case page acts with. */
export interface PersonStepScope {
  db: Db;
  municipalityCode: string;
  programmeId: string;
  residentNumber: string;
  /** Today in Japan: the day of sending or of the decision. */
  today: string;
  actor: AuditActor;
  client: AuditClient;
}

/** One person's step from a case page's form: `act`, then back to the page with done=step, or the refusal page. */
export async function personStep(deps: BenefitsDeps, req: FastifyRequest, reply: FastifyReply, step: LedgerStep, act: (s: PersonStepScope) => Promise<unknown>): Promise<FastifyReply> {
  const staff = currentStaff(req);
  const { residentNumber } = req.params as { residentNumber: string };
  const body = req.body as { programme?: string; back?: string };
  const programme = programmeOf(body.programme);
  const back = backTo(body.back, residentNumber, programme.id);
  try {
    await act({ db: deps.db, municipalityCode: staff.municipalityCode, programmeId: programme.id, residentNumber, today: todayInJapan(), actor: staffActor(staff), client: auditClient(req) });
  } catch (e) {
    return refused(deps, req, reply, e, back);
  }
  return comeBack(reply, back, step);
}
