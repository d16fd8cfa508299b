// A PDF as the real tools see it: qpdf --check must pass (it exits non-zero on any structural error), and the text
// is what pdftotext extracts, so a test asserts on what a reader (or a screen reader) gets out of the file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The PDF's text after qpdf --check has passed; pages are separated by form feeds. */
export function checkedPdfText(pdf: Buffer, options: { layout?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-pdf-'));
  try {
    const file = path.join(dir, 'checked.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return execFileSync('pdftotext', [...(options.layout === false ? [] : ['-layout']), file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
