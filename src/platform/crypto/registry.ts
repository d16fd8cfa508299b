// Encrypted columns, declared by the modules that own them, so key rotation can re-encrypt every one.

/** A column holding encrypted values: where it is, how its rows are keyed, and the AAD that binds a value to its row. */
export interface EncryptedColumn {
  table: string;
  /** The row's key columns, municipality_code first (as every table's primary key). */
  keyColumns: readonly string[];
  column: string;
  /** At most this many rows per rotation transaction, for columns of large values (files); else the rotation's own. */
  maxBatchRows?: number;
  /** The AAD for a row (its key columns are present): encryptField and decryptField must both use it. */
  aad(row: Readonly<Record<string, unknown>>): string;
}

/** What a module declares; aad defaults to recordAad over the key columns. */
export type EncryptedColumnSpec = Omit<EncryptedColumn, 'aad'> & { aad?: EncryptedColumn['aad'] };

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;
const registry = new Map<string, EncryptedColumn>();

/** ["table","column",key values…] as JSON: unambiguous, whatever the values contain. */
export function recordAad(table: string, column: string, keyValues: readonly unknown[]): string {
  return JSON.stringify([table, column, ...keyValues.map((v) => (v instanceof Date ? v.toISOString() : String(v)))]);
}

/** Declares an encrypted column (at module load, in the module's index.ts) and returns it for the module's store to use. */
export function registerEncryptedColumn(spec: EncryptedColumnSpec): EncryptedColumn {
  for (const name of [spec.table, spec.column, ...spec.keyColumns]) {
    if (!identifier.test(name)) throw new TypeError(`"${name}" is not a plain SQL identifier`);
  }
  if (spec.keyColumns[0] !== 'municipality_code') throw new TypeError(`${spec.table}: keyColumns must start with municipality_code`);
  const name = `${spec.table}.${spec.column}`;
  if (registry.has(name)) throw new TypeError(`Encrypted column ${name} is declared twice`);
  const column: EncryptedColumn = {
    table: spec.table,
    keyColumns: [...spec.keyColumns],
    column: spec.column,
    maxBatchRows: spec.maxBatchRows,
    aad: spec.aad ?? ((row) => recordAad(spec.table, spec.column, spec.keyColumns.map((k) => row[k]))),
  };
  registry.set(name, column);
  return column;
}

/** Every declared encrypted column, in declaration order. */
export function registeredEncryptedColumns(): EncryptedColumn[] {
  return [...registry.values()];
}
