/** Personal data masked in text that will be shown: citizens' questions, letters and imported answers. */
import { findPersonalData, maskPersonalData, type PersonalDataKind } from './personal-data.js';
import { findResidenceAddresses, maskResidence } from './residence.js';

// A citizen's ID, card and mobile numbers never appear anywhere; in a citizen's own words also an
// e-mail address, a plate, a landline and the door of a home. Official landlines, mailboxes and
// office addresses in replies are the departments' public contacts and stay.
const MASKED_EVERYWHERE: readonly PersonalDataKind[] = ['id_number', 'bank_card', 'mobile'];
const MASKED_IN_CITIZENS_WORDS: readonly PersonalDataKind[] = [...MASKED_EVERYWHERE, 'email', 'plate', 'landline'];

/**
 * The text with personal data masked (138****5678, 3栋*单元***室). `citizens` marks a citizen's own
 * words: a question, or a whole message-board letter with its reply (which quotes it). Cheap when
 * there is nothing, which is nearly always.
 */
export function maskPersonal(text: string, citizens: boolean): string {
  const kinds = citizens ? MASKED_IN_CITIZENS_WORDS : MASKED_EVERYWHERE;
  const spans = findPersonalData(text)
    .filter((h) => kinds.includes(h.kind))
    .map((h) => ({ start: h.start, end: h.end, masked: maskPersonalData(h.value, h.kind) }));
  if (citizens) {
    for (const h of findResidenceAddresses(text)) {
      if (!spans.some((s) => s.start < h.end && h.start < s.end)) spans.push({ start: h.start, end: h.end, masked: maskResidence(h.value) });
    }
  }
  let out = text;
  for (const s of spans.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.masked + out.slice(s.end);
  return out;
}
