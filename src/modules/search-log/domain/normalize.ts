import { findPersonalData, foldWidth, PERSONAL_DATA_LABELS } from '../../../platform/text-checks/index.js';

/** The longest query kept: what the log stores and a best bet is keyed by. */
export const MAX_QUERY_LENGTH = 100;
/** What is read of a query at all; the library takes at most 200 characters. */
const READ_LENGTH = 400;
/**
 * Birth dates are not checked against today: an ID-card-shaped number with a right check digit is
 * masked whatever date it holds, so masking needs no clock and a query always gives the same key.
 */
const ANY_DAY = '9999-12-31';

/**
 * A search query as the log stores it and best bets are keyed by: full-width folded to half-width,
 * spaces trimmed and collapsed, lower case, personal data masked, at most 100 characters. Empty
 * when nothing is left.
 *
 * Every kind of personal data the platform detects (ID, card, mobile and landline numbers, e-mail
 * addresses, plates) becomes its label in brackets, such as “[手机号码]”: no digit of it is kept, so
 * a citizen's number is never stored and every such search counts as one query. Masking comes
 * before the cut to 100 characters, and a cut never leaves part of a number behind: what is
 * not read (past 400 characters) loses its last, possibly partial, word.
 */
export function normalizeQuery(raw: string): string {
  let s = raw.length > READ_LENGTH ? raw.slice(0, READ_LENGTH).replace(/[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A@.+_%\- ]+$/, '') : raw;
  // Masked before lower-casing: a plate's letters are capitals.
  s = maskAll(foldWidth(s).replace(/\s+/g, ' ').trim()).toLowerCase();
  return cut(s, MAX_QUERY_LENGTH).trim();
}

function maskAll(s: string): string {
  const hits = findPersonalData(s, { today: ANY_DAY });
  let out = s;
  for (const h of hits.sort((a, b) => b.start - a.start)) out = `${out.slice(0, h.start)}[${PERSONAL_DATA_LABELS[h.kind]}]${out.slice(h.end)}`;
  return out;
}

/** At most `max` UTF-16 units, never half of a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = /[\uD800-\uDBFF]/.test(s[max - 1]!) ? max - 1 : max;
  return s.slice(0, end);
}
