import { Feed } from 'feed';
import type { ColumnItem } from './queries/public.js';

/** A column's Atom feed: its newest public items, of every kind it collects. */
export function columnAtom(a: { id: string; title: string; siteUrl: string; selfUrl: string; rows: ColumnItem[] }): string {
  const feed = new Feed({
    id: a.id,
    title: a.title,
    link: a.siteUrl,
    language: 'zh-CN',
    updated: a.rows[0] ? (a.rows[0].publishedAt ?? a.rows[0].updatedAt) : new Date(0),
    feedLinks: { atom: a.selfUrl },
    copyright: a.title,
    generator: 'Gongkai',
  });
  for (const i of a.rows) {
    feed.addItem({
      title: i.title,
      id: `${a.siteUrl}${i.url}`,
      link: `${a.siteUrl}${i.url}`,
      date: i.updatedAt,
      published: i.date ? new Date(`${i.date}T00:00:00+08:00`) : undefined,
      description: `${i.kindLabel} · ${i.orgName}`,
    });
  }
  return feed.atom1();
}
