// The kinds of file in the encrypted file store, declared by the modules that own them, so key rotation re-encrypts
// every one (as registerEncryptedColumn does for columns).

const kinds = new Set<string>();

/** Declares a kind of file (at module load) and returns its name for the module's store to use. */
export function registerFileKind(kind: string): string {
  if (kinds.has(kind)) throw new TypeError(`File kind ${kind} is declared twice`);
  kinds.add(kind);
  return kind;
}

/** Every declared kind, in declaration order. */
export function registeredFileKinds(): string[] {
  return [...kinds];
}
