import type { ComponentChildren } from 'preact';
import type { ItemStatus } from '../../db/schema.js';
import type { AdminPageBase } from '../../platform/html/admin-page.js';
import { CsrfField, ErrorSummary, OrgField } from '../../platform/html/components.js';
import { AdminLayout } from '../../platform/html/layout.js';
import type { FieldErrors } from '../../platform/http/errors.js';
import { EditFormBanner, EditionBanners } from './banners.js';

/**
 * The frame of an item's back-office page: the layout, the heading, and that it is a revision of a
 * published item or has one (EditionBanners); the kind's page comes as children.
 */
export function AdminItemFrame(
  p: AdminPageBase<string | null> & { title: string; section: { label: string; href: string }; noun: string; kept?: string; item: { id: number; edition_of: number | null; openEdition: { id: number; status: ItemStatus } | null }; adminUrl(id: number): string; children?: ComponentChildren },
) {
  return (
    <AdminLayout ctx={p.ctx} title={p.title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[p.section, { label: p.title }]} flash={p.flash}>
      <h1>{p.title}</h1>
      <EditionBanners noun={p.noun} kept={p.kept} editionOf={p.item.edition_of} openEdition={p.item.openEdition} adminUrl={p.adminUrl} />
      {p.children}
    </AdminLayout>
  );
}

/** An item as its back-office page's actions read it. */
export interface ActionsItem {
  id: number;
  status: ItemStatus;
  openEdition: { id: number } | null;
}

/**
 * The actions on an item's back-office page, by its status: 编辑 for an editor (not for a merged
 * edition or a withdrawn item), 审核与发布 (of its open edition when it has one), and 查看门户页面
 * when it is on the portal. `takenDown`: off the portal although published (a 公示 whose period
 * ended), so neither edited nor shown.
 */
export function ItemActions(p: { item: ActionsItem; canEdit: boolean; takenDown?: boolean; urls: { admin(id: number): string; review(id: number): string; public(id: number): string } }) {
  const { item: i, urls } = p;
  const editable = p.canEdit && i.status !== 'merged' && i.status !== 'withdrawn' && !p.takenDown;
  return (
    <div class="actions">
      {editable ? <a class="button" href={`${urls.admin(i.id)}/edit`}>编辑</a> : null}
      {i.status !== 'merged' ? <a class="button secondary" href={urls.review(i.openEdition?.id ?? i.id)}>审核与发布</a> : null}
      {i.status === 'published' && !p.takenDown ? <a class="button secondary" href={urls.public(i.id)}>查看门户页面</a> : null}
    </div>
  );
}

/** On a withdrawn item's back-office page: how it was withdrawn, and why. */
export function WithdrawnNote(p: { item: { status: ItemStatus; withdrawal_kind: string | null; withdrawal_reason: string | null } }) {
  const i = p.item;
  if (i.status !== 'withdrawn') return null;
  return <p class="validity-banner" role="note">已撤稿（{i.withdrawal_kind === 'notice' ? '门户保留撤稿说明' : '已从门户撤下'}）{i.withdrawal_reason ? `：${i.withdrawal_reason}` : ''}</p>;
}

export interface EditFormFrameProps extends Omit<AdminPageBase<string | null>, 'flash'> {
  /** 新建政策解读 / 编辑信息 …: the page's title and heading. */
  title: string;
  /** The kind's list, the crumb above the form. */
  section: { label: string; href: string };
  /** The kind's short word in the banner (解读, 问答, 信息 …), and what a revision keeps (see EditFormBanner). */
  noun: string;
  kept?: string;
  /** The row's status (null for a new item): the banner says what saving does to it. */
  status: ItemStatus | null;
  errors?: FieldErrors;
  /** Where the form posts. */
  action: string;
  /** The form carries files. */
  multipart?: boolean;
  /** The organization field: chosen for a new item, fixed once saved. */
  org: { orgs: { id: number; name: string }[]; value: string; fixed: boolean };
  children?: ComponentChildren;
}

/**
 * The frame of a kind's edit form: the layout, the heading, what saving does to a published item
 * or one in review, the errors, and the form with its CSRF token and organization; the kind's
 * fields come as children.
 */
export function EditFormFrame(p: EditFormFrameProps) {
  return (
    <AdminLayout ctx={p.ctx} title={p.title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[p.section, { label: p.title }]}>
      <h1>{p.title}</h1>
      <EditFormBanner noun={p.noun} kept={p.kept} status={p.status} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={p.action} enctype={p.multipart ? 'multipart/form-data' : undefined} novalidate>
        <CsrfField token={p.csrfToken} />
        <OrgField orgs={p.org.orgs} value={p.org.value} fixed={p.org.fixed} errors={p.errors} />
        {p.children}
      </form>
    </AdminLayout>
  );
}
