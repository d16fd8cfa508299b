// Files kept beside the database, sealed under the municipality's field key: identity documents and other uploads.
// PostgreSQL stores a megabyte as some 500 TOAST rows, at about 20 ms of its CPU per megabyte on a small machine (more
// than the rest of a submission together); a file costs one write and one fsync. The database keeps what is known
// about each file (name, type, size, SHA-256) and is the record of which files exist: a file without its row is an
// orphan to sweep, a deleted row queues its file for deletion (platform_file_disposal).
//
// Layout: <filesDir>/<municipality code>/<kind>/<first two characters of the id>/<id>, each file encryptBytes's
// 0x01 | key id | iv | ciphertext | tag with the AAD naming municipality, kind and id, so a file copied to another
// name does not open.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseSealedBytes } from '../crypto/ciphertext.ts';
import type { FieldCipher } from '../crypto/index.ts';

/** Which file: its municipality, its kind (the table that describes it) and its id (a UUID). */
export interface FileRef {
  municipalityCode: string;
  kind: string;
  id: string;
}

/** A stored file as listed: its name and when it was last written. */
export interface ListedFile extends FileRef {
  modifiedAt: Date;
}

export interface EncryptedFiles {
  /** The directory under which every file lies. */
  readonly root: string;
  /** Seals and stores the file, durably (fsynced) once this resolves; replaces a file of the same name atomically. */
  write(cipher: FieldCipher, ref: FileRef, plain: Uint8Array): Promise<void>;
  /** The clear file, or undefined when there is none; decryption_failed when it was altered or moved. */
  read(cipher: FieldCipher, ref: FileRef): Promise<Buffer | undefined>;
  /** The id of the key the file is sealed under, or undefined when there is no such file. */
  keyIdOf(ref: FileRef): Promise<string | undefined>;
  /** Deletes the file; true when there was one. */
  remove(ref: FileRef): Promise<boolean>;
  /** Every file of one kind of a municipality, in no particular order. */
  list(municipalityCode: string, kind: string): AsyncIterable<ListedFile>;
  /**
   * Deletes the files of a kind written before `olderThan` that `existing` (given ids, answering those the database
   * knows) does not know, and temporaries left by a write cut off by a crash; returns how many went.
   */
  sweep(municipalityCode: string, kind: string, existing: (ids: string[]) => Promise<Set<string>>, olderThan: Date): Promise<number>;
}

const codePattern = /^\d{6}$/;
const kindPattern = /^[a-z][a-z0-9_]{0,62}$/;
const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The AAD binding a file's content to its name. */
export const fileAad = (ref: FileRef) => JSON.stringify(['madoguchi/file/v1', ref.municipalityCode, ref.kind, ref.id]);

function checked(ref: FileRef): FileRef {
  // Names come from the database, but a path is built from them: nothing but the expected forms gets near the filesystem.
  if (!codePattern.test(ref.municipalityCode) || !kindPattern.test(ref.kind) || !idPattern.test(ref.id)) {
    throw new TypeError(`not a file reference: ${JSON.stringify([ref.municipalityCode, ref.kind, ref.id])}`);
  }
  return ref;
}

/** The answer, or undefined when the file or directory is not there (any other failure still throws). */
async function unlessMissing<T>(operation: Promise<T>): Promise<T | undefined> {
  try {
    return await operation;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The encrypted files under `root` (config.filesDir). */
export function encryptedFiles(root: string): EncryptedFiles {
  const dirOf = (ref: FileRef) => path.join(root, ref.municipalityCode, ref.kind, ref.id.slice(0, 2));
  const pathOf = (ref: FileRef) => path.join(dirOf(checked(ref)), ref.id);

  /** Every entry under a kind's directory; a temporary is named for the id it was written for. */
  async function* walk(municipalityCode: string, kind: string): AsyncIterable<ListedFile & { path: string; temporary: boolean }> {
    checked({ municipalityCode, kind, id: '00000000-0000-0000-0000-000000000000' });
    const base = path.join(root, municipalityCode, kind);
    const prefixes = (await unlessMissing(fs.readdir(base))) ?? [];
    for (const prefix of prefixes) {
      const names = (await unlessMissing(fs.readdir(path.join(base, prefix)))) ?? [];
      for (const name of names) {
        const id = name.slice(0, 36);
        if (!idPattern.test(id)) continue;
        const file = path.join(base, prefix, name);
        const stat = await unlessMissing(fs.stat(file));
        if (stat) yield { municipalityCode, kind, id, modifiedAt: stat.mtime, path: file, temporary: name.length > 36 };
      }
    }
  }

  // Directories known to exist, so a write does not ask again; one created is made durable in its parent.
  const knownDirs = new Set<string>();
  async function ensureDir(dir: string): Promise<void> {
    if (knownDirs.has(dir)) return;
    const created = await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    for (let d = dir; created && d !== path.dirname(created); d = path.dirname(d)) await syncDir(path.dirname(d));
    knownDirs.add(dir);
  }

  async function syncDir(dir: string): Promise<void> {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  return {
    root,
    async write(cipher, ref, plain) {
      if (cipher.municipalityCode !== ref.municipalityCode) throw new TypeError('cipher of another municipality');
      const target = pathOf(ref);
      const dir = path.dirname(target);
      await ensureDir(dir);
      const sealed = cipher.encryptBytes(plain, fileAad(ref));
      // A new file is written where it belongs, refusing to replace one: an id names one file for good, and a write
      // cut short leaves a file that fails its GCM tag and has no row (the sweep's). fdatasync flushes the data and the
      // size, and on ext4 and XFS also a new file's directory entry. Replacing (rotation) goes through a temporary name and a rename.
      const open = (name: string) => fs.open(name, 'wx', 0o600);
      let written = target;
      let handle = await open(target).catch(async (e: unknown) => {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          // The directory went since it was seen (a restore, an operator's cleanup): made again.
          knownDirs.delete(dir);
          await ensureDir(dir);
          return open(target);
        }
        if (code !== 'EEXIST') throw e;
        return undefined;
      });
      if (!handle) {
        written = `${target}.${randomBytes(6).toString('hex')}.tmp`;
        handle = await open(written);
      }
      try {
        await handle.writeFile(sealed);
        await handle.datasync();
      } catch (e) {
        await handle.close();
        await fs.rm(written, { force: true });
        throw e;
      }
      await handle.close();
      if (written !== target) {
        await fs.rename(written, target);
        await syncDir(dir);
      }
    },
    async read(cipher, ref) {
      if (cipher.municipalityCode !== ref.municipalityCode) throw new TypeError('cipher of another municipality');
      const sealed = await unlessMissing(fs.readFile(pathOf(ref)));
      return sealed && cipher.decryptBytes(sealed, fileAad(ref));
    },
    async keyIdOf(ref) {
      const handle = await unlessMissing(fs.open(pathOf(ref), 'r'));
      if (!handle) return undefined;
      try {
        const head = Buffer.alloc(64);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        return parseSealedBytes(head.subarray(0, bytesRead))?.keyId;
      } finally {
        await handle.close();
      }
    },
    async remove(ref) {
      return (await unlessMissing(fs.rm(pathOf(ref)).then(() => true))) ?? false;
    },
    async *list(municipalityCode, kind) {
      for await (const f of walk(municipalityCode, kind)) if (!f.temporary) yield f;
    },
    async sweep(municipalityCode, kind, existing, olderThan) {
      let removed = 0;
      let batch: Array<ListedFile & { path: string; temporary: boolean }> = [];
      const settle = async () => {
        const known = await existing(batch.filter((f) => !f.temporary).map((f) => f.id));
        for (const f of batch) {
          if (f.temporary || !known.has(f.id)) removed += Number((await unlessMissing(fs.rm(f.path).then(() => true))) ?? false);
        }
        batch = [];
      };
      for await (const f of walk(municipalityCode, kind)) {
        // Younger files may belong to a transaction that has not committed yet.
        if (f.modifiedAt >= olderThan) continue;
        batch.push(f);
        if (batch.length === 500) await settle();
      }
      await settle();
      return removed;
    },
  };
}
