import type { ItemStatus } from '../../db/schema.js';
import { STATUS_LABELS, UNDER_REVIEW } from '../../platform/content/lifecycle.js';

/**
 * On an item's back-office page: that it is a revision of a published item, or that it has one.
 * `noun` is the kind's short word (解读, 问答 …); `kept`, what a published revision leaves as it
 * was (the portal address, and for a kind that has one its 索引号).
 */
export function EditionBanners(p: { noun: string; kept?: string; editionOf: number | null; openEdition: { id: number; status: ItemStatus } | null; adminUrl: (id: number) => string }) {
  return (
    <>
      {p.editionOf !== null ? (
        <p class="validity-banner warn" role="note">
          这是已发布{p.noun}的修订版本。审核发布后将替换 <a href={p.adminUrl(p.editionOf)}>原{p.noun}</a> 的内容，门户{p.kept ?? '地址'}不变；在此之前门户上仍是原内容。
        </p>
      ) : null}
      {p.openEdition ? (
        <p class="validity-banner warn" role="note">
          本{p.noun}有一个修订版本（{STATUS_LABELS[p.openEdition.status]}）：<a href={p.adminUrl(p.openEdition.id)}>查看修订版本</a>
        </p>
      ) : null}
    </>
  );
}

/** Above an item's edit form: what saving does to a published item, or to one under review. */
export function EditFormBanner(p: { noun: string; kept?: string; status: ItemStatus | null }) {
  if (p.status === 'published') {
    return <p class="validity-banner warn" role="note">本{p.noun}已发布。保存后将生成修订版本（草稿），门户上的{p.noun}保持不变；修订版本审核发布后替换原内容，{p.kept ?? '地址'}不变。</p>;
  }
  if (p.status && UNDER_REVIEW.includes(p.status)) {
    return <p class="validity-banner warn" role="note">本{p.noun}当前状态为“{STATUS_LABELS[p.status]}”。保存修改后将退回草稿，需要重新提交审核。</p>;
  }
  return null;
}
