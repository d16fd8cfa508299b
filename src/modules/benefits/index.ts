// The benefits module's public face: the ledger's imports and targets (command line and functions), the programmes it
// runs, and its data-item register. The rules themselves live in domain/, the bank file in zengin/.
export { computeTargetsCommand, importLinkageCommand, importTaxpayersCommand } from './cli.ts';
export { benefitLedgerFile, benefitPersonalData } from './domain/personal-data.ts';
export { benefitLedgerRetention } from './ledger/retention.ts';
export { importLinkage, importTaxpayers, type TaxpayerImportResult } from './import/import.ts';
export { LINKAGE_COLUMNS } from './import/linkage-row.ts';
export { TAXPAYER_COLUMNS } from './import/taxpayer-row.ts';
export { defaultProgrammeId, findLedgerProgramme, type LedgerProgrammeId, ledgerProgrammes } from './programmes.ts';
export { computeTargets, type ComputeTargetsResult, dryRunTargets, type TargetsDryRun } from './targets/compute.ts';
export { targetSummary, type TargetSummaryRow } from './targets/store.ts';
export { type BenefitsDeps, benefitsDeps, installBenefitsConsole } from './console/index.ts';
export { installBenefitsPortal } from './letters/index.ts';
