// The review's pure rules: name keys, field parsing and the verdict. The module's store, API and
// pages build on these; nothing here does I/O.

export { isKanaName, looseKana, NAME_KIND_COLUMNS, nameKeys, strictKana } from './names.ts';
export type { NameKeys, NameKind } from './names.ts';

export { EARLIEST_BIRTH_DATE, normalizePostalCode, parseBirthDate } from './fields.ts';

export { decideVerdict, REASON_CODES, VERDICTS } from './verdict.ts';
export type { ApplicantQuery, ReasonCode, ResidentCandidate, ReviewVerdict, Verdict } from './verdict.ts';
