// 「保存期間の満了したものを漏れなく」: every file of the register has its rule that something follows — a retention
// source the scheduler looks at, or a mechanism of its own — and neither list names a file the register does not hold.

/** What the lists leave out or name wrongly; both empty when every file is covered. */
export interface RetentionCoverage {
  /** Register files with neither a source nor another mechanism. */
  uncovered: string[];
  /** File ids a source or a mechanism names that are not in the register. */
  unknown: string[];
}

/** Checks the sources' and the mechanisms' file ids against the register's. */
export function retentionCoverage(registerFileIds: readonly string[], declared: ReadonlyArray<{ fileId: string }>): RetentionCoverage {
  const covered = new Set(declared.map((d) => d.fileId));
  const held = new Set(registerFileIds);
  return {
    uncovered: registerFileIds.filter((id) => !covered.has(id)),
    unknown: [...new Set(declared.map((d) => d.fileId).filter((id) => !held.has(id)))],
  };
}
