import { Feed } from 'feed';
import type { PublishedRow } from '../documents/public.js';

/** An Atom feed of published documents (per organization and/or topic), for feed readers. */
export function documentsAtom(a: { id: string; title: string; siteUrl: string; selfUrl: string; rows: PublishedRow[] }): string {
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
  for (const d of a.rows) {
    feed.addItem({
      title: d.doc_no ? `${d.title}（${d.doc_no}）` : d.title,
      id: `${a.siteUrl}/documents/${d.id}`,
      link: `${a.siteUrl}/documents/${d.id}`,
      date: new Date(d.updated_at),
      published: d.published_on ? new Date(`${d.published_on}T00:00:00+08:00`) : undefined,
      description: d.summary,
      author: d.issuers.map((name) => ({ name })),
    });
  }
  return feed.atom1();
}
