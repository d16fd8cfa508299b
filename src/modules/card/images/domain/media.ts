// What a scanned file really is, from its first bytes (the browser's claimed type and the name are the client's word),
// and an image's size in pixels for the viewer. Only what a scanner writes is taken: PDF, JPEG, PNG and TIFF.

export type ImageMediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';

/** The largest file filed: 20 MB. */
export const maxImageBytes = 20 * 1024 * 1024;

/** The usual file-name extension of each type. */
export const extensionOf: Record<ImageMediaType, string> = {
  'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png', 'image/tiff': '.tif',
};

/** Types a browser shows inline in an <img> (TIFF it does not). */
export const showsInline = (t: ImageMediaType): boolean => t === 'image/jpeg' || t === 'image/png';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The media type the content is, or undefined for anything else. */
export function sniffImageType(b: Buffer): ImageMediaType | undefined {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 24 && b.subarray(0, 8).equals(pngSignature) && b.toString('latin1', 12, 16) === 'IHDR') return 'image/png';
  // A scanner writes nothing before the PDF header (a reader's 1 KB tolerance lets other files pose as a PDF).
  if (b.length >= 8 && /^%PDF-[12]\.\d/.test(b.toString('latin1', 0, 8))) return 'application/pdf';
  // TIFF: byte order, then 42 in that order.
  if (b.length >= 8 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 42 && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 42))) return 'image/tiff';
  return undefined;
}

/** Width and height in pixels of a JPEG or PNG, or undefined when they cannot be read. */
export function imageSize(b: Buffer, type: ImageMediaType): { width: number; height: number } | undefined {
  if (type === 'image/png') return sized(b.readUInt32BE(16), b.readUInt32BE(20));
  if (type !== 'image/jpeg') return undefined;
  // Walk the markers to the first start-of-frame (SOF0–SOF15 but DHT C4, JPG C8 and DAC CC).
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized(b.readUInt16BE(i + 7), b.readUInt16BE(i + 5));
    }
    if (length < 2) return undefined;
    i += 2 + length;
  }
  return undefined;
}

const sized = (width: number, height: number) => (width > 0 && height > 0 && width <= 100_000 && height <= 100_000 ? { width, height } : undefined);
