import { atomFeed } from '../../platform/html/atom.js';
import type { ColumnItem } from './queries/public.js';

/** A column's Atom feed: its newest public items, of every kind it collects. */
export function columnAtom(a: { id: string; title: string; siteUrl: string; selfUrl: string; rows: ColumnItem[] }): string {
  return atomFeed({
    ...a,
    entries: a.rows.map((i) => ({ url: i.url, title: i.title, updated: i.updatedAt, publishedOn: i.date, description: `${i.kindLabel} · ${i.orgName}` })),
  });
}
