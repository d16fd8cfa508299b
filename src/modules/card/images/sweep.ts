// 孤立ファイルの掃除 of document images: fileImage writes the file before the transaction that inserts its row and
// removes it if that fails; a file left by a process that died in between has no row, and the worker deletes it once
// it is an hour old.
import { type EncryptedFiles, orphanSweepJob } from '../../../platform/files/index.ts';
import { cardImageFileKind } from './images.ts';
import { existingImageIds } from './store.ts';

/** What the sweep asks of card images. */
export const cardImageOrphans = { kind: cardImageFileKind, existing: existingImageIds };

/** The worker's job, hourly. */
export const cardImageSweepJob = (files: EncryptedFiles) => orphanSweepJob('sweep-card-image-files', files, cardImageOrphans);
