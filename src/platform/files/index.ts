// The encrypted file store: what modules, the worker and the CLI use from platform/files.
export { disposeQueuedFiles, fileDisposalJob } from './disposal.ts';
export { type EncryptedFiles, encryptedFiles, fileAad, type FileRef, type ListedFile } from './encrypted-files.ts';
export { type OrphanSweep, orphanSweepJob, sweepOrphanFiles } from './orphans.ts';
export { registeredFileKinds, registerFileKind } from './registry.ts';
export { reencryptFiles } from './rotate.ts';
