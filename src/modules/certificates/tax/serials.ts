// 電子証明書シリアル番号の取込 (issue 6, kiosk issuance): the registry side's mapping from the serial number of each
// resident's 利用者証明用電子証明書 to the resident (住記個人番号), `住記個人番号,シリアル番号`. The file replaces the whole
// mapping in one transaction, or nothing changes.
//
// A 住記個人番号 need not have a tax record (the registry knows people the tax side does not: the kiosk then refuses with
// no_record). A serial number is 1–40 ASCII letters and digits; it is a number written in hexadecimal, so it is stored
// and compared in upper case. A serial may appear once; a person may have several (a renewed card's old certificate is
// revoked by J-LIS, and the kiosk never presents it).
import { sql } from 'kysely';
import { appendAudit } from '../../../platform/audit/index.ts';
import {
  auditedImport, auditEvent, type CsvEncoding, type CsvRecord, findDuplicates, type ImportFileOptions, kernelOptions, lockImports, type RowIssue, runImport,
} from '../../../platform/csv/index.ts';
import { taxImportOperations as ops } from './audit.ts';
import { taxRowMessages } from './tax-row.ts';

/** The header of the mapping file. */
export const SERIAL_COLUMNS = ['住記個人番号', 'シリアル番号'] as const;
type SerialColumn = (typeof SERIAL_COLUMNS)[number];

/** The form a serial number is stored and looked up in, or undefined when it is not one. */
export function normalizeSerial(raw: string): string | undefined {
  const s = raw.trim().toUpperCase();
  return /^[0-9A-Z]{1,40}$/.test(s) ? s : undefined;
}

interface StagedSerial {
  residentNumber: string;
  serialNumber: string;
}

const serialMessages = {
  ...taxRowMessages,
  serial_invalid: { ja: () => 'シリアル番号は1〜40文字の半角英数字で入力してください。', en: () => 'A serial number is 1 to 40 ASCII letters and digits.' },
};

function parseSerialRow(record: CsvRecord<SerialColumn>): StagedSerial | RowIssue[] {
  const issues: RowIssue[] = [];
  const residentNumber = record['住記個人番号'].trim();
  if (!/^[0-9]{1,15}$/.test(residentNumber)) issues.push({ column: '住記個人番号', code: residentNumber === '' ? 'value_required' : 'number_invalid' });
  const raw = record['シリアル番号'];
  const serialNumber = normalizeSerial(raw);
  if (!serialNumber) issues.push({ column: 'シリアル番号', code: raw.trim() === '' ? 'value_required' : 'serial_invalid' });
  return issues.length > 0 || !serialNumber ? issues : { residentNumber, serialNumber };
}

/** Replaces the municipality's serial-number mapping with the file, atomically; AppError('import_rejected') else. */
export async function importSerials(o: ImportFileOptions): Promise<{ rows: number; encoding: CsvEncoding }> {
  const event = auditEvent(o, ops['certificates.serials.import']);
  return auditedImport(o.db, event, (startedAt) =>
    runImport<StagedSerial, SerialColumn>({
      ...kernelOptions(o),
      columns: { required: SERIAL_COLUMNS },
      parseRow: parseSerialRow,
      validateAll: (rows) => findDuplicates(rows, ['serialNumber'], 'シリアル番号'),
      messages: serialMessages,
      async swap(tx, rows) {
        await lockImports(tx, 'certificates.serials', o.municipalityCode);
        await sql`delete from certificate_serial where municipality_code = ${o.municipalityCode}`.execute(tx);
        await sql`insert into certificate_serial (municipality_code, serial_number, resident_number)
          select ${o.municipalityCode}, data ->> 'serialNumber', data ->> 'residentNumber' from ${sql.table(rows.table)}`.execute(tx);
        await appendAudit(tx, { ...event, detail: `対応表 ${rows.count}件`, startedAt, endedAt: new Date() });
      },
    }),
  );
}
