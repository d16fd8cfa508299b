// madoguchi certificates import-tax FILE [--encoding utf8|cp932] [--municipality CODE]: replaces the fiscal years in
// tax-records.csv; madoguchi certificates import-serials FILE: replaces the kiosk's serial-number mapping. Either
// imports every line or lists every bad one (line, column, reason; never a value) and changes nothing.
import { count, importCommand } from '../../../cli/import-command.ts';
import { importTaxRecords } from './import.ts';
import { importSerials } from './serials.ts';

/** `madoguchi certificates import-tax FILE`. */
export const importTaxCommand = importCommand('madoguchi certificates import-tax', '課税情報取込 / tax records', async (o) => {
  const r = await importTaxRecords(o);
  const years = r.years.map((y) => `${y.fiscalYear}: ${count(y.rows)}`).join(', ');
  return `${o.municipalityCode}: 課税情報を取り込みました / tax records imported — 年度別 / by year ${years}; 対象者 / people ${count(r.residents)} (${r.encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8'})`;
});

/** `madoguchi certificates import-serials FILE`. */
export const importSerialsCommand = importCommand('madoguchi certificates import-serials', 'シリアル番号取込 / serial numbers', async (o) => {
  const r = await importSerials(o);
  return `${o.municipalityCode}: 電子証明書シリアル番号の対応表を置き換えました / serial-number mapping replaced — ${count(r.rows)} 件 / rows`;
});
