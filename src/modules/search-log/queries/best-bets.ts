import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { contentKind, isContentType } from '../../../platform/content/registry.js';
import { normalizeQuery } from '../domain/normalize.js';
import { itemStatesOf } from './items.js';

/** The most best bets one query may have: the library shows them all above the results. */
export const MAX_BEST_BETS_PER_QUERY = 5;

export interface BestBet {
  type: string;
  id: number;
  title: string;
  url: string;
}

/**
 * The best bets (推荐结果) for what was searched, in the order they were added: only items public
 * now — a draft, a withdrawn or a non-public item is left out, and shows again if it is published.
 */
export async function bestBetsFor(db: Kysely<Database>, q: string): Promise<BestBet[]> {
  const query = normalizeQuery(q);
  if (!query) return [];
  const bets = await db.selectFrom('search_best_bets').select(['item_type', 'item_id']).where('query', '=', query).orderBy('id').limit(MAX_BEST_BETS_PER_QUERY).execute();
  if (bets.length === 0) return [];
  const state = await itemStatesOf(db, bets);
  return bets.flatMap((b) => {
    const s = state(b);
    return s?.isPublic ? [{ type: b.item_type, id: Number(b.item_id), title: s.title, url: contentKind(b.item_type).publicUrl(Number(b.item_id)) }] : [];
  });
}

export interface BestBetRow {
  id: number;
  query: string;
  itemType: string;
  itemId: number;
  /** The item's title; null when it no longer exists. */
  title: string | null;
  kindLabel: string;
  url: string | null;
  isPublic: boolean;
  note: string;
  createdBy: string | null;
  createdAt: Date;
}

/** Every best bet, by query, for the back office: with each item's title and whether the library shows it now. */
export async function listBestBets(db: Kysely<Database>): Promise<BestBetRow[]> {
  const rows = await db
    .selectFrom('search_best_bets as b')
    .leftJoin('staff as s', 's.id', 'b.created_by')
    .select(['b.id', 'b.query', 'b.item_type', 'b.item_id', 'b.note', 'b.created_at', 's.display_name'])
    .orderBy('b.query')
    .orderBy('b.id')
    .execute();
  const state = await itemStatesOf(db, rows);
  return rows.map((r) => {
    const s = state(r);
    const kind = isContentType(r.item_type) ? contentKind(r.item_type) : null;
    return {
      id: Number(r.id),
      query: r.query,
      itemType: r.item_type,
      itemId: Number(r.item_id),
      title: s?.title ?? null,
      kindLabel: kind?.publicLabel ?? r.item_type,
      url: kind && s ? kind.publicUrl(Number(r.item_id)) : null,
      isPublic: s?.isPublic ?? false,
      note: r.note,
      createdBy: r.display_name,
      createdAt: new Date(r.created_at),
    };
  });
}
