// What an import of the extract keeps in memory, sized for 1.5 M residents and kept out of the garbage-collected heap
// where it is big: each resident's tax years as a bit set in a hash table of typed arrays, the 住記個人番号 seen (for
// duplicates) in typed arrays, the problems found (the first few, and a count), and the batch of readings on its way
// to the database.
import type { Kysely } from 'kysely';
import { describeRowError, type DescribedRowError, type RowError } from '../../platform/csv/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { extractRowMessages, type TaxYearWindow } from './extract-rows.ts';
import type { NameKind } from './domain/index.ts';
import { NumberTable } from './number-table.ts';
import { insertReadings, type ReadingColumns } from './store.ts';

/** Which file a problem is in. */
export type ExtractFile = 'residents' | 'tax_years';

const FILE_LABELS = {
  residents: { ja: '住民ファイル', en: 'Residents file' },
  tax_years: { ja: '課税年度ファイル', en: 'Tax-years file' },
} as const satisfies Record<ExtractFile, { ja: string; en: string }>;

/** A problem as the rejection lists it: file, line, column, code, and the message in both languages. */
export interface ExtractProblem extends DescribedRowError {
  file: ExtractFile;
}

/** The problems of both files: the first `max` of each in line order, and how many there are in all. */
export class Problems {
  count = 0;
  readonly #kept: Record<ExtractFile, RowError[]> = { residents: [], tax_years: [] };

  constructor(private readonly max: number) {}

  /** Counts a problem and keeps it while fewer than `max` of its file are kept. */
  add(file: ExtractFile, error: RowError): void {
    this.count++;
    this.list(file, error);
  }

  /** Keeps a problem already counted elsewhere (found again on a second reading, to give its line). */
  list(file: ExtractFile, error: RowError): void {
    if (this.#kept[file].length < this.max) this.#kept[file].push(error);
  }

  /** The residents file's problems, then the tax-years file's, each in line order; `max` in all. */
  described(): ExtractProblem[] {
    return (['residents', 'tax_years'] as const)
      .flatMap((file) =>
        [...this.#kept[file]].sort((a, b) => a.line - b.line).map((error): ExtractProblem => {
          const described = describeRowError(error, extractRowMessages);
          const label = FILE_LABELS[file];
          return { ...described, file, ja: `${label.ja} ${described.ja}`, en: `${label.en}: ${described.en}` };
        }),
      )
      .slice(0, this.max);
  }
}

const SEEN = 1 << 30;

/** Each 住記個人番号's 課税年度 as bits of one number (30 years), and whether the residents file named it. */
export class TaxYears {
  readonly #bits = new NumberTable();
  readonly #literals = new Map<number, string>();
  rows = 0;

  constructor(private readonly window: TaxYearWindow) {}

  /** Records a row; false when this number already has this year. */
  add(number: number, year: number): boolean {
    const bit = 1 << (year - this.window.first);
    const bits = this.#bits.get(number) ?? 0;
    if (bits & bit) return false;
    this.#bits.set(number, bits | bit);
    this.rows++;
    return true;
  }

  /** The resident's years as an array literal ('{2024,2025}', or '{}'), marking the number as a resident. */
  claim(number: number): string {
    const bits = this.#bits.get(number);
    if (bits === undefined) return '{}';
    this.#bits.set(number, bits | SEEN);
    return this.#literal(bits & ~SEEN);
  }

  /** True when some number of the tax file was not claimed by any resident. */
  hasUnclaimed(): boolean {
    for (const bits of this.#bits.values()) if (!(bits & SEEN)) return true;
    return false;
  }

  /** True when the number is in the tax file but no resident has it. */
  isUnclaimed(number: number): boolean {
    const bits = this.#bits.get(number);
    return bits !== undefined && !(bits & SEEN);
  }

  #literal(bits: number): string {
    let literal = this.#literals.get(bits);
    if (literal === undefined) {
      const years: number[] = [];
      for (let i = 0; i < 30; i++) if (bits & (1 << i)) years.push(this.window.first + i);
      literal = `{${years.join(',')}}`;
      this.#literals.set(bits, literal);
    }
    return literal;
  }
}

/** The 住記個人番号 of the residents file with their lines, in 12 bytes a resident, to find the duplicates at the end. */
export class ResidentNumbers {
  #numbers = new Float64Array(1 << 16);
  #lines = new Int32Array(1 << 16);
  count = 0;

  push(number: number, line: number): void {
    if (this.count === this.#numbers.length) {
      const numbers = new Float64Array(this.count * 2);
      numbers.set(this.#numbers);
      this.#numbers = numbers;
      const lines = new Int32Array(this.count * 2);
      lines.set(this.#lines);
      this.#lines = lines;
    }
    this.#numbers[this.count] = number;
    this.#lines[this.count] = line;
    this.count++;
  }

  /** Every line whose number an earlier line already had, with that first line; sorting a copy finds whether any. */
  duplicates(): Array<{ line: number; firstLine: number }> {
    const sorted = this.#numbers.slice(0, this.count).sort();
    const repeated = new Set<number>();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
    if (repeated.size === 0) return [];
    const first = new Map<number, number>();
    const found: Array<{ line: number; firstLine: number }> = [];
    for (let i = 0; i < this.count; i++) {
      const number = this.#numbers[i]!;
      if (!repeated.has(number)) continue;
      const firstLine = first.get(number);
      if (firstLine === undefined) first.set(number, this.#lines[i]!);
      else found.push({ line: this.#lines[i]!, firstLine });
    }
    return found;
  }
}

/** Rows per insert: enough to spread a statement's cost, few enough that a batch's text stays out of V8's large-object space. */
const batchSize = 2000;

const COMMA = 0x2c;
const SEMICOLON = 0x3b;

/**
 * One column of a batch as ASCII bytes in a reused buffer, values separated by `separator`. The values (blind indexes,
 * numbers, array literals) are copied out of their strings at once, so those die young; strings kept for a whole
 * batch would be promoted by the garbage collector and swell the heap of a million-row import.
 */
class Column {
  #bytes = Buffer.allocUnsafe(64 * 1024);
  #length = 0;

  constructor(private readonly separator: number) {}

  push(value: string): void {
    if (this.#length + value.length + 1 > this.#bytes.length) {
      const bigger = Buffer.allocUnsafe(this.#bytes.length * 2 + value.length);
      this.#bytes.copy(bigger, 0, 0, this.#length);
      this.#bytes = bigger;
    }
    if (this.#length > 0) this.#bytes[this.#length++] = this.separator;
    this.#length += this.#bytes.write(value, this.#length, 'latin1');
  }

  /** The joined values, and the column emptied for the next batch. */
  take(): string {
    const text = this.#bytes.toString('latin1', 0, this.#length);
    this.#length = 0;
    return text;
  }
}

/**
 * Readings on their way to review_reading, a batch at a time, one insert in flight while the next batch is built:
 * the database works on one core while the parsing and hashing go on in the other.
 */
export class ReadingWriter {
  readonly #columns = {
    residentIds: new Column(COMMA),
    kinds: new Column(COMMA),
    strictKeys: new Column(COMMA),
    looseKeys: new Column(COMMA),
    postalKeys: new Column(COMMA),
    taxYears: new Column(SEMICOLON),
  };
  #pending = 0;
  #inFlight: Promise<void> = Promise.resolve();
  #failure: Error | undefined;
  rows = 0;

  constructor(
    private readonly session: Kysely<Database>,
    private readonly municipalityCode: string,
    private readonly generation: number,
  ) {}

  /** Adds one reading's row: every value ASCII (digits, a kind, base64url keys, an array literal of years). */
  add(residentId: number, kind: NameKind, strictKey: string, looseKey: string, postalKey: string, taxYears: string): void {
    const c = this.#columns;
    c.residentIds.push(String(residentId));
    c.kinds.push(kind);
    c.strictKeys.push(strictKey);
    c.looseKeys.push(looseKey);
    c.postalKeys.push(postalKey);
    c.taxYears.push(taxYears);
    this.#pending++;
  }

  /** Sends the batch when it is full, after the previous one is written. */
  async flushIfFull(): Promise<void> {
    if (this.#pending >= batchSize) await this.#send();
  }

  /** Sends what is left and waits for every insert. */
  async finish(): Promise<void> {
    if (this.#pending > 0) await this.#send();
    await this.#settled();
  }

  /** Waits for the insert in flight, failed or not, before the generation is discarded. */
  async abandon(): Promise<void> {
    await this.#inFlight;
  }

  async #send(): Promise<void> {
    await this.#settled();
    const c = this.#columns;
    const batch: ReadingColumns = {
      residentIds: c.residentIds.take(),
      kinds: c.kinds.take(),
      strictKeys: c.strictKeys.take(),
      looseKeys: c.looseKeys.take(),
      postalKeys: c.postalKeys.take(),
      taxYears: c.taxYears.take(),
    };
    this.rows += this.#pending;
    this.#pending = 0;
    // Kept as a promise, not awaited: a failure is rethrown by the next #settled, never left unhandled.
    this.#inFlight = insertReadings(this.session, this.municipalityCode, this.generation, batch).catch((e: unknown) => {
      this.#failure = e instanceof Error ? e : new Error(String(e));
    });
  }

  async #settled(): Promise<void> {
    await this.#inFlight;
    if (this.#failure !== undefined) throw this.#failure;
  }
}
