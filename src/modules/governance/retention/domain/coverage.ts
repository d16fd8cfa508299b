// 「保存期間の満了したものを漏れなく」: every table of every file of the register has its rule that something follows —
// a retention source the scheduler looks at, or a mechanism of its own — and neither list names a file the register
// does not hold, or a table outside the file it names.

/** A register file and the tables its items are kept in. */
export interface FileTables {
  fileId: string;
  tables: readonly string[];
}

/** What the lists leave out or name wrongly; all empty when every table is covered. */
export interface RetentionCoverage {
  /** Tables of register files (`file/table`) that no source or other mechanism disposes of. */
  uncovered: string[];
  /** File ids a source or a mechanism names that are not in the register. */
  unknown: string[];
  /** Tables (`file/table`) a source or a mechanism names that its file's items are not kept in. */
  strayTables: string[];
}

/** Checks the sources' and the mechanisms' files and tables against the register's. */
export function retentionCoverage(files: readonly FileTables[], declared: readonly FileTables[]): RetentionCoverage {
  const key = (fileId: string, table: string) => `${fileId}/${table}`;
  const held = new Set(files.flatMap((f) => f.tables.map((t) => key(f.fileId, t))));
  const covered = new Set(declared.flatMap((d) => d.tables.map((t) => key(d.fileId, t))));
  const fileIds = new Set(files.map((f) => f.fileId));
  const known = declared.filter((d) => fileIds.has(d.fileId));
  return {
    uncovered: [...held].filter((k) => !covered.has(k)),
    unknown: [...new Set(declared.map((d) => d.fileId).filter((id) => !fileIds.has(id)))],
    // A source may name the child tables it deletes by cascade (card_history …) that hold no declared item; only a
    // table of another file is stray, since it would make that file look covered.
    strayTables: [...new Set(known.flatMap((d) => d.tables.filter((t) => files.some((f) => f.fileId !== d.fileId && f.tables.includes(t))).map((t) => key(d.fileId, t))))],
  };
}
