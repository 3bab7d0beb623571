import type { PublishedRow } from '../documents/public.js';
import { atomFeed } from '../../platform/html/atom.js';

/** An Atom feed of published documents (per organization and/or topic), for feed readers. */
export function documentsAtom(a: { id: string; title: string; siteUrl: string; selfUrl: string; rows: PublishedRow[] }): string {
  return atomFeed({
    ...a,
    entries: a.rows.map((d) => ({
      url: `/documents/${d.id}`,
      title: d.doc_no ? `${d.title}（${d.doc_no}）` : d.title,
      updated: new Date(d.updated_at),
      publishedOn: d.published_on,
      description: d.summary,
      authors: d.issuers,
    })),
  });
}
