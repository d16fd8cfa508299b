// 証明書交付申請 handed to the certificates module: applications of a procedure whose definition says
// `handOver: "certificates"`, once a clerk approved them. The certificates module reads them through this file
// (via index.ts) and, once the certificate is issued, completes them here; it never touches the tables itself.
//
// The applicant's identity comes from the fields the definition's reviewAssist names (name kana, birth date, postal
// code, fiscal year); the certificate kind from the field `certificate_kind` (taxation / non-taxation / income).
import type { Db } from '../../platform/db/index.ts';
import { type ProcedureDefinition } from './domain/procedure.ts';
import { type Decider, transitionApplication } from './inbox/decide.ts';
import { storedVerdictOf } from './inbox/review-assist.ts';
import type { StoredVerdict } from './inbox/store.ts';
import { type ApplicationRow, findApplication, listProcedures, toApplication } from './store.ts';

/** What the certificates module needs of an approved certificate application. */
export interface CertificateRequest {
  applicationId: string;
  receiptNumber: string;
  submittedAt: Date | null;
  lang: 'ja' | 'en';
  name: string;
  nameKana: string;
  birthDate: string;
  postalCode: string;
  address: string;
  email: string;
  fiscalYear: number;
  certificateType: 'taxation' | 'non_taxation' | 'income';
  copies: number;
  feeYen: number;
  verdict: StoredVerdict | undefined;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const kinds = { taxation: 'taxation', 'non-taxation': 'non_taxation', income: 'income' } as const;

function requestOf(app: ApplicationRow, def: ProcedureDefinition): CertificateRequest | undefined {
  const assist = def.reviewAssist;
  const kind = text(app.fieldValues.certificate_kind) as keyof typeof kinds;
  if (!assist?.taxYear || !app.receiptNumber || !Object.hasOwn(kinds, kind)) return undefined;
  return {
    applicationId: app.applicationId,
    receiptNumber: app.receiptNumber,
    submittedAt: app.submittedAt,
    lang: app.lang,
    name: text(app.fieldValues.name),
    nameKana: text(app.fieldValues[assist.nameKana]),
    birthDate: text(app.fieldValues[assist.birthDate]),
    postalCode: text(app.fieldValues[assist.postalCode]),
    address: text(app.fieldValues.address),
    email: text(app.fieldValues.email),
    fiscalYear: Number(text(app.fieldValues[assist.taxYear])),
    certificateType: kinds[kind],
    copies: app.copies,
    feeYen: app.feeYen,
    verdict: storedVerdictOf(app.reviewVerdict),
  };
}

/** The certificate procedures of a municipality, by id. */
async function certificateProcedures(db: Db, municipalityCode: string): Promise<Map<string, ProcedureDefinition>> {
  const procedures = await listProcedures(db.kysely, municipalityCode);
  return new Map(procedures.filter((p) => p.definition.handOver === 'certificates').map((p) => [p.procedureId, p.definition]));
}

/** Approved certificate applications, oldest first (at most `limit`). */
export async function approvedCertificateRequests(db: Db, municipalityCode: string, limit = 200): Promise<CertificateRequest[]> {
  const procedures = await certificateProcedures(db, municipalityCode);
  if (procedures.size === 0) return [];
  const rows = await db.kysely.selectFrom('application').selectAll()
    .where('municipality_code', '=', municipalityCode).where('state', '=', 'approved').where('procedure_id', 'in', [...procedures.keys()])
    .orderBy('submitted_at').limit(limit).execute();
  return rows.map(toApplication).flatMap((app) => requestOf(app, procedures.get(app.procedureId)!) ?? []);
}

/** One approved certificate application, or undefined (not one, not approved, or not readable as one). */
export async function certificateRequest(db: Db, municipalityCode: string, applicationId: string): Promise<CertificateRequest | undefined> {
  const app = await findApplication(db.kysely, municipalityCode, applicationId);
  const def = app && (await certificateProcedures(db, municipalityCode)).get(app.procedureId);
  return app && def && app.state === 'approved' ? requestOf(app, def) : undefined;
}

/** Marks the application 完了 once its certificate went out (audited as the clerk's transition). */
export async function completeCertificateRequest(d: Decider, applicationId: string): Promise<void> {
  await transitionApplication(d, applicationId, 'approved', 'complete');
}
