// Where the command line writes: stdout for results, stderr for errors; and the standard input a command reads
// (--password-stdin). All replaceable, so that tests run commands inside their own process.
import fs from 'node:fs';

export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Standard input, read to its end. */
  readInput(): string;
}

/** The process's own streams. */
export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readInput: () => fs.readFileSync(0, 'utf8'),
};

/** The columns a terminal gives a text: East Asian wide characters take two. */
export function displayColumns(text: string): number {
  let columns = 0;
  for (const ch of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return columns;
}

/** Pads to a column width counting East Asian wide characters as two columns, as terminals show them. */
export function padColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(1, width - displayColumns(text)));
}
