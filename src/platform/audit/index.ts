// The audit log (操作ログ): append in the action's transaction (or by group commit for reads), verify the chain,
// anchor it, search and export it.
export { appendAudit, type AppendedAudit, auditAttempt, audited, outcomeOf } from './append.ts';
export { anchorAllAuditChains, type AnchorBreakReason, anchorAuditChain, type AnchorResult, type AnchorVerification, type AuditAnchor, defaultAnchorsFile, readAnchors, verifyAgainstAnchors } from './anchor.ts';
export { auditHash, type AuditRow, canonicalForm, genesisHash } from './canonical.ts';
export { apiClientActor, type AuditActor, type AuditClient, type AuditEvent, isSubjectId, staffActor, subjectId, systemActor } from './event.ts';
export { auditClient } from './http.ts';
export { appendAuditPending, chainedAfter, chainPendingAudit, chainPendingBatch } from './pending.ts';
export { auditKeyPath, auditPublicKeyPath, loadAuditKey, readAuditPublicKey } from './keys.ts';
export { anchorBreakMessage, chainBreakMessage } from './messages.ts';
export { type AuditCategory, AuditOperation, type AuditOperationRef, type AuditOperationSpec, type AuditOutcome, defineAuditOperations, findAuditOperation } from './operations.ts';
export { type AuditNote, auditSubjects, outcomeOfStatus } from './request.ts';
export { type DailyAnchoringOptions, startDailyAnchoring } from './schedule.ts';
export { type AuditExporter, type AuditFilter, type AuditSearch, type AuditSearchPage, exportAuditCsv, searchAuditEvents, writeAuditCsv } from './search.ts';
export { auditedMunicipalities } from './store.ts';
export { type ChainBreak, type ChainBreakReason, type ChainVerification, verifyAuditChain } from './verify.ts';
export { type AuditWriter, createAuditWriter } from './writer.ts';
