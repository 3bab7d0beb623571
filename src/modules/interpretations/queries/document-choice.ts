import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { FormResult } from '../../../platform/http/forms.js';
import { documentsByIds, searchLinkableDocuments, type LinkableDocument } from './admin.js';

/**
 * The documents a form links (an interpretation's documents, a Q&A entry's 依据文件), as both forms
 * choose them: ticked from a search (查找文件) that keeps everything typed, or started from a
 * document's page.
 */

/** The documents ticked on the form: as parsed, or as typed when the form did not parse. */
export function tickedDocumentIds(parsed: FormResult<{ documentIds: number[] }>, values: { documentIds?: string | string[] }): number[] {
  if (parsed.ok) return parsed.data.documentIds;
  return [values.documentIds ?? []].flat().filter((x) => /^\d{1,12}$/.test(x)).map(Number);
}

/**
 * 查找文件, when that is the button pressed: what the form shows again (the ticked documents, what
 * was found) and its status code; nothing is written. Null for a save.
 */
export async function lookUpDocuments(
  db: Kysely<Database>,
  orgIds: number[],
  parsed: FormResult<{ action: 'save' | 'search'; docQuery?: string | null }>,
  tickedIds: number[],
): Promise<{ shown: { chosen: LinkableDocument[]; found: LinkableDocument[]; errors?: FieldErrors }; code: number } | null> {
  if (!parsed.ok || parsed.data.action !== 'search') return null;
  const q = parsed.data.docQuery;
  const found = q ? await searchLinkableDocuments(db, orgIds, q) : [];
  const chosen = await documentsByIds(db, tickedIds);
  return q ? { shown: { chosen, found }, code: 200 } : { shown: { chosen, found, errors: { docQuery: '请输入要查找的文件标题或发文字号' } }, code: 422 };
}

/**
 * A new form started from a document's page (`?document=`): that document already ticked, and the
 * form's organization the document's when the actor writes there, else the first they write for.
 */
export async function startFromDocument(db: Kysely<Database>, documentParam: string | undefined, orgIds: number[]): Promise<{ chosen: LinkableDocument[]; orgId: number }> {
  const documentId = /^\d{1,12}$/.test(documentParam ?? '') ? Number(documentParam) : null;
  const chosen = documentId ? await documentsByIds(db, [documentId]) : [];
  return { chosen, orgId: chosen[0] && orgIds.includes(chosen[0].org_id) ? chosen[0].org_id : orgIds[0]! };
}
