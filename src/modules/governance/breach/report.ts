// 漏えい等の影響範囲の調査: for a scope, what the audit log shows was actually read, exported or changed (persons by
// file), what the register says the scope could have read (the files its capabilities reach, their items and live
// person counts), both by data category, and the reporting grounds the figures meet.
import { type Capability } from '../../../platform/access/capabilities.ts';
import { isRoleName, roles } from '../../../platform/access/roles.ts';
import type { Db } from '../../../platform/db/index.ts';
import { type DataCategory, dataCategories, type PersonalDataItem } from '../../../platform/register/personal-data.ts';
import { type RegisterFile, registerFiles } from '../register/files.ts';
import { countPersons } from '../register/store.ts';
import { filesReached, hiddenCategories } from './domain/reach.ts';
import { type DutyGround, dutyGroundsMet } from './domain/report-duty.ts';
import type { BreachScope } from './domain/scope.ts';
import { type AuditTrace, apiClientKind, roleAssignments, traceAudit } from './store.ts';

/** A file the scope could read: the items it could see and the persons the file holds now. */
export interface ReachableFile {
  file: RegisterFile;
  items: readonly PersonalDataItem[];
  persons: number;
}

/** One data category: persons reached by the events and persons the scope could reach (summed over files). */
export interface CategoryReach {
  category: DataCategory;
  reached: number;
  reachable: number;
  fileIds: string[];
}

/** The whole answer, for the page, the CSV's header and the PDF. */
export interface BreachReport {
  scope: BreachScope;
  trace: AuditTrace;
  reachable: ReachableFile[];
  /** Categories the scope's capabilities never show (個人番号 without its capability, …). */
  hidden: DataCategory[];
  /** The scope's actor is an API client no table registers (its events are still traced). */
  unknownApiClient: boolean;
  categories: CategoryReach[];
  duty: DutyGround[];
}

const allFileIds = registerFiles.map((f) => f.file.fileId);
const capabilitiesOfRoles = (names: readonly string[]) => new Set<Capability>(names.filter(isRoleName).flatMap((r) => roles[r].capabilities));
const intersect = (a: Set<string> | undefined, b: Iterable<string>) => new Set([...b].filter((x) => !a || a.has(x)));

/** What the scope's actors could read: the files and the categories hidden from them. */
async function reachOf(db: Db, municipalityCode: string, s: BreachScope): Promise<{ fileIds: Set<string>; hidden: DataCategory[]; unknownApiClient: boolean }> {
  let capabilities: Set<string> | undefined;
  if (s.user) capabilities = intersect(capabilities, capabilitiesOfRoles(await roleAssignments(db, municipalityCode, s.user)));
  if (s.role) capabilities = intersect(capabilities, capabilitiesOfRoles([s.role]));
  let fileIds = new Set(capabilities ? filesReached(capabilities, allFileIds) : allFileIds);
  let unknownApiClient = false;
  if (s.apiClient) {
    const kind = await apiClientKind(db, municipalityCode, s.apiClient);
    unknownApiClient = kind === undefined;
    // A review client asks for one applicant's verdict from the extract; a kiosk client has certificates issued.
    fileIds = intersect(fileIds, kind === 'review' ? ['review_extract'] : kind === 'kiosk' ? ['certificate_tax'] : []);
  }
  if (s.fileId) fileIds = intersect(fileIds, [s.fileId]);
  return { fileIds, hidden: capabilities ? hiddenCategories(capabilities) : [], unknownApiClient };
}

/**
 * Persons by category: for each category, the sum over the files holding a visible item of it. An individual number
 * counts as reached where the log flags individual-number access, whatever the scope's capabilities are today.
 */
export function categoryReach(trace: AuditTrace, reachable: readonly ReachableFile[], hidden: readonly DataCategory[]): CategoryReach[] {
  const traced = new Map(trace.files.map((f) => [f.fileId, f]));
  return (Object.keys(dataCategories) as DataCategory[]).map((category) => {
    const numbers = category === 'individual_number';
    const holding = registerFiles
      .filter((f) => (numbers || !hidden.includes(category)) && f.items.some((i) => i.category === category))
      .flatMap((f) => { const t = traced.get(f.file.fileId); return t && (numbers ? t.individualNumber : t.persons) > 0 ? [{ fileId: f.file.fileId, persons: numbers ? t.individualNumber : t.persons }] : []; });
    const reach = reachable.filter((r) => r.items.some((i) => i.category === category));
    return {
      category,
      reached: holding.reduce((n, f) => n + f.persons, 0),
      reachable: reach.reduce((n, r) => n + r.persons, 0),
      fileIds: [...new Set([...holding.map((f) => f.fileId), ...reach.map((r) => r.file.file.fileId)])],
    };
  });
}

/** Investigates a scope: the audit trace (with the first `personLimit` persons) and the register's reach. */
export async function investigateBreach(db: Db, municipalityCode: string, s: BreachScope, personLimit: number): Promise<BreachReport> {
  const [trace, reach] = await Promise.all([traceAudit(db, municipalityCode, s, personLimit), reachOf(db, municipalityCode, s)]);
  const files = registerFiles.filter((f) => reach.fileIds.has(f.file.fileId));
  const persons = await countPersons(db, municipalityCode, files);
  const reachable = files.map((file) => ({ file, items: file.items.filter((i) => !reach.hidden.includes(i.category)), persons: persons.get(file.file.fileId) ?? 0 }));
  const categories = categoryReach(trace, reachable, reach.hidden);
  const reachedIn = (c: DataCategory) => categories.find((x) => x.category === c)?.reached ?? 0;
  const duty = dutyGroundsMet({
    persons: trace.total.persons, individualNumberPersons: trace.total.individualNumber, sensitivePersons: reachedIn('sensitive'), accountPersons: reachedIn('account'),
  });
  return { scope: s, trace, reachable, hidden: reach.hidden, unknownApiClient: reach.unknownApiClient, categories, duty };
}
