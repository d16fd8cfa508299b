// What the draft is filled from, gathered from the running system: the file's declaration and live person count, the
// roles that work with it (a role whose capabilities name the file's module, and the individual-number handlers for a
// file holding 個人番号) with their second factor and staff, the security settings, the last signed verification of
// the audit chain, and the contractors recorded as handling the file.
import fs from 'node:fs';
import { type RoleName, roles } from '../../../platform/access/roles.ts';
import { readAnchors } from '../../../platform/audit/index.ts';
import { findSecuritySettings } from '../../../platform/auth/settings.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { Lang } from '../../../platform/errors.ts';
import { contractorStanding } from '../contractors/domain/standing.ts';
import { contractorFlagNames } from '../contractors/domain/vocabulary.ts';
import { certificationText } from '../contractors/page.tsx';
import { listContractors } from '../contractors/store.ts';
import { declaringModules, type RegisterFile, registerFiles } from '../register/files.ts';
import { countPersons } from '../register/store.ts';
import { retentionText } from '../register/summary.ts';
import type { AssessmentInput } from './domain/draft.ts';
import { staffByRole } from './store.ts';

/** Files the council has marked as 特定個人情報ファイル although no item of theirs is the 個人番号 itself. */
export const specificFileIds: ReadonlySet<string> = new Set(['benefit_ledger', 'card_record', 'card_image']);

/** The files an assessment can be drafted for: those holding 個人番号, and those marked specific. */
export function assessableFiles(files: readonly RegisterFile[] = registerFiles): RegisterFile[] {
  return files.filter((f) => specificFileIds.has(f.file.fileId) || f.items.some((i) => i.category === 'individual_number'));
}

/** The capability prefix of a declaring module (the platform's file is the mail outbox). */
const capabilityPrefix = (module: string) => (module === 'platform' ? 'mail.' : `${module}.`);

/** The roles that work with a file: a capability of its module, or individual numbers for a file holding them. */
export function rolesUsing(f: RegisterFile): RoleName[] {
  const prefix = capabilityPrefix(f.module);
  const numbers = f.items.some((i) => i.category === 'individual_number');
  return (Object.keys(roles) as RoleName[]).filter((r) => roles[r].capabilities.some((c: string) =>
    c.startsWith(prefix) || (numbers && c === 'personal.individual_number.read')));
}

/** When the audit chain of the municipality was last verified and signed (the anchors file), if ever. */
export function lastChainVerification(anchorsFile: string | undefined, municipalityCode: string): string | undefined {
  if (anchorsFile === undefined || !fs.existsSync(anchorsFile)) return undefined;
  return readAnchors(anchorsFile).map((l) => l.anchor).filter((a) => a?.municipalityCode === municipalityCode).at(-1)?.anchoredAt;
}

/** Everything the draft of one file says, as of today. */
export async function gatherAssessment(
  db: Db, municipalityCode: string, f: RegisterFile, o: { municipalityName: string; asOf: string; lang: Lang; anchorsFile: string | undefined },
): Promise<AssessmentInput> {
  const [persons, staff, settings, contractors] = await Promise.all([
    countPersons(db, municipalityCode, [f]), staffByRole(db, municipalityCode), findSecuritySettings(db.kysely, municipalityCode), listContractors(db.kysely, municipalityCode),
  ]);
  const { file } = f;
  const sep = o.lang === 'ja' ? '、' : ', ';
  return {
    municipalityName: o.municipalityName,
    asOf: o.asOf,
    module: declaringModules[f.module],
    file: { ...file, retention: { ja: retentionText(file, 'ja'), en: retentionText(file, 'en') }, personsNote: file.persons.note },
    items: f.items,
    persons: persons.get(file.fileId) ?? 0,
    roles: rolesUsing(f).map((r) => ({ label: roles[r], mfaRequired: roles[r].mfaRequired, ...(staff.get(r) ?? { staff: 0, enrolled: 0 }) })),
    mfaRequiredForAll: settings.mfaRequiredForAll,
    idleTimeoutMinutes: settings.idleTimeoutMinutes,
    lockoutThreshold: settings.lockoutThreshold,
    chainVerifiedAt: lastChainVerification(o.anchorsFile, municipalityCode),
    contractors: contractors.filter((c) => c.fileIds.includes(file.fileId)).map((c) => {
      const standing = contractorStanding(c, o.asOf);
      return {
        name: c.name, certifications: certificationText(o.lang, c), lastInspectedOn: c.lastInspectedOn, inspectionDueOn: standing.inspectionDueOn,
        flags: standing.flags.map((x) => contractorFlagNames[x][o.lang]).join(sep),
      };
    }),
  };
}
