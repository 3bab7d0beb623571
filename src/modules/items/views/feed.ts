import { Feed } from 'feed';
import { categoryLabel } from '../domain/categories.js';
import { publicUrl } from '../domain/labels.js';
import type { PublicItemRow } from '../queries/public.js';

/** An Atom feed of public information items (per category and/or organization), for feed readers. */
export function itemsAtom(a: { id: string; title: string; siteUrl: string; selfUrl: string; rows: PublicItemRow[] }): string {
  const feed = new Feed({
    id: a.id,
    title: a.title,
    link: a.siteUrl,
    language: 'zh-CN',
    updated: a.rows[0] ? new Date(a.rows[0].published_at ?? a.rows[0].updated_at) : new Date(0),
    feedLinks: { atom: a.selfUrl },
    copyright: a.title,
    generator: 'Gongkai',
  });
  for (const i of a.rows) {
    feed.addItem({
      title: i.title,
      id: `${a.siteUrl}${publicUrl(i.id)}`,
      link: `${a.siteUrl}${publicUrl(i.id)}`,
      date: new Date(i.updated_at),
      published: i.published_on ? new Date(`${i.published_on}T00:00:00+08:00`) : undefined,
      description: `${categoryLabel(i.category)}${i.index_no ? ` · 索引号 ${i.index_no}` : ''} · ${i.body_text.slice(0, 120)}`,
      author: [{ name: i.source || i.org_name }],
    });
  }
  return feed.atom1();
}
