import type { ItemType } from '../../../db/schema.js';
import { contentKind, contentKinds } from '../../../platform/content/registry.js';

export interface ItemRef {
  type: ItemType;
  id: number;
}

/** An id no kind's address could confuse with the rest of it. */
const SAMPLE_ID = 987_654_321;

/**
 * The item whose public page a same-site path is, by the registered kinds' own addresses
 * (`publicUrl(id)`: /documents/123, /interpretations/45, /lists/version/6 …), or null: anything with
 * a scheme, a host (`//…`), a backslash, a query or a fragment, or any other path, is none.
 */
export function itemAtPath(path: string): ItemRef | null {
  if (!/^\/[^/\\]/.test(path) || path.length > 200 || /[?#\\\s]/.test(path)) return null;
  for (const kind of contentKinds()) {
    const sample = kind.publicUrl(SAMPLE_ID);
    const at = sample.indexOf(String(SAMPLE_ID));
    if (at < 0) continue;
    const prefix = sample.slice(0, at);
    const suffix = sample.slice(at + String(SAMPLE_ID).length);
    if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length <= prefix.length + suffix.length) continue;
    const id = path.slice(prefix.length, path.length - suffix.length);
    if (/^[1-9]\d{0,11}$/.test(id)) return { type: kind.type, id: Number(id) };
  }
  return null;
}

/** The item's public address, as its kind builds it (never the text it was found by). */
export function publicPathOf(ref: ItemRef): string {
  return contentKind(ref.type).publicUrl(ref.id);
}

/**
 * What a member of staff typed to name an item: its public address (a path, or a full address
 * on any host, of which the path counts), or a bare number, taken as a document's id.
 */
export function itemFromInput(input: string): ItemRef | null {
  const s = input.trim();
  if (/^\d{1,12}$/.test(s)) return Number(s) > 0 ? { type: 'document', id: Number(s) } : null;
  if (/^https?:\/\//i.test(s)) {
    try {
      return itemAtPath(new URL(s).pathname);
    } catch {
      return null;
    }
  }
  return itemAtPath(s.replace(/[?#].*$/, ''));
}
