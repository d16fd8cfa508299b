// What a file really is, from its first bytes: the browser's claimed type and the name's extension are the resident's
// device talking, and an attacker's. Only the four kinds an identity document comes as are recognised.

/** The kinds of attachment accepted. */
export type AttachmentMediaType = 'image/jpeg' | 'image/png' | 'image/heic' | 'application/pdf';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// HEIF brands of HEVC-coded images and sequences (ISO/IEC 23008-12 Annex B); mif1/msf1 are the generic HEIF brands,
// which AVIF uses too, so they count only when a HEVC brand is among the compatible ones.
const hevcBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const genericHeifBrands = new Set(['mif1', 'msf1']);

/** The ISO-BMFF `ftyp` box's brands, or undefined when the file does not start with a well-formed one. */
function ftypBrands(b: Buffer): { major: string; compatible: string[] } | undefined {
  if (b.length < 16 || b.toString('latin1', 4, 8) !== 'ftyp') return undefined;
  const size = b.readUInt32BE(0);
  if (size < 16 || size > b.length || size > 4096 || (size - 16) % 4 !== 0) return undefined;
  const compatible: string[] = [];
  for (let i = 16; i < size; i += 4) compatible.push(b.toString('latin1', i, i + 4));
  return { major: b.toString('latin1', 8, 12), compatible };
}

function isHeic(b: Buffer): boolean {
  const brands = ftypBrands(b);
  if (!brands) return false;
  if (hevcBrands.has(brands.major)) return true;
  return genericHeifBrands.has(brands.major) && brands.compatible.some((c) => hevcBrands.has(c));
}

/** The media type the content is, or undefined for anything else (EXE, HTML, SVG, ZIP, AVIF, …). */
export function sniffMediaType(b: Buffer): AttachmentMediaType | undefined {
  // JPEG: SOI then the first marker's FF (every JPEG/JFIF/Exif file).
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  // PNG: the 8-byte signature, then the IHDR chunk that must come first.
  if (b.length >= 16 && b.subarray(0, 8).equals(pngSignature) && b.toString('latin1', 12, 16) === 'IHDR') return 'image/png';
  // PDF: the header at the very start. Readers accept it within the first 1 KB, which lets an HTML or ZIP file pose as a
  // PDF; a scanner or phone never writes anything before it.
  if (b.length >= 8 && /^%PDF-[12]\.\d/.test(b.toString('latin1', 0, 8))) return 'application/pdf';
  if (isHeic(b)) return 'image/heic';
  return undefined;
}

/** The usual file-name extension of a media type. */
export const extensionOf: Record<AttachmentMediaType, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/heic': '.heic',
  'application/pdf': '.pdf',
};
