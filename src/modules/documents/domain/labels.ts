import type { DisclosureAttribute } from '../../../db/schema.js';

/** The 附注 printed under the date, as on the paper document (GB/T 9704 §7.3.6). */
export function attributeNote(a: DisclosureAttribute): string {
  return a === 'public' ? '（此件公开发布）' : a === 'public_redacted' ? '（此件删减后公开）' : a === 'on_request' ? '（此件依申请公开）' : '（此件不予公开）';
}
