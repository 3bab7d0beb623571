import type { AfterPeriod, PublicityScope } from '../../../db/schema-items.js';

export const adminUrl = (id: number) => `/admin/items/${id}`;
export const publicUrl = (id: number) => `/items/${id}`;
export const reviewUrl = (id: number) => `/admin/review/info/${id}`;
export const attachmentUrl = (id: number, aid: number) => `/items/${id}/attachments/${aid}`;

export const SCOPE_LABELS: Record<PublicityScope, string> = { all: '全社会', residents: '特定区域居民' };
export const SCOPES = Object.keys(SCOPE_LABELS) as PublicityScope[];

export const AFTER_PERIOD_LABELS: Record<AfterPeriod, string> = {
  keep: '保留在门户，标注“公示期已结束”',
  remove: '公示期满后撤下，页面只保留撤下说明',
};
export const AFTER_PERIODS = Object.keys(AFTER_PERIOD_LABELS) as AfterPeriod[];
