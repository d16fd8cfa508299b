// The review assist (審査アシスト, seed 000): what other parts of madoguchi may use of it.
export { type ApplicantFields, installReviewApi, installReviewRole, type MatchApplicant, type ReviewApiOptions } from './api.ts';
export {
  changeReviewClientSuspension,
  createReviewClientDirectory,
  defaultRatePerMinute,
  listReviewClients,
  maxRatePerMinute,
  type NewReviewClient,
  type ReviewClient,
  registerReviewClient,
} from './clients.ts';
export { defaultNoMatchAlertPolicy, type NoMatchAlertPolicy } from './domain/alert.ts';
export { type ReviewIndexer, reviewIndexers } from './indexer.ts';
export { type ApplicantInput, matchApplicant } from './match.ts';
export { reviewExtractDisposal, reviewExtractFile, reviewPersonalData } from './domain/personal-data.ts';
export { type ReasonCode, type ReviewVerdict, type Verdict, REASON_CODES, VERDICTS } from './domain/verdict.ts';
