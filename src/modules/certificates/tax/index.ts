// The certificates' source data: tax records and the kiosk's serial-number mapping, their imports (command line and
// console) and the look-ups issuance makes. The module's index.ts re-exports what other modules may use.
export { importSerialsCommand, importTaxCommand } from './cli.ts';
export { type ImportFileOptions, importTaxRecords, type TaxImportResult } from './import.ts';
export { TAX_IMPORT_PATH } from './pages/tax-import-page.tsx';
export { installTaxImport, type TaxImportRoutesOptions } from './routes.ts';
export { importSerials, normalizeSerial, SERIAL_COLUMNS } from './serials.ts';
export { findResidents, findTaxRecord, maxSearchResults, type ResidentQuery, residentBySerial, type ResidentSummary, taxYearCounts, taxYears } from './store.ts';
export { TAX_COLUMNS, taxableBaseOf } from './tax-row.ts';
