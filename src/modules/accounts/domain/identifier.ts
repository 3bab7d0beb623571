/**
 * How a person names their account: a mobile number (中国大陆, 11 digits) or an e-mail address.
 * Both are personal data: sealed in the table, found by a blind index, shown masked.
 */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const EMAIL_PATTERN = /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/;

export type Identifier = { kind: 'email'; value: string } | { kind: 'mobile'; value: string };

/** '+86 138-1234-5678', '１３８１２３４５６７８' → '13812345678': spaces, hyphens, full-width digits and the country code go. */
export function normalizeMobile(raw: string): string {
  const s = raw.normalize('NFKC').replace(/[\s\-()]/g, '');
  return /^(\+?86)1\d{10}$/.test(s) ? s.slice(s.length - 11) : s;
}

/** A sign-in name as typed: an e-mail when it has an @, otherwise a mobile number; null when it is neither. */
export function parseIdentifier(raw: string): Identifier | null {
  const s = raw.trim();
  if (s.includes('@')) return EMAIL_PATTERN.test(s) && s.length <= 254 ? { kind: 'email', value: s.toLowerCase() } : null;
  const m = normalizeMobile(s);
  return MOBILE_PATTERN.test(m) ? { kind: 'mobile', value: m } : null;
}
