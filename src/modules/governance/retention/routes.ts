// The retention pages and their two actions:
//   GET  /console/governance/retention                          what is due per source, the batches (audited read)
//   POST /console/governance/retention/propose                  proposes the due records now (by this person)
//   GET  /console/governance/retention/batches/:id              one batch and its first records (audited read)
//   GET  /console/governance/retention/batches/:id/records.csv  every record of the batch (audited export)
//   POST /console/governance/retention/batches/:id/approve      approves and disposes (scheduler.ts)
//   GET  /console/governance/retention/batches/:id/certificate.pdf   消去証明書 (audited export)
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/access/can.ts';
import { currentPrincipal, currentStaff } from '../../../platform/access/guard.ts';
import { auditClient, auditSubjects, staffActor, subjectId } from '../../../platform/audit/index.ts';
import type { CsvEncoding } from '../../../platform/csv/index.ts';
import type { Lang } from '../../../platform/errors.ts';
import { html } from '../../../platform/http/html.ts';
import type { PageNotice } from '../../../platform/ui/notice.tsx';
import { t } from '../../../platform/http/language.ts';
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { registerFiles } from '../register/files.ts';
import type { GovernanceDeps } from '../register/routes.ts';
import { retentionOperations as ops } from './audit.ts';
import { CERTIFICATE_COUNT_LINES, CERTIFICATE_LIST_LIMIT, renderDisposalCertificate, certificateFacts, type CertificateInput, countText } from './certificate.ts';
import { writeBatchCsv } from './csv.ts';
import { batchStanding } from './domain/approval.ts';
import { BATCH_PAGE_ITEMS, type BatchRow, type OtherRow, RETENTION_PATH, RetentionBatchPage, RetentionPage, type SourceRow } from './page.tsx';
import { type ApprovalResult, approveBatch, dueStanding, proposeDue } from './scheduler.ts';
import { findRetentionSource, otherDisposals, retentionSources } from './sources.ts';
import { batchItemCounts, batchItems, findBatch, listBatches, type RetentionBatch } from './store.ts';

const langQuery = { type: 'object', properties: { lang: { type: 'string', maxLength: 2 } } } as const;
const csvQuery = { type: 'object', properties: { ...langQuery.properties, encoding: { type: 'string', enum: ['utf8', 'sjis'] } } } as const;
const batchParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const csrfBody = { type: 'object', properties: { csrf: { type: 'string', maxLength: 200 } } } as const;

const fileTitle = (fileId: string) => registerFiles.find((f) => f.file.fileId === fileId)?.file.title ?? { ja: fileId, en: fileId };
const others: readonly OtherRow[] = otherDisposals.map((o) => ({ ...o, fileTitle: fileTitle(o.fileId) }));
const unknownSource = (id: string): Pick<RetentionSource, 'title' | 'rule' | 'method'> => ({ title: { ja: id, en: id }, rule: { ja: '—', en: '—' }, method: { ja: '—', en: '—' } });

const refusals: Record<Extract<ApprovalResult, { refused: string }>['refused'], { status: number; ja: string; en: string }> = {
  not_found: { status: 404, ja: 'このバッチはありません。', en: 'There is no such batch.' },
  already_disposed: { status: 409, ja: 'このバッチは既に承認され、消去されています。', en: 'This batch has already been approved and disposed of.' },
  own_proposal: { status: 409, ja: '自分が抽出したバッチは承認できません。別の承認者が承認してください。', en: 'You proposed this batch, so another approver must approve it.' },
  unknown_source: { status: 409, ja: 'このバッチの対象は現在登録されていないため、消去できません。', en: 'The records of this batch belong to no registered source, so they cannot be disposed of.' },
};

/** Registers the retention pages on a console server. */
export function installRetentionRoutes(app: FastifyInstance, deps: GovernanceDeps, sources: readonly RetentionSource[] = retentionSources): void {
  const { db } = deps;
  const row = (b: RetentionBatch, now: Date): BatchRow => ({ ...b, standing: batchStanding(b, now), title: findRetentionSource(b.sourceId, sources)?.title ?? { ja: b.sourceId, en: b.sourceId } });

  const common = async (req: FastifyRequest, notice?: PageNotice) => {
    const staff = currentStaff(req);
    return { ...(await deps.pageContext(req)), csrf: staff.csrfToken, mayApprove: can(currentPrincipal(req), 'governance.retention.approve'), ...(notice ? { notice } : {}) };
  };

  const sourceRows = (municipalityCode: string, asOf: string): Promise<SourceRow[]> => db.transaction(async (tx) => {
    const rows: SourceRow[] = [];
    for (const s of sources) rows.push({ id: s.id, title: s.title, fileTitle: fileTitle(s.fileId), rule: s.rule, method: s.method, ...await dueStanding(tx, municipalityCode, s, asOf) });
    return rows;
  });

  const overview = async (req: FastifyRequest, reply: FastifyReply, status: number, notice?: PageNotice) => {
    const { municipalityCode } = currentStaff(req);
    const asOf = todayInJapan();
    const now = new Date();
    const [ctx, sourceList, batches] = await Promise.all([common(req, notice), sourceRows(municipalityCode, asOf), listBatches(db.kysely, municipalityCode)]);
    return html(reply, status, RetentionPage({ ...ctx, asOf, sources: sourceList, others, batches: batches.map((b) => row(b, now)) }));
  };

  const batchPage = async (req: FastifyRequest, reply: FastifyReply, id: string, status: number, notice?: PageNotice) => {
    const { municipalityCode } = currentStaff(req);
    const batch = await findBatch(db.kysely, municipalityCode, id);
    if (!batch) return overview(req, reply, 404, { kind: 'error', text: t((await deps.pageContext(req)).lang, refusals.not_found.ja, refusals.not_found.en) });
    // The first records only: a batch of a city's fiscal year holds 200,000, which its CSV lists.
    const [ctx, items] = await Promise.all([common(req, notice), batchItems(db.kysely, municipalityCode, id, BATCH_PAGE_ITEMS)]);
    const facts = certificateFacts(certificateInput(batch, items, ctx.municipalityName, ctx.lang));
    return html(reply, status, RetentionBatchPage({ ...ctx, batch: row(batch, new Date()), facts: batch.status === 'disposed' ? facts : facts.filter((_, i) => i < 4 || i === 6), items }));
  };

  /** The batch an export names, its subject in the request's audit event. */
  const exportedBatch = async (req: FastifyRequest, detail: string) => {
    const { id } = req.params as { id: string };
    const { municipalityCode } = currentStaff(req);
    auditSubjects(req, { subjects: [subjectId('retention_batch', id)], detail });
    return { id, municipalityCode, batch: await findBatch(db.kysely, municipalityCode, id) };
  };

  const certificateInput = (batch: RetentionBatch, items: CertificateInput['items'], municipalityName: string, lang: Lang): CertificateInput => ({
    municipalityName, lang, items, fileTitle: fileTitle(batch.fileId), source: findRetentionSource(batch.sourceId, sources) ?? unknownSource(batch.sourceId),
    batch: { ...batch, approvedAt: batch.approvedAt ?? new Date(0), approvedBy: batch.approvedBy ?? '—' },
  });

  app.get(RETENTION_PATH, {
    config: { capability: 'governance.retention.read', audit: ops['governance.retention.read'] },
    schema: { hide: true, querystring: langQuery },
  }, async (req, reply) => {
    auditSubjects(req, { subjects: [], detail: 'overview' });
    return overview(req, reply, 200);
  });

  app.post(`${RETENTION_PATH}/propose`, {
    config: { capability: 'governance.retention.approve' },
    schema: { hide: true, body: csrfBody },
  }, async (req, reply) => {
    const staff = currentStaff(req);
    const proposals = await db.transaction((tx) => proposeDue(tx, staff.municipalityCode, { asOf: todayInJapan(), actor: staffActor(staff), client: auditClient(req), sources }));
    const n = proposals.reduce((sum, p) => sum + p.records, 0);
    const { lang } = await deps.pageContext(req);
    return overview(req, reply, 200, {
      kind: 'done',
      text: n === 0 ? t(lang, '抽出する記録はありませんでした。', 'There was nothing to propose.') : t(lang, `${proposals.length}件のバッチ（${n}件の記録）を抽出しました。別の承認者が承認するまで消去されません。`, `${proposals.length} batch(es) of ${n} records proposed; nothing is disposed of until another approver approves.`),
    });
  });

  app.get(`${RETENTION_PATH}/batches/:id`, {
    config: { capability: 'governance.retention.read', audit: ops['governance.retention.read'] },
    schema: { hide: true, params: batchParams, querystring: langQuery },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    auditSubjects(req, { subjects: [subjectId('retention_batch', id)], detail: 'batch' });
    return batchPage(req, reply, id, 200);
  });

  app.post(`${RETENTION_PATH}/batches/:id/approve`, {
    config: { capability: 'governance.retention.approve' },
    schema: { hide: true, params: batchParams, body: csrfBody },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const staff = currentStaff(req);
    const result = await approveBatch(db, staff.municipalityCode, id, { actor: staffActor(staff), client: auditClient(req), sources });
    const { lang } = await deps.pageContext(req);
    if ('refused' in result) {
      const r = refusals[result.refused];
      return batchPage(req, reply, id, r.status, { kind: 'error', text: t(lang, r.ja, r.en) });
    }
    return batchPage(req, reply, id, 200, {
      kind: 'done',
      text: t(lang, `${countText(result.disposed)}件を消去し、消去記録を残しました（${countText(result.gone)}件は既にありませんでした）。`, `${countText(result.disposed)} records disposed of and recorded (${countText(result.gone)} were already gone).`),
    });
  });

  app.get(`${RETENTION_PATH}/batches/:id/certificate.pdf`, {
    config: { capability: 'governance.retention.read', audit: ops['governance.retention.certificate'] },
    schema: { hide: true, params: batchParams, querystring: langQuery },
  }, async (req, reply) => {
    const { id, municipalityCode, batch } = await exportedBatch(req, 'certificate');
    if (batch?.status !== 'disposed') return batchPage(req, reply, id, 404);
    const { lang, municipalityName } = await deps.pageContext(req);
    // Every record while the batch is small; above that, the count per description (the records are in the CSV).
    const input = batch.recordCount > CERTIFICATE_LIST_LIMIT
      ? { ...certificateInput(batch, [], municipalityName, lang), counts: await batchItemCounts(db.kysely, municipalityCode, id, CERTIFICATE_COUNT_LINES + 1) }
      : certificateInput(batch, await batchItems(db.kysely, municipalityCode, id), municipalityName, lang);
    const pdf = await renderDisposalCertificate(input);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="disposal-certificate-${id}.pdf"`).send(pdf);
  });

  app.get(`${RETENTION_PATH}/batches/:id/records.csv`, {
    config: { capability: 'governance.retention.read', audit: ops['governance.retention.export'] },
    schema: { hide: true, params: batchParams, querystring: csvQuery },
  }, async (req, reply) => {
    const encoding = (req.query as { encoding?: CsvEncoding }).encoding ?? 'utf8';
    const { id, municipalityCode, batch } = await exportedBatch(req, `records csv ${encoding}`);
    if (!batch) return batchPage(req, reply, id, 404);
    const { lang } = await deps.pageContext(req);
    const body = new PassThrough();
    void writeBatchCsv(body, db.kysely, municipalityCode, id, { encoding, lang }).catch((e: unknown) => body.destroy(e as Error));
    return reply.type(`text/csv; charset=${encoding === 'sjis' ? 'shift_jis' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="disposal-records-${id}${encoding === 'sjis' ? '-sjis' : ''}.csv"`).send(body);
  });
}
