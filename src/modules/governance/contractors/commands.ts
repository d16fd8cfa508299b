// The changes 委託先管理's forms make, read from a posted form into one command each and applied inside the audited
// transaction. A form that does not read is refused before any write; a change the database refuses (a stale page,
// an account linked to another contractor) throws ContractorRefusal so the transaction and its audit event say so.
import { isPlainDate } from '../../../platform/text/index.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { certificationKinds, contractorDuties, inspectionMethods, isKeyOf, type CertificationKind, type ContractorDuty, type InspectionMethod } from './domain/vocabulary.ts';
import {
  type Certification, type ContractorFields, deleteCertification, deleteContractorFile, deleteContractorStaff, findStaffLink, insertContractorFile, insertInspection,
  updateContractor, upsertCertification, upsertContractorStaff,
} from './store.ts';

type Bilingual = { ja: string; en: string };
type Form = Record<string, string | undefined>;

/** A form or change refused, with the page's message and the HTTP status. */
export class ContractorRefusal extends Error {
  constructor(readonly status: number, readonly why: Bilingual) {
    super(why.en);
  }
}

const refuse = (ja: string, en: string, status = 400): never => {
  throw new ContractorRefusal(status, { ja, en });
};

const text = (form: Form, name: string, max: number, label: Bilingual, optional = false): string => {
  const v = (form[name] ?? '').trim();
  if ((!optional && v === '') || v.length > max) refuse(`「${label.ja}」を${max}文字以内で入力してください。`, `Enter "${label.en}" in at most ${max} characters.`);
  return v;
};

const day = (form: Form, name: string, label: Bilingual, optional = false): string | null => {
  const v = (form[name] ?? '').trim();
  if (v === '' && optional) return null;
  if (!isPlainDate(v)) refuse(`「${label.ja}」を日付（YYYY-MM-DD）で入力してください。`, `Enter "${label.en}" as a date (YYYY-MM-DD).`);
  return v;
};

/** A contractor's own fields from the create or edit form. */
export function readContractorFields(form: Form): ContractorFields {
  const corporateNumber = (form.corporateNumber ?? '').trim();
  if (corporateNumber !== '' && !/^[0-9]{13}$/.test(corporateNumber)) refuse('法人番号は13桁の数字で入力してください。', 'The corporate number is 13 digits.');
  const contractStartsOn = day(form, 'contractStartsOn', { ja: '委託の開始日', en: 'Contract start' })!;
  const contractEndsOn = day(form, 'contractEndsOn', { ja: '委託の期限', en: 'Contract end' }, true);
  if (contractEndsOn !== null && contractEndsOn < contractStartsOn) refuse('委託の期限が開始日より前です。', 'The contract ends before it starts.');
  return {
    name: text(form, 'name', 200, { ja: '委託先の名称', en: 'Name' }),
    corporateNumber: corporateNumber || null,
    work: text(form, 'work', 2000, { ja: '委託の内容', en: 'Work entrusted' }, true),
    contractStartsOn,
    contractEndsOn,
    subcontracting: form.subcontracting === '1',
  };
}

/** One change to a contractor. */
export type ContractorCommand =
  | { action: 'update'; rowVersion: number; fields: ContractorFields }
  | { action: 'certify'; certification: Certification }
  | { action: 'remove_certification'; kind: CertificationKind }
  | { action: 'add_file'; fileId: string }
  | { action: 'remove_file'; fileId: string }
  | { action: 'link_staff'; loginId: string; duty: ContractorDuty }
  | { action: 'unlink_staff'; loginId: string }
  | { action: 'inspect'; inspectedOn: string; method: InspectionMethod; findings: string; correctiveAction: boolean };

export type ContractorAction = ContractorCommand['action'];

const loginId = (form: Form): string => {
  const v = (form.loginId ?? '').trim();
  if (!/^[a-z0-9._-]{3,64}$/.test(v)) refuse('ログインIDを確認してください。', 'Check the login id.');
  return v;
};

/** Reads the posted form of an action; `fileIds` are the register's files, the only ones a contractor can handle. */
export function readCommand(form: Form, fileIds: ReadonlySet<string>, today: string): ContractorCommand {
  const fileId = () => (form.fileId !== undefined && fileIds.has(form.fileId) ? form.fileId : refuse('個人情報ファイルを選んでください。', 'Choose a personal-data file.'));
  switch (form.action) {
    case 'update': {
      if (!/^\d{1,9}$/.test(form.rowVersion ?? '')) refuse('画面を開き直してください。', 'Reload the page.');
      return { action: 'update', rowVersion: Number(form.rowVersion), fields: readContractorFields(form) };
    }
    case 'certify': {
      if (!isKeyOf(certificationKinds, form.kind)) return refuse('認証の種類を選んでください。', 'Choose the kind of certification.');
      return { action: 'certify', certification: { kind: form.kind, number: text(form, 'number', 60, { ja: '登録番号', en: 'Number' }), expiresOn: day(form, 'expiresOn', { ja: '有効期限', en: 'Expiry' })! } };
    }
    case 'remove_certification':
      return isKeyOf(certificationKinds, form.kind) ? { action: 'remove_certification', kind: form.kind } : refuse('認証の種類を選んでください。', 'Choose the kind of certification.');
    case 'add_file':
      return { action: 'add_file', fileId: fileId() };
    case 'remove_file':
      return { action: 'remove_file', fileId: fileId() };
    case 'link_staff':
      if (!isKeyOf(contractorDuties, form.duty)) return refuse('役割を選んでください。', 'Choose the duty.');
      return { action: 'link_staff', loginId: loginId(form), duty: form.duty };
    case 'unlink_staff':
      return { action: 'unlink_staff', loginId: loginId(form) };
    case 'inspect': {
      if (!isKeyOf(inspectionMethods, form.method)) return refuse('確認の方法を選んでください。', 'Choose how the inspection was made.');
      const inspectedOn = day(form, 'inspectedOn', { ja: '実施日', en: 'Date' })!;
      if (inspectedOn > today) refuse('実施日が未来の日付です。', 'The inspection date is in the future.');
      return { action: 'inspect', inspectedOn, method: form.method, findings: text(form, 'findings', 2000, { ja: '確認結果', en: 'Findings' }), correctiveAction: form.correctiveAction === '1' };
    }
    default:
      return refuse('操作を確認してください。', 'Unknown action.');
  }
}

/** What an audit event's detail says of a command (never a finding's text). */
export function commandDetail(c: ContractorCommand): string {
  switch (c.action) {
    case 'update': return `update ${c.fields.name}`;
    case 'certify': return `certify ${c.certification.kind} until ${c.certification.expiresOn}`;
    case 'remove_certification': return `remove certification ${c.kind}`;
    case 'add_file': case 'remove_file': return `${c.action} ${c.fileId}`;
    case 'link_staff': return `link_staff ${c.loginId} ${c.duty}`;
    case 'unlink_staff': return `unlink_staff ${c.loginId}`;
    case 'inspect': return `inspect ${c.inspectedOn} ${c.method}${c.correctiveAction ? ' corrective action' : ''}`;
  }
}

/** Applies a command to a contractor inside the audited transaction. */
export async function applyCommand(tx: Tx, municipalityCode: string, contractorId: string, c: ContractorCommand, by: string): Promise<void> {
  switch (c.action) {
    case 'update':
      if (!(await updateContractor(tx, municipalityCode, contractorId, c.rowVersion, c.fields))) {
        refuse('この委託先は別の画面で更新されています。開き直してから入力してください。', 'Someone changed this contractor meanwhile. Reload the page and enter the change again.', 409);
      }
      return;
    case 'certify': return upsertCertification(tx, municipalityCode, contractorId, c.certification, by);
    case 'remove_certification': return deleteCertification(tx, municipalityCode, contractorId, c.kind);
    case 'add_file': return insertContractorFile(tx, municipalityCode, contractorId, c.fileId, by);
    case 'remove_file': return deleteContractorFile(tx, municipalityCode, contractorId, c.fileId);
    case 'link_staff': {
      const link = await findStaffLink(tx, municipalityCode, c.loginId);
      if (!link.exists) refuse(`ログインID「${c.loginId}」の職員アカウントはありません。`, `No staff account has the login id "${c.loginId}".`, 422);
      if (link.contractorId !== undefined && link.contractorId !== contractorId) {
        refuse(`「${c.loginId}」は別の委託先の従事者として登録されています。`, `"${c.loginId}" is already linked to another contractor.`, 409);
      }
      return upsertContractorStaff(tx, municipalityCode, contractorId, c.loginId, c.duty, by);
    }
    case 'unlink_staff': return deleteContractorStaff(tx, municipalityCode, contractorId, c.loginId);
    case 'inspect':
      await insertInspection(tx, municipalityCode, contractorId, { inspectedOn: c.inspectedOn, method: c.method, findings: c.findings, correctiveAction: c.correctiveAction }, by);
  }
}
