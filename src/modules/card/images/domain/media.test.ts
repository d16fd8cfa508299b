import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jpegHeadOf, pdfBytes, pngOf, tiffBytes } from '../images.builders.ts';
import { imageSize, type ImageMediaType, sniffImageType } from './media.ts';

describe('document image content', () => {
  const kinds: Array<[string, Buffer, ImageMediaType | undefined]> = [
    ['a PNG', pngOf(4, 3), 'image/png'],
    ['a JPEG', jpegHeadOf(640, 480), 'image/jpeg'],
    ['a PDF', pdfBytes, 'application/pdf'],
    ['a little-endian TIFF', tiffBytes, 'image/tiff'],
    ['a big-endian TIFF', Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]), 'image/tiff'],
    ['HTML', Buffer.from('<html><script>alert(1)</script></html>'), undefined],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), undefined],
    ['a PDF header late in the file', Buffer.from(`<html>${' '.repeat(20)}%PDF-1.4`), undefined],
    ['a ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), undefined],
    ['nothing', Buffer.alloc(0), undefined],
  ];
  for (const [what, bytes, type] of kinds) it(`takes ${what} for ${type ?? 'nothing it files'}`, () => assert.equal(sniffImageType(bytes), type));

  it('reads the size of a PNG and of a JPEG, and none of a PDF or a truncated JPEG', () => {
    assert.deepEqual(imageSize(pngOf(4, 3), 'image/png'), { width: 4, height: 3 });
    assert.deepEqual(imageSize(jpegHeadOf(640, 480), 'image/jpeg'), { width: 640, height: 480 });
    assert.equal(imageSize(pdfBytes, 'application/pdf'), undefined);
    assert.equal(imageSize(jpegHeadOf(640, 480).subarray(0, 12), 'image/jpeg'), undefined);
  });
});
