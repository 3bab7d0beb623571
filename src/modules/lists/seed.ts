import type { Actor } from '../../platform/auth/sessions.js';
import type { CommandContext } from '../../platform/http/command.js';
import { publishItem } from '../../platform/content/registry.js';
import { createList } from './commands/create-list.js';
import { importRows } from './commands/import-rows.js';
import { saveVersionText } from './commands/save-version.js';
import { startVersion } from './commands/start-version.js';
import { LIST_TYPES, type ListTypeKey } from './domain/list-types.js';
import { normalizeCells, rowProblems } from './domain/rows.js';

export interface SeedList {
  orgId: number;
  type: ListTypeKey;
  /** The catalog column's slug in the organization's catalog, if it has one. */
  catalogSlug?: string;
  /** Each version's content, oldest first; every one is published, on its date. */
  versions: { title: string; changeNote?: string; publishedOn: string; rows: Record<string, string>[] }[];
}

/**
 * A list with published versions, made by the same commands staff use (create, import, new
 * version) and published through the registry (publishItem), as the demo's other content is.
 */
export async function seedList(ctx: CommandContext, actor: Actor, s: SeedList): Promise<number> {
  const t = LIST_TYPES[s.type];
  const node = s.catalogSlug ? await ctx.db.selectFrom('catalog_nodes').select('id').where('org_id', '=', s.orgId).where('slug', '=', s.catalogSlug).executeTakeFirst() : undefined;
  let listId = 0;
  for (const [i, v] of s.versions.entries()) {
    const rows = v.rows.map((r) => normalizeCells(t, r));
    const bad = rows.findIndex((r) => rowProblems(t, r).length > 0);
    if (bad >= 0) throw new Error(`演示清单“${v.title}”第 ${bad + 1} 项有误：${rowProblems(t, rows[bad]!).map((p) => p.message).join('；')}`);
    let versionId: number;
    if (i === 0) {
      const r = await createList(ctx, { actor, input: { orgId: s.orgId, listType: s.type, title: v.title, catalogNodeId: node?.id ?? null } });
      listId = r.listId;
      versionId = r.versionId;
    } else {
      versionId = await startVersion(ctx, { actor, listId });
    }
    await importRows(ctx, { actor, versionId, rows, fileName: '演示数据' });
    await saveVersionText(ctx, { actor, versionId, title: v.title, changeNote: v.changeNote ?? '' });
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('list_versions').set({ published_on: v.publishedOn }).where('id', '=', versionId).execute();
      await publishItem(trx, ctx, 'list_version', versionId);
    });
  }
  return listId;
}
