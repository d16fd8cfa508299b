import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { onePage, pdf, type PdfObject } from './fixtures/files.ts';
import { findPdfActiveContent, pdfNames } from './pdf-script.ts';

const js: PdfObject = { body: '<< /S /JavaScript /JS (app.alert\\(1\\)) >>' };
const escapedJs: PdfObject = { body: '<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>' };
const objects = (catalogExtra: string, extra: PdfObject[] = []) => onePage(catalogExtra, extra);
const hex = (b: Buffer) => Buffer.from(`${b.toString('hex')}>`, 'latin1');

// Image data that happens to hold "/JS" and "/AA" bytes: binary, not names, and no reason to refuse a scan.
const imageWithBytes = Buffer.concat([randomBytes(64), Buffer.from(' /JS /AA ', 'latin1'), randomBytes(64)]);
const image: PdfObject = { body: '<< /Type /XObject /Subtype /Image /Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode >>', stream: imageWithBytes };

describe('findPdfActiveContent', () => {
  const cases: Array<[string, Buffer, string | undefined]> = [
    ['a plain one-page PDF', pdf({ objects: objects('') }), undefined],
    ['objects in a compressed object stream, nothing active', pdf({ objects: objects(''), compressed: [1, 2, 3] }), undefined],
    ['an /OpenAction that only opens page 1', pdf({ objects: objects('/OpenAction [3 0 R /Fit] ') }), undefined],
    ['an image whose bytes contain /JS', pdf({ objects: objects('', [image]) }), undefined],
    ['OpenAction with JavaScript', pdf({ objects: objects('/OpenAction 4 0 R ', [js]) }), 'JavaScript'],
    ['a document-level JavaScript name tree', pdf({ objects: objects('/Names << /JavaScript 4 0 R >> ', [{ body: '<< /Names [(a) 5 0 R] >>' }, js]) }), 'JavaScript'],
    ['additional actions (/AA) on the page', pdf({ objects: [...objects(''), { body: '<< /Type /Page /Parent 2 0 R /AA << /O 5 0 R >> >>' }] }), 'AA'],
    ['a Launch action', pdf({ objects: objects('/OpenAction << /S /Launch /F (cmd.exe) >> ') }), 'Launch'],
    ['an embedded file', pdf({ objects: objects('/Names << /EmbeddedFiles 4 0 R >> ', [{ body: '<< /Names [] >>' }]) }), 'EmbeddedFiles'],
    ['names escaped with #xx (/J#61vaScript)', pdf({ objects: objects('/OpenAction 4 0 R ', [escapedJs]) }), 'JavaScript'],
    ['JavaScript inside a Flate object stream', pdf({ objects: objects('/OpenAction 4 0 R ', [js]), compressed: [1, 2, 3, 4] }), 'JavaScript'],
    ['escaped names inside an object stream whose /Type and /Filter are escaped too',
      pdf({ objects: objects('/OpenAction 4 0 R ', [escapedJs]), compressed: [1, 2, 3, 4], objStmType: '/Obj#53tm', objStmFilter: '/Fl#61teDecode' }), 'JavaScript'],
    ['JavaScript in an object stream without /Type (found by /N and /First)',
      pdf({ objects: objects('/OpenAction 4 0 R ', [{ body: '<< /S /Launch /F (x) >>' }]), compressed: [4], objStmType: '/XObject' }), 'Launch'],
    ['JavaScript in an ASCIIHex object stream', pdf({ objects: objects('/OpenAction 4 0 R ', [js]), compressed: [1, 2, 3, 4], objStmFilter: '/ASCIIHexDecode', encodeObjStm: hex }), 'JavaScript'],
    ['an object stream we cannot decode (LZW) is refused unread',
      pdf({ objects: objects(''), compressed: [1, 2, 3], objStmFilter: '/LZWDecode', encodeObjStm: (b) => b }), 'unreadable object stream'],
    ['a Flate object stream that is not Flate is refused unread',
      pdf({ objects: objects(''), compressed: [1, 2, 3], encodeObjStm: () => Buffer.from('\xff\xff\xff\xff not deflate at all', 'latin1') }), 'unreadable object stream'],
    ['JavaScript hidden in an "image" stream', pdf({ objects: objects('', [{ ...image, stream: Buffer.from('<< /S /JavaScript /JS (x) >>', 'latin1') }]) }), 'JavaScript'],
  ];
  for (const [name, content, expected] of cases) {
    it(`${name} → ${expected ?? 'accepted'}`, () => assert.equal(findPdfActiveContent(content), expected));
  }

  it('refuses a decompression bomb (110 MB of zeros in 110 KB) instead of inflating it', () => {
    const bomb = pdf({ objects: objects(''), compressed: [1, 2, 3], encodeObjStm: () => deflateSync(Buffer.alloc(110 * 1024 * 1024)) });
    assert.equal(findPdfActiveContent(bomb), 'unreadable object stream');
  });

  it('decodes #xx escapes in names', () => {
    assert.deepEqual(pdfNames('/J#61vaScript /A#41 /Type/Page /#4A#53'), ['JavaScript', 'AA', 'Type', 'Page', 'JS']);
  });
});
