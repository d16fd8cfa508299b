import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { isoBmff, jpeg, onePage, pdf, png } from './fixtures/files.ts';
import { type AttachmentMediaType, sniffMediaType } from './sniff.ts';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('sniffMediaType: the type is read from the content', () => {
  const cases: Array<[string, Buffer, AttachmentMediaType | undefined]> = [
    ['JPEG (JFIF)', jpeg(), 'image/jpeg'],
    ['JPEG (Exif)', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10]), text('Exif\0\0'), Buffer.alloc(20)]), 'image/jpeg'],
    ['PNG', png(), 'image/png'],
    ['PDF', pdf({ objects: onePage() }), 'application/pdf'],
    ['HEIC from an iPhone (heic, compatible mif1)', isoBmff('heic', ['mif1', 'heic']), 'image/heic'],
    ['HEIC with brand heix', isoBmff('heix', ['mif1', 'heix']), 'image/heic'],
    ['HEIC sequence (hevc)', isoBmff('hevc', ['msf1', 'hevc']), 'image/heic'],
    ['HEIF mif1 with a HEVC compatible brand', isoBmff('mif1', ['mif1', 'heic']), 'image/heic'],
    ['AVIF (mif1 with avif only) is not HEIC', isoBmff('mif1', ['mif1', 'avif']), undefined],
    ['AVIF', isoBmff('avif', ['mif1', 'avif']), undefined],
    ['MP4 video', isoBmff('isom', ['isom', 'mp41']), undefined],
    ['ftyp box longer than the file', Buffer.concat([Buffer.from([0, 0, 1, 0]), text('ftypheic'), Buffer.alloc(8)]), undefined],
    ['Windows EXE', Buffer.concat([text('MZ'), Buffer.alloc(62), text('This program cannot be run in DOS mode')]), undefined],
    ['ELF', Buffer.concat([Buffer.from([0x7f]), text('ELF'), Buffer.alloc(20)]), undefined],
    ['HTML', text('<!DOCTYPE html><html><script>alert(1)</script></html>'), undefined],
    ['SVG', text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), undefined],
    ['ZIP', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26)]), undefined],
    ['GIF', text('GIF89a\x01\x00\x01\x00'), undefined],
    ['PDF header after HTML (a polyglot)', text('<html><script>alert(1)</script>%PDF-1.7\n'), undefined],
    ['PNG signature without IHDR', Buffer.concat([png().subarray(0, 8), deflateSync(Buffer.alloc(16))]), undefined],
    ['plain text', text('本人確認書類です'), undefined],
    ['two bytes of a JPEG', Buffer.from([0xff, 0xd8]), undefined],
    ['empty', Buffer.alloc(0), undefined],
  ];
  for (const [name, content, expected] of cases) {
    it(`${name} → ${expected ?? 'refused'}`, () => assert.equal(sniffMediaType(content), expected));
  }
});
