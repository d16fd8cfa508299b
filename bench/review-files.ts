// What the review benches share: the extract files from the generator, made once per size and kept in the temporary
// directory for later runs, and an import that waits its turn.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCity, generateDemoData } from '../src/demo/index.ts';
import { AppError } from '../src/platform/errors.ts';

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

/**
 * Runs the import, waiting while another one holds the municipality's lock: on PostgreSQL the lock is the database's,
 * so an import of the demo city in another schema (another bench, a test) holds it too.
 */
export async function importWhenFree<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'conflict') || attempt === 120) throw e;
      if (attempt === 0) console.log('another import of the demo city is running on this database; waiting for it');
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}
