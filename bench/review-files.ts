// The review extract files from the generator, made once per size and kept in the temporary directory for later runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCity, generateDemoData } from '../src/demo/index.ts';

/** The review files of `residents` generated residents of the demo city, generated on first use. */
export async function reviewFiles(residents: number): Promise<{ residentsFile: string; taxYearsFile: string }> {
  const dir = path.join(os.tmpdir(), `madoguchi-bench-review-${residents}`);
  const done = path.join(dir, '.complete');
  if (!fs.existsSync(done)) {
    console.log(`generating ${residents.toLocaleString('en')} residents into ${dir} (kept for later runs)…`);
    fs.rmSync(dir, { recursive: true, force: true });
    const result = await generateDemoData({ residents, seed: 1, outDir: dir, municipality: demoCity });
    for (const file of result.files) if (!path.basename(file).startsWith('review-')) fs.rmSync(file);
    fs.writeFileSync(done, '');
  }
  return { residentsFile: path.join(dir, 'review-residents.csv'), taxYearsFile: path.join(dir, 'review-tax-years.csv') };
}
