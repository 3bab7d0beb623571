import { Feed } from 'feed';

/** One entry of an Atom feed: a public item's address (site-relative), its dates and its line. */
export interface AtomEntry {
  url: string;
  title: string;
  updated: Date;
  /** 发布日期, 'YYYY-MM-DD' (China time) */
  publishedOn: string | null;
  description: string;
  authors?: string[];
}

/** An Atom feed for feed readers: the portal's, a category's, a column's. Newest entry first. */
export function atomFeed(a: { id: string; title: string; siteUrl: string; selfUrl: string; entries: AtomEntry[] }): string {
  const feed = new Feed({
    id: a.id,
    title: a.title,
    link: a.siteUrl,
    language: 'zh-CN',
    updated: a.entries[0]?.updated ?? new Date(0),
    feedLinks: { atom: a.selfUrl },
    copyright: a.title,
    generator: 'Gongkai',
  });
  for (const e of a.entries) {
    feed.addItem({
      title: e.title,
      id: `${a.siteUrl}${e.url}`,
      link: `${a.siteUrl}${e.url}`,
      date: e.updated,
      published: e.publishedOn ? new Date(`${e.publishedOn}T00:00:00+08:00`) : undefined,
      description: e.description,
      author: e.authors?.map((name) => ({ name })),
    });
  }
  return feed.atom1();
}
