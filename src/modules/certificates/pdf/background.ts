// The anti-forgery background: a light guilloche of interlaced fine waves over the whole page, the latent word
// 「複写」 in coarse dots of the same tone (a copier drops the fine lines and keeps the dots, so a copy shows the word),
// and microtext lines repeating the municipality's name and the certificate number.
//
// The waves and the dots are PDF tiling patterns: one small cell each, so the page costs a handful of operators
// whatever its area. The word's outline comes from the certificate font and is computed once per process.

import type PDFDocument from 'pdfkit';
import { certificateFont } from './font.ts';
import { fontFor } from './form-font.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** The background's single light tone: the latent word must match the waves' tone to stay hidden on the original. */
export const PATTERN_TONE = '#8fbfa5';
const MICROTEXT_TONE = '#5f957a';
const LATENT_WORD = '複写';

const f = (n: number): string => String(Math.round(n * 100) / 100);
// The latent word's outline is 200 pt tall: a tenth of a point is finer than any copier sees.
const f1 = (n: number): string => String(Math.round(n * 10) / 10);

// One period of a sine as four cubic Béziers (quarter-wave approximation, within 0.1 % of the curve).
function sinePeriod(width: number, amplitude: number, middle: number, sign: 1 | -1): string {
  const k = width / (2 * Math.PI);
  const quarter: [number, number][] = [[0.5125, 0.5125], [1.0049, 1], [Math.PI / 2, 1]];
  const mirrored: [number, number][] = [[Math.PI - 1.0049, 1], [Math.PI - 0.5125, 0.5125], [Math.PI, 0]];
  const half = [...quarter, ...mirrored];
  const points = [...half, ...half.map(([x, y]) => [x + Math.PI, -y] as [number, number])];
  const ops = [`0 ${f(middle)} m`];
  for (let i = 0; i < points.length; i += 3) {
    const xy = points.slice(i, i + 3).map(([x, y]) => `${f(x * k)} ${f(middle + sign * y * amplitude)}`);
    ops.push(`${xy.join(' ')} c`);
  }
  return ops.join(' ');
}

// Wave cell: two interlaced sines; 0.35 pt lines on 48 × 14 pt cover about 6 % of the paper.
const WAVE = { width: 48, height: 14, amplitude: 5, line: 0.35 };
const waveCell = `${WAVE.line} w ${sinePeriod(WAVE.width, WAVE.amplitude, WAVE.height / 2, 1)} S ${sinePeriod(WAVE.width, WAVE.amplitude, WAVE.height / 2, -1)} S`;

// Dot cell: one 1.7 pt dot per 6 × 6 pt, the same 6 % of ink, coarse enough to survive a copy.
const DOT = { cell: 6, radius: 0.85 };
// The word's strokes are widened by this much: a 明朝 hairline is thinner than a dot cell.
const EMBOLDEN = 7;
function circle(cx: number, cy: number, r: number): string {
  const c = r * 0.5523;
  return [
    `${f(cx + r)} ${f(cy)} m`,
    `${f(cx + r)} ${f(cy + c)} ${f(cx + c)} ${f(cy + r)} ${f(cx)} ${f(cy + r)} c`,
    `${f(cx - c)} ${f(cy + r)} ${f(cx - r)} ${f(cy + c)} ${f(cx - r)} ${f(cy)} c`,
    `${f(cx - r)} ${f(cy - c)} ${f(cx - c)} ${f(cy - r)} ${f(cx)} ${f(cy - r)} c`,
    `${f(cx + c)} ${f(cy - r)} ${f(cx + r)} ${f(cy - c)} ${f(cx + r)} ${f(cy)} c h`,
  ].join(' ');
}
const dotCell = `${circle(DOT.cell / 2, DOT.cell / 2, DOT.radius)} f`;

/** A word's outline as PDF path operators, its em box `size` points high with its top left at (x, y) (y downwards). */
export function wordOutline(word: string, x: number, y: number, size: number): string {
  const font = certificateFont();
  const scale = size / font.unitsPerEm;
  const baseline = y + font.ascent * scale;
  const run = font.layout(word);
  const ops: string[] = [];
  let penX = x;
  run.glyphs.forEach((glyph, i) => {
    let cx = 0;
    let cy = 0;
    const px = (gx: number): number => penX + gx * scale;
    const py = (gy: number): number => baseline - gy * scale;
    for (const { command, args } of glyph.path.commands) {
      const a = args;
      if (command === 'moveTo' || command === 'lineTo') {
        ops.push(`${f1(px(a[0]!))} ${f1(py(a[1]!))} ${command === 'moveTo' ? 'm' : 'l'}`);
        [cx, cy] = [a[0]!, a[1]!];
      } else if (command === 'quadraticCurveTo') {
        // A quadratic Bézier as the cubic PDF draws: controls at two thirds towards the quadratic's control point.
        const [qx, qy, ex, ey] = a as [number, number, number, number];
        const c1 = [cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy)] as const;
        const c2 = [ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey)] as const;
        ops.push(`${f1(px(c1[0]))} ${f1(py(c1[1]))} ${f1(px(c2[0]))} ${f1(py(c2[1]))} ${f1(px(ex))} ${f1(py(ey))} c`);
        [cx, cy] = [ex, ey];
      } else if (command === 'bezierCurveTo') {
        ops.push(`${f1(px(a[0]!))} ${f1(py(a[1]!))} ${f1(px(a[2]!))} ${f1(py(a[3]!))} ${f1(px(a[4]!))} ${f1(py(a[5]!))} c`);
        [cx, cy] = [a[4]!, a[5]!];
      } else if (command === 'closePath') {
        ops.push('h');
      }
    }
    penX += run.positions[i]!.xAdvance * scale;
  });
  return ops.join(' ');
}

let latentCache: { key: string; outline: string } | undefined;

function latentWord(pageWidth: number, pageHeight: number): string {
  const key = `${pageWidth}x${pageHeight}`;
  if (latentCache?.key !== key) {
    const size = pageWidth * 0.34;
    const x = (pageWidth - size * LATENT_WORD.length) / 2;
    latentCache = { key, outline: wordOutline(LATENT_WORD, x, pageHeight * 0.42 - size / 2, size) };
  }
  return latentCache.outline;
}

/** Paints the waves, the latent 「複写」 and the microtext lines on the current page, under everything else. */
export function drawBackground(doc: Doc, microtext: string): void {
  const { width, height } = doc.page;
  const waves = doc.pattern([0, 0, WAVE.width, WAVE.height], WAVE.width, WAVE.height, waveCell);
  const dots = doc.pattern([0, 0, DOT.cell, DOT.cell], DOT.cell, DOT.cell, dotCell);
  const word = latentWord(width, height);
  doc.save();
  doc.fillColor([waves, PATTERN_TONE]);
  doc.addContent(`0 0 ${f(width)} ${f(height)} re f`);
  // The word's area: blanked, then dotted in the same tone.
  doc.lineWidth(EMBOLDEN).lineJoin('round');
  doc.fillColor('white').strokeColor('white');
  doc.addContent(`${word} B`);
  doc.fillColor([dots, PATTERN_TONE]).strokeColor([dots, PATTERN_TONE]);
  doc.addContent(`${word} B`);
  doc.restore();
  drawMicrotext(doc, microtext, [20, height - 23]);
}

function drawMicrotext(doc: Doc, unit: string, lines: number[]): void {
  const size = 2.2;
  const margin = 20;
  const item = `${unit} `;
  fontFor(doc, item).save().fontSize(size).fillColor(MICROTEXT_TONE);
  const repeats = Math.floor((doc.page.width - 2 * margin) / doc.widthOfString(item));
  const text = item.repeat(Math.max(1, repeats)).trimEnd();
  for (const y of lines) doc.text(text, margin, y, { lineBreak: false });
  doc.restore();
}
