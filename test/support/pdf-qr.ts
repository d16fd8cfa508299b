// Reading a certificate PDF as a phone would: the page rasterised by poppler's pdftoppm, the QR decoded by jsQR.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import jsQRModule from 'jsqr';

// jsqr is CommonJS with its function on `default`.
const jsQR = jsQRModule.default;

/** A rectangle of the page in points, from its top left corner. */
export interface Crop {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The page (or a part of it, in points) of the PDF file rendered in grey at `dpi`: one byte a pixel, row by row. */
export function renderGray(file: string, dpi: number, crop: Crop): { width: number; height: number; gray: Uint8Array } {
  const px = (pt: number) => String(Math.round((pt * dpi) / 72));
  const pgm = execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-x', px(crop.x), '-y', px(crop.y), '-W', px(crop.w), '-H', px(crop.h), file]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  assert.ok(header, 'pdftoppm wrote a PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, gray: pgm.subarray(header[0].length, header[0].length + width * height) };
}

/** The lower left quarter of an A4 page, where the certificate prints its QR. */
const qrQuarter: Crop = { x: 0, y: 421, w: 298, h: 421 };

/** The text of the QR printed on the certificate PDF file, or undefined when none decodes (read at 200 dpi). */
export function readQr(file: string, crop: Crop = qrQuarter): string | undefined {
  const { width, height, gray } = renderGray(file, 200, crop);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < gray.length; i++) rgba.set([gray[i]!, gray[i]!, gray[i]!, 255], i * 4);
  return jsQR(rgba, width, height)?.data;
}
