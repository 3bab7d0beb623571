import type { SubscriptionKind } from '../../../db/schema-subscriptions.js';

export const SUBSCRIPTION_KINDS: readonly SubscriptionKind[] = ['topic', 'audience', 'org', 'doc_type', 'keyword'];

export const KIND_LABELS: Record<SubscriptionKind, string> = {
  topic: '主题分类',
  audience: '服务对象',
  org: '发布机构',
  doc_type: '文种',
  keyword: '关键词',
};

/** At most this many subscriptions per account: enough for anyone, bounded for the fan-out. */
export const MAX_SUBSCRIPTIONS = 50;
export const MAX_KEYWORD_LENGTH = 30;

/** How a subscription reads in lists and mails: 主题分类：财政. */
export function describeSubscription(s: { kind: SubscriptionKind; term: string; topicName?: string | null; orgName?: string | null }): string {
  const what = s.kind === 'topic' ? (s.topicName ?? '（已删除的主题）') : s.kind === 'org' ? (s.orgName ?? '（已撤销的机构）') : s.kind === 'keyword' ? `“${s.term}”` : s.term;
  return `${KIND_LABELS[s.kind]}：${what}`;
}

