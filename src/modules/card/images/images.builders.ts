// Test data for document images: small real PNG and JPEG files (so sniffing, sizing and a browser all accept them),
// a file store and cipher of their own, and a filing with overrides.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { fieldCipher, type FieldCipher, type MasterKey, masterKeyFrom, newSecretKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { type EncryptedFiles, encryptedFiles } from '../../../platform/files/index.ts';
import { MC } from '../card.builders.ts';
import type { ImageFiling } from './images.ts';

function crc32(b: Buffer): number {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A real PNG of width × height: the left half dark, the right half light (so a turn is visible). */
export function pngOf(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = x < width / 2 ? 40 : 220;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The head of a baseline JPEG (SOI, APP0, SOF0 of width × height): enough for sniffing and sizing. */
export function jpegHeadOf(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const tiffBytes = Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0, 0, 0]);

/** A filing of page 1 of an application form, with overrides. */
export const buildFiling = (applicantId: string, o: Partial<ImageFiling> = {}): ImageFiling => ({
  applicantId, fiscalYear: 2026, businessCategory: 'application', documentCategory: 'application_form', documentNumber: 'A-0001', kanjiName: '見本 花子',
  pageNumber: 1, ...o,
});

/** A file store in a temporary folder and the test city's cipher. */
export async function imageStore(db: Db): Promise<{ files: EncryptedFiles; cipher: FieldCipher; master: MasterKey; root: string; remove(): void }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-card-images-'));
  const master = masterKeyFrom(newSecretKey(), 'test');
  const cipher = await fieldCipher(db, master, MC);
  return { files: encryptedFiles(root), cipher, master, root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
