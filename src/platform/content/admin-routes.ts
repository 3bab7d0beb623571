import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { VNode } from 'preact';
import type { Database, ItemStatus } from '../../db/schema.js';
import type { Actor } from '../auth/sessions.js';
import type { AdminPageBase } from '../html/admin-page.js';
import { sendHtml } from '../html/render.js';
import { actorOf, adminView } from '../http/admin.js';
import { ForbiddenError, GoneError, NotFoundError } from '../http/errors.js';
import { viewScope } from './policy.js';
import { idParam, STATUS_LABELS } from './lifecycle.js';

/**
 * What the back-office routes of every content kind read and say the same way: a list page's
 * paging and search words, and what a save tells the drafter.
 */

/** A list page's page number (1 to 1000) and search words (trimmed, at most `max` characters). */
export function listQuery(query: { page?: string; q?: string }, max = 100): { page: number; q: string } {
  return { page: Math.max(1, Math.min(1000, Number(query.page) || 1)), q: (query.q ?? '').trim().slice(0, max) };
}

/** One of the choices offered, or null (a filter's value from the address). */
export function pickOne<T extends string>(choices: readonly T[], value: string | undefined): T | null {
  return choices.find((c) => c === value) ?? null;
}

/** What saving did, for the address the form redirects to (`?saved=…`). */
export function savedFlag(r: { editionOf: number | null; recalled: boolean }): 'edition' | 'recalled' | '1' {
  return r.editionOf ? 'edition' : r.recalled ? 'recalled' : '1';
}

/**
 * The message shown after a save, by its flag: a first draft is sent for review from
 * “审核与发布”; a published item's edit becomes a revision; an item under review goes back to draft.
 * `noun` is the kind's short word (信息, 解读, 问答); `drafting` what the drafter does (起草, 编写).
 */
export function savedMessage(flag: string | undefined, noun: string, drafting = '起草'): string | null {
  const messages: Record<string, string> = {
    '1': `已保存。${drafting}完成后请点击“审核与发布”提交审核。`,
    edition: `已保存为修订版本。门户上的${noun}保持不变，修订版本审核发布后替换原内容。`,
    recalled: `已保存。修改后的${noun}已退回草稿，需要重新提交审核。`,
  };
  return messages[flag ?? ''] ?? null;
}

/** The statuses a back-office list filters by: every one but a merged edition's. */
export const ADMIN_LIST_STATUSES: readonly ItemStatus[] = ['draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'];

/** The back-office lists' status filter, as a select's choices. */
export const STATUS_FILTER_OPTIONS: readonly { value: ItemStatus; label: string }[] = ADMIN_LIST_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

/**
 * A module's scoped detail loader as its routes call it: the item when it is in the actor's view
 * scope, else 404 with the kind's message (another organization's drafts are never revealed).
 */
export function visibleLoader<T>(db: Kysely<Database>, load: (db: Kysely<Database>, id: number, scope: number[]) => Promise<T | null | undefined>, notFound: string) {
  return async (req: FastifyRequest, id: number): Promise<T> => {
    const item = await load(db, id, await viewScope(db, actorOf(req)));
    if (!item) throw new NotFoundError(notFound);
    return item;
  };
}

/**
 * What a back-office list page of a kind reads first: the actor's view scope (refused with the
 * kind's message when empty), the status filter, the page and the search words.
 */
export async function openAdminList(db: Kysely<Database>, req: FastifyRequest<{ Querystring: { page?: string; q?: string; status?: string } }>, refusal: string) {
  const actor = actorOf(req);
  const scope = await viewScope(db, actor);
  if (scope.length === 0) throw new ForbiddenError(refusal);
  return { actor, scope, status: pickOne(ADMIN_LIST_STATUSES, req.query.status), ...listQuery(req.query) };
}

/**
 * The guard of an item's edit page: refused (403) with the policy's reason; a live item with an
 * open edition is edited there (a redirect, returned); a closed row is refused with its reason.
 * Returns null when the form is to be shown.
 */
export function guardEditPage(reply: FastifyReply, item: { openEdition: { id: number } | null }, rules: { refused: string | null; closed: string | null }, editUrl: (id: number) => string): FastifyReply | null {
  if (rules.refused) throw new ForbiddenError(rules.refused);
  if (item.openEdition) return reply.redirect(editUrl(item.openEdition.id), 303);
  if (rules.closed) throw new ForbiddenError(rules.closed);
  return null;
}

/** A kind's create (`POST base`) and save (`POST base/:id`) share one submit path. */
export function postCreateAndSave(app: FastifyInstance, base: string, submit: (req: FastifyRequest, reply: FastifyReply, id: number | null) => Promise<unknown>): void {
  app.post(base, (req, reply) => submit(req, reply, null));
  app.post<{ Params: { id: string } }>(`${base}/:id`, (req, reply) => submit(req, reply, idParam(req.params.id)));
}

/**
 * An item's back-office page (`GET path`, path ending in `/:id`): the item when the actor may see
 * it (`load`, a `visibleLoader`), whether they may edit it (the module's policy), and the message
 * after a save (see `savedMessage`), given to the kind's page.
 */
export function getAdminItemPage<T>(
  app: FastifyInstance,
  path: string,
  kind: {
    load: (req: FastifyRequest, id: number) => Promise<T>;
    mayEdit: (actor: Actor, item: T) => boolean;
    saved: { noun: string; drafting?: string };
    page: (p: AdminPageBase & { item: T; canEdit: boolean }) => VNode;
  },
): void {
  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(path, async (req, reply) => {
    const item = await kind.load(req, idParam(req.params.id));
    const actor = actorOf(req);
    const flash = savedMessage(req.query.saved, kind.saved.noun, kind.saved.drafting);
    return sendHtml(reply, kind.page({ ...adminView(req, reply), actorName: actor.displayName, item, canEdit: kind.mayEdit(actor, item), flash }));
  });
}

/**
 * An item's public page (DESIGN.md “Content kinds”): nothing unless published or withdrawn; a
 * withdrawal with a notice keeps the page (it says why), any other is gone (410). Its comparison
 * of editions (`comparing`) is gone once withdrawn.
 */
export function requirePublicPage<T extends { status: ItemStatus; withdrawal_kind: string | null }>(item: T | null | undefined, words: { notFound: string; gone: string }, comparing = false): T {
  if (!item) throw new NotFoundError(words.notFound);
  if (item.status === 'withdrawn' && (comparing || item.withdrawal_kind !== 'notice')) throw new GoneError(words.gone);
  return item;
}
