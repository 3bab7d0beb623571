import { atomFeed } from '../../../platform/html/atom.js';
import { categoryLabel } from '../domain/categories.js';
import { publicUrl } from '../domain/labels.js';
import type { PublicItemRow } from '../queries/public.js';

/** An Atom feed of public information items (per category and/or organization), for feed readers. */
export function itemsAtom(a: { id: string; title: string; siteUrl: string; selfUrl: string; rows: PublicItemRow[] }): string {
  return atomFeed({
    ...a,
    entries: a.rows.map((i) => ({
      url: publicUrl(i.id),
      title: i.title,
      updated: new Date(i.updated_at),
      publishedOn: i.published_on,
      description: `${categoryLabel(i.category)}${i.index_no ? ` · 索引号 ${i.index_no}` : ''} · ${i.body_text.slice(0, 120)}`,
      authors: [i.source || i.org_name],
    })),
  });
}
