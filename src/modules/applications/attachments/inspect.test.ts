import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { isoBmff, jpeg, onePage, pdf, type PdfObject, png } from './fixtures/files.ts';
import { inspectUpload, MAX_ATTACHMENT_BYTES, type RefusalReason } from './inspect.ts';
import { createAttachmentScanner } from './scanner.ts';
import type { AttachmentMediaType } from './sniff.ts';

// The real scanner over a signature folder that is empty: every accepted file is not_scanned (scanning itself is
// tested in scanner.test.ts).
const noSignatures = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-inspect-'));
const scanner = createAttachmentScanner({ clamav: { database: noSignatures } }, { log: { warn: () => undefined } });
const js: PdfObject = { body: '<< /S /JavaScript /JS (this.exportDataObject\\({cName: "a"}\\)) >>' };

/** A JPEG padded with a comment segment's worth of bytes to the given size (still starts like a JPEG). */
const jpegOfSize = (size: number) => Buffer.concat([jpeg(), Buffer.alloc(size - jpeg().length, 0x20)]);

describe('inspectUpload', () => {
  after(() => fs.rmSync(noSignatures, { recursive: true, force: true }));

  const accepted: Array<[string, Buffer, AttachmentMediaType]> = [
    ['a JPEG photo', jpeg(), 'image/jpeg'],
    ['a PNG (whatever it was called: "免許証.jpg")', png(), 'image/png'],
    ['a HEIC from a phone', isoBmff('heic', ['mif1', 'heic']), 'image/heic'],
    ['a scanned PDF', pdf({ objects: onePage() }), 'application/pdf'],
    ['exactly 10 MB', jpegOfSize(MAX_ATTACHMENT_BYTES), 'image/jpeg'],
  ];
  for (const [name, content, mediaType] of accepted) {
    it(`accepts ${name} as ${mediaType}`, async () => {
      const result = await inspectUpload(content, scanner);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.mediaType, mediaType);
      assert.equal(result.scanResult, 'not_scanned');
      assert.match(result.sha256, /^[0-9a-f]{64}$/);
    });
  }

  const refused: Array<[string, Buffer, RefusalReason]> = [
    ['an empty file', Buffer.alloc(0), 'empty'],
    ['10 MB + 1 byte', jpegOfSize(MAX_ATTACHMENT_BYTES + 1), 'too_large'],
    ['an EXE renamed to .jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'wrong_type'],
    ['an HTML page', Buffer.from('<html><body onload="alert(1)"></body></html>'), 'wrong_type'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'wrong_type'],
    ['a ZIP', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]), 'wrong_type'],
    ['a PDF with JavaScript', pdf({ objects: onePage('/OpenAction 4 0 R ', [js]) }), 'pdf_javascript'],
    ['a PDF with JavaScript in a compressed object stream', pdf({ objects: onePage('/OpenAction 4 0 R ', [js]), compressed: [1, 2, 3, 4] }), 'pdf_javascript'],
    ['a PDF with #-escaped names', pdf({ objects: onePage('/OpenAction << /S /J#61vaScript /J#53 (1) >> ') }), 'pdf_javascript'],
  ];
  for (const [name, content, reason] of refused) {
    it(`refuses ${name}: ${reason}, with a message in Japanese and English`, async () => {
      const result = await inspectUpload(content, scanner);
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      assert.equal(result.reason, reason);
      assert.match(result.message.ja, /[ぁ-ん]/);
      assert.match(result.message.en, /^[A-Z][\x20-\x7e]+\.$/);
    });
  }
});
