// 委託先管理's SQL: the contractors with their certifications, files, staff accounts and inspections, and each change
// the console's form makes. Every statement is scoped by municipality_code.
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import type { CertificationKind, ContractorDuty, InspectionMethod } from './domain/vocabulary.ts';

type Q = Kysely<Database>;

/** A contractor's own fields. */
export interface Contractor {
  contractorId: string;
  name: string;
  corporateNumber: string | null;
  work: string;
  contractStartsOn: string;
  contractEndsOn: string | null;
  subcontracting: boolean;
  rowVersion: number;
}

/** A current certification. */
export interface Certification {
  kind: CertificationKind;
  number: string;
  expiresOn: string;
}

/** A contractor as the list shows it. */
export interface ContractorSummary extends Contractor {
  certifications: Certification[];
  fileIds: string[];
  staffCount: number;
  lastInspectedOn: string | undefined;
}

/** A staff account linked to a contractor. */
export interface ContractorStaff {
  loginId: string;
  displayName: string;
  organisation: string | null;
  duty: ContractorDuty;
  disabled: boolean;
}

/** One inspection record. */
export interface Inspection {
  inspectionId: string;
  inspectedOn: string;
  method: InspectionMethod;
  findings: string;
  correctiveAction: boolean;
  recordedBy: string;
}

/** A contractor with everything recorded about it, inspections newest first. */
export interface ContractorDetail extends ContractorSummary {
  staff: ContractorStaff[];
  inspections: Inspection[];
}

const contractorColumns = ['contractor_id', 'name', 'corporate_number', 'work', 'contract_starts_on', 'contract_ends_on', 'subcontracting', 'row_version'] as const;

type ContractorRow = { contractor_id: string; name: string; corporate_number: string | null; work: string; contract_starts_on: string; contract_ends_on: string | null; subcontracting: boolean; row_version: number };

const toContractor = (r: ContractorRow): Contractor => ({
  contractorId: r.contractor_id, name: r.name, corporateNumber: r.corporate_number, work: r.work,
  contractStartsOn: r.contract_starts_on, contractEndsOn: r.contract_ends_on, subcontracting: r.subcontracting, rowVersion: r.row_version,
});

/** Every contractor of the municipality by name, with its certifications, files, staff count and last inspection. */
export async function listContractors(q: Q, municipalityCode: string, only?: string): Promise<ContractorSummary[]> {
  let base = q.selectFrom('governance_contractor as c').select([...contractorColumns.map((col) => `c.${col}` as const)])
    .select((eb) => [
      eb.selectFrom('governance_contractor_staff as s').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.municipality_code', '=', 'c.municipality_code').whereRef('s.contractor_id', '=', 'c.contractor_id').as('staff_count'),
      eb.selectFrom('governance_contractor_inspection as i').select((e) => e.fn.max('i.inspected_on').as('d'))
        .whereRef('i.municipality_code', '=', 'c.municipality_code').whereRef('i.contractor_id', '=', 'c.contractor_id').as('last_inspected_on'),
    ])
    .where('c.municipality_code', '=', municipalityCode);
  if (only !== undefined) base = base.where('c.contractor_id', '=', only);
  const rows = await base.orderBy('c.name').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.contractor_id);
  const [certs, files] = await Promise.all([
    q.selectFrom('governance_contractor_certification').select(['contractor_id', 'kind', 'number', 'expires_on'])
      .where('municipality_code', '=', municipalityCode).where('contractor_id', 'in', ids).orderBy('kind').execute(),
    q.selectFrom('governance_contractor_file').select(['contractor_id', 'file_id'])
      .where('municipality_code', '=', municipalityCode).where('contractor_id', 'in', ids).orderBy('file_id').execute(),
  ]);
  return rows.map((r) => ({
    ...toContractor(r),
    certifications: certs.filter((c) => c.contractor_id === r.contractor_id).map((c) => ({ kind: c.kind as CertificationKind, number: c.number, expiresOn: c.expires_on })),
    fileIds: files.filter((f) => f.contractor_id === r.contractor_id).map((f) => f.file_id),
    staffCount: Number(r.staff_count ?? 0),
    lastInspectedOn: r.last_inspected_on ?? undefined,
  }));
}

/** One contractor with its staff accounts and inspections, or undefined. */
export async function findContractorDetail(q: Q, municipalityCode: string, contractorId: string): Promise<ContractorDetail | undefined> {
  const [summary] = await listContractors(q, municipalityCode, contractorId);
  if (!summary) return undefined;
  const [staff, inspections] = await Promise.all([
    q.selectFrom('governance_contractor_staff as s')
      .innerJoin('staff_user as u', (j) => j.onRef('u.municipality_code', '=', 's.municipality_code').onRef('u.login_id', '=', 's.login_id'))
      .select(['s.login_id', 'u.display_name', 'u.organisation', 's.duty', 'u.disabled_at'])
      .where('s.municipality_code', '=', municipalityCode).where('s.contractor_id', '=', contractorId).orderBy('s.duty', 'desc').orderBy('s.login_id').execute(),
    q.selectFrom('governance_contractor_inspection').select(['inspection_id', 'inspected_on', 'method', 'findings', 'corrective_action', 'recorded_by'])
      .where('municipality_code', '=', municipalityCode).where('contractor_id', '=', contractorId).orderBy('inspected_on', 'desc').orderBy('recorded_at', 'desc').execute(),
  ]);
  return {
    ...summary,
    staff: staff.map((s) => ({ loginId: s.login_id, displayName: s.display_name, organisation: s.organisation, duty: s.duty as ContractorDuty, disabled: s.disabled_at !== null })),
    inspections: inspections.map((i) => ({
      inspectionId: i.inspection_id, inspectedOn: i.inspected_on, method: i.method as InspectionMethod, findings: i.findings, correctiveAction: i.corrective_action, recordedBy: i.recorded_by,
    })),
  };
}

/** A contractor's own fields as a form gives them. */
export type ContractorFields = Omit<Contractor, 'contractorId' | 'rowVersion'>;

const fieldValues = (f: ContractorFields) => ({
  name: f.name, corporate_number: f.corporateNumber, work: f.work, contract_starts_on: f.contractStartsOn, contract_ends_on: f.contractEndsOn, subcontracting: f.subcontracting,
});

/** Registers a contractor; undefined when the name is already registered. */
export async function insertContractor(q: Q, municipalityCode: string, fields: ContractorFields, by: string): Promise<string | undefined> {
  const row = await q.insertInto('governance_contractor').values({ municipality_code: municipalityCode, ...fieldValues(fields), registered_by: by })
    .onConflict((oc) => oc.columns(['municipality_code', 'name']).doNothing()).returning('contractor_id').executeTakeFirst();
  return row?.contractor_id;
}

/** Changes a contractor's fields if the row is still at `rowVersion`; false when it is stale (or gone). */
export async function updateContractor(q: Q, municipalityCode: string, contractorId: string, rowVersion: number, fields: ContractorFields): Promise<boolean> {
  const r = await q.updateTable('governance_contractor')
    .set((eb) => ({ ...fieldValues(fields), row_version: eb('row_version', '+', 1), updated_at: new Date() }))
    .where('municipality_code', '=', municipalityCode).where('contractor_id', '=', contractorId).where('row_version', '=', rowVersion)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Records a certification, replacing the contractor's previous one of that kind (a renewal). */
export async function upsertCertification(q: Q, municipalityCode: string, contractorId: string, c: Certification, by: string): Promise<void> {
  const values = { number: c.number, expires_on: c.expiresOn, recorded_by: by, recorded_at: new Date() };
  await q.insertInto('governance_contractor_certification').values({ municipality_code: municipalityCode, contractor_id: contractorId, kind: c.kind, ...values })
    .onConflict((oc) => oc.columns(['municipality_code', 'contractor_id', 'kind']).doUpdateSet(values)).execute();
}

/** Removes a certification the contractor no longer holds. */
export async function deleteCertification(q: Q, municipalityCode: string, contractorId: string, kind: CertificationKind): Promise<void> {
  await q.deleteFrom('governance_contractor_certification')
    .where('municipality_code', '=', municipalityCode).where('contractor_id', '=', contractorId).where('kind', '=', kind).execute();
}

/** Records that the contractor handles a register file (again is harmless). */
export async function insertContractorFile(q: Q, municipalityCode: string, contractorId: string, fileId: string, by: string): Promise<void> {
  await q.insertInto('governance_contractor_file').values({ municipality_code: municipalityCode, contractor_id: contractorId, file_id: fileId, recorded_by: by })
    .onConflict((oc) => oc.doNothing()).execute();
}

/** The contractor no longer handles the file. */
export async function deleteContractorFile(q: Q, municipalityCode: string, contractorId: string, fileId: string): Promise<void> {
  await q.deleteFrom('governance_contractor_file')
    .where('municipality_code', '=', municipalityCode).where('contractor_id', '=', contractorId).where('file_id', '=', fileId).execute();
}

/** Which contractor a staff account is linked to, if any, and whether the account exists. */
export async function findStaffLink(q: Q, municipalityCode: string, loginId: string): Promise<{ exists: boolean; contractorId: string | undefined }> {
  const row = await q.selectFrom('staff_user as u')
    .leftJoin('governance_contractor_staff as s', (j) => j.onRef('s.municipality_code', '=', 'u.municipality_code').onRef('s.login_id', '=', 'u.login_id'))
    .select('s.contractor_id').where('u.municipality_code', '=', municipalityCode).where('u.login_id', '=', loginId).executeTakeFirst();
  return { exists: row !== undefined, contractorId: row?.contractor_id ?? undefined };
}

/** Links a staff account to the contractor with its duty (or changes the duty of an account already linked to it). */
export async function upsertContractorStaff(q: Q, municipalityCode: string, contractorId: string, loginId: string, duty: ContractorDuty, by: string): Promise<void> {
  await q.insertInto('governance_contractor_staff').values({ municipality_code: municipalityCode, contractor_id: contractorId, login_id: loginId, duty, recorded_by: by })
    .onConflict((oc) => oc.columns(['municipality_code', 'login_id']).doUpdateSet({ duty, recorded_by: by, recorded_at: new Date() })
      .where('governance_contractor_staff.contractor_id', '=', contractorId))
    .execute();
}

/** Unlinks a staff account from the contractor. */
export async function deleteContractorStaff(q: Q, municipalityCode: string, contractorId: string, loginId: string): Promise<void> {
  await q.deleteFrom('governance_contractor_staff')
    .where('municipality_code', '=', municipalityCode).where('contractor_id', '=', contractorId).where('login_id', '=', loginId).execute();
}

/** Records an inspection; returns its id. */
export async function insertInspection(q: Q, municipalityCode: string, contractorId: string, i: Omit<Inspection, 'inspectionId' | 'recordedBy'>, by: string): Promise<string> {
  const row = await q.insertInto('governance_contractor_inspection').values({
    municipality_code: municipalityCode, contractor_id: contractorId, inspected_on: i.inspectedOn, method: i.method, findings: i.findings,
    corrective_action: i.correctiveAction, recorded_by: by,
  }).returning('inspection_id').executeTakeFirstOrThrow();
  return row.inspection_id;
}
