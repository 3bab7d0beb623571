/**
 * Automatic pre-publication checks (pure, table-driven; no database, no I/O).
 *
 *   matcher  = compileLexicon(dictionary rows)          once per dictionary change
 *   findings = checkText([{ field: 'title', text }, { field: 'body', text }, …], matcher, { today })
 *   show     = highlightFindings(text, findings of that field)
 *
 * Block findings stop submission; warn/suggest need an acknowledgement (review module).
 * Decisions: docs/adr/0006-text-checks.md.
 */
export { compileLexicon } from './lexicon.js';
export type { LexiconAction, LexiconEntry, LexiconHit, LexiconMatcher, LexiconOptions } from './lexicon.js';
export { findPersonalData, maskPersonalData, KIND_ORDER, PERSONAL_DATA_LABELS } from './personal-data.js';
export type { PersonalDataHit, PersonalDataKind, PersonalDataOptions } from './personal-data.js';
export { findSecrecyMarkers } from './secrecy.js';
export { findResidenceAddresses, maskResidence } from './residence.js';
export { maskPersonal } from './mask.js';
export type { ResidenceHit } from './residence.js';
export type { SecrecyHit, SecrecyKind } from './secrecy.js';
export {
  creditCodeCheckChar,
  hasIdNumberShape,
  idCheckDigit,
  isValidBirthDate,
  isValidCreditCode,
  isValidIdNumber,
  isValidOldIdNumber,
  luhnCheckDigit,
  luhnValid,
} from './validators.js';
export { checkText } from './check-text.js';
export type { CheckInput, CheckKind, CheckOptions, CheckedField, Finding, Severity } from './check-text.js';
export { highlightFindings } from './highlight.js';
export type { Segment } from './highlight.js';
export { foldWidth } from './width.js';
