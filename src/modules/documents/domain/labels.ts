import type { DisclosureAttribute } from '../../../db/schema.js';

/** 公开属性 (domain.md §4): what each attribute means for publishing. */
export const ATTRIBUTE_LABELS: Record<DisclosureAttribute, string> = {
  public: '主动公开',
  public_redacted: '删减后公开',
  on_request: '依申请公开',
  not_public: '不予公开',
};

export const ATTRIBUTES = Object.keys(ATTRIBUTE_LABELS) as DisclosureAttribute[];

/** Only these attributes put a document on the public portal. */
export const PUBLIC_ATTRIBUTES: readonly DisclosureAttribute[] = ['public', 'public_redacted'];

/** The 附注 printed under the date, as on the paper document (GB/T 9704 §7.3.6). */
export function attributeNote(a: DisclosureAttribute): string {
  return a === 'public' ? '（此件公开发布）' : a === 'public_redacted' ? '（此件删减后公开）' : a === 'on_request' ? '（此件依申请公开）' : '（此件不予公开）';
}
