// Files uploaded to the console's imports (tax records, the review extract, 公金受取口座 results): a form post with one
// or more file fields, each streamed to disk in a private folder of its own per request (0700, the files 0600), so a
// file of hundreds of megabytes never sits in memory. The folder is removed after the answer, or by the job a route
// hands it to. Registered on a plugin scope of its own, so that only that scope's routes parse multipart bodies; the
// guard checks the capability before the body is read and the csrf field after.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** An uploaded file as the parser leaves it in the body: a class, so no text field can pass for it. */
export class UploadedFile {
  constructor(readonly path: string, readonly bytes: number, readonly truncated: boolean) {}
}

/** Removes an upload folder (and what is in it); never throws. */
export const removeUploadDir = (dir: string): Promise<void> => fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined);

export interface FileUploadOptions {
  /** The file fields taken; any other file part is read and dropped. */
  fileFields: readonly string[];
  /** Text fields allowed besides (csrf, encoding, …). */
  textFields: number;
  maxBytes: number;
  /** Names the temporary folders: madoguchi-<name>-<pid>-…. */
  folderName: string;
}

export interface FileUploads {
  /** The request's folder, handed over: it is no longer removed with the answer, the caller removes it. */
  take(req: FastifyRequest): string | undefined;
  /** Removes the request's folder now (before a refusal is answered). */
  release(req: FastifyRequest): Promise<void>;
}

/** Makes `scope` take the file fields of multipart posts; each file is the body's field value, an UploadedFile. */
export async function acceptFileUploads(scope: FastifyInstance, o: FileUploadOptions): Promise<FileUploads> {
  const dirs = new WeakMap<FastifyRequest, string>();
  const take = (req: FastifyRequest) => {
    const dir = dirs.get(req);
    dirs.delete(req);
    return dir;
  };
  const release = async (req: FastifyRequest) => {
    const dir = take(req);
    if (dir) await removeUploadDir(dir);
  };
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: o.maxBytes, files: o.fileFields.length, fields: o.textFields, parts: o.fileFields.length + o.textFields + 1, fieldSize: 4096, headerPairs: 50 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      if (!o.fileFields.includes(part.fieldname)) {
        part.file.resume();
        return;
      }
      let dir = dirs.get(this);
      if (!dir) {
        dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), `madoguchi-${o.folderName}-${process.pid}-`));
        dirs.set(this, dir);
        await fs.promises.chmod(dir, 0o700);
      }
      const file = path.join(dir, `${part.fieldname}-${randomBytes(6).toString('hex')}.upload`);
      await pipeline(part.file, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      (part as MultipartFile & { value: unknown }).value = new UploadedFile(file, (await fs.promises.stat(file)).size, part.file.truncated);
    },
  });
  scope.addHook('onResponse', release);
  scope.addHook('onRequestAbort', release);
  scope.addHook('onError', release);
  return { take, release };
}
