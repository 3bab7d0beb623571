import { sql } from 'kysely';
import type { ContentKind, RuleFinding } from '../../platform/content/kind.js';
import { publishListVersion } from './commands/publish-version.js';
import { adminVersionUrl, versionAddress } from './domain/labels.js';
import { basisColumn, LIST_TYPES, listType } from './domain/list-types.js';
import { rowProblems, type Cells } from './domain/rows.js';

/** The list's type label in SQL, from the types' data. */
const typeLabelSql = (x: string) =>
  sql<string>`(select case l.list_type ${sql.join(Object.values(LIST_TYPES).map((t) => sql`when ${t.type} then ${t.label}`), sql` `)} end from official_lists l where l.id = ${sql.ref(`${x}.list_id`)})`;

/** Most rows named one by one in a finding; the rest are counted. */
const NAMED_ROWS = 10;

/**
 * A version of an official list (清单) in the review workflow. The version is the kind: it is
 * drafted (rows edited or imported), checked, reviewed and published like anything else, and its
 * publication makes it its list's current version. A version is a new row, not an edition merged
 * into a live row (publishEdition's model): the superseded version stays published at its own
 * address, so the public can read any earlier version and compare two. Only the current version
 * is “public” for the lists the registry builds (catalog columns, feeds, sitemap, subscriptions).
 */
export const listVersionKind: ContentKind = {
  type: 'list_version',
  table: 'list_versions',
  label: '清单版本',
  publicLabel: '清单',
  publicSql: (x) =>
    sql<boolean>`(${sql.ref(`${x}.status`)} = 'published' and exists (select 1 from official_lists l where l.id = ${sql.ref(`${x}.list_id`)} and l.current_version_id = ${sql.ref(`${x}.id`)}))`,
  subscription: {
    searchText: (x) => sql`${sql.ref(`${x}.title`)} || ' ' || left(coalesce((select string_agg(r.search_text, ' ' order by r.position) from list_rows r where r.version_id = ${sql.ref(`${x}.id`)}), ''), 100000)`,
    summary: (x) => sql`o.short_name || ' · ' || ${typeLabelSql(x)} || ' · 第' || ${sql.ref(`${x}.version_no`)} || '版'`,
  },
  catalog: {
    nodeSql: (x) => sql`(select l.catalog_node_id from official_lists l where l.id = ${sql.ref(`${x}.list_id`)})`,
    dateSql: (x) => sql`${sql.ref(`${x}.published_on`)}`,
    summarySql: (x) => sql`${typeLabelSql(x)} || ' · 第' || ${sql.ref(`${x}.version_no`)} || '版 · 共' || ${sql.ref(`${x}.row_count`)} || '项'`,
  },
  adminMenu: [{ href: '/admin/lists', label: '清单管理', who: 'viewer' }],
  adminUrl: adminVersionUrl,
  publicUrl: versionAddress,

  // The rows are public text: every cell is checked for personal data, flagged wording and secrecy marks.
  async checkFields(db, id) {
    const v = await db.selectFrom('list_versions').select(['title']).where('id', '=', id).executeTakeFirstOrThrow();
    const rows = await db.selectFrom('list_rows').select('search_text').where('version_id', '=', id).orderBy('position').orderBy('id').execute();
    return [
      { field: 'title', text: v.title },
      { field: 'body', text: rows.map((r) => r.search_text).join('\n') },
    ];
  },

  async ruleFindings(db, id) {
    const v = await db.selectFrom('list_versions as v').innerJoin('official_lists as l', 'l.id', 'v.list_id').select(['l.list_type']).where('v.id', '=', id).executeTakeFirstOrThrow();
    const t = listType(v.list_type);
    const findings: RuleFinding[] = [];
    if (!t) return [{ key: 'rule:list-type', severity: 'block', message: '清单类型无效' }];
    const rows = await db.selectFrom('list_rows').select('cells').where('version_id', '=', id).orderBy('position').orderBy('id').execute();
    if (rows.length === 0) findings.push({ key: 'rule:list-empty', severity: 'block', message: '清单没有任何事项：请逐项录入或导入 Excel 后再提交' });
    const basis = basisColumn(t);
    const noBasis: number[] = [];
    const otherBad: number[] = [];
    rows.forEach((r, i) => {
      const problems = rowProblems(t, r.cells as Cells);
      if (problems.some((p) => p.column.key === basis.key)) noBasis.push(i + 1);
      else if (problems.length) otherBad.push(i + 1);
    });
    const named = (xs: number[]) => `第 ${xs.slice(0, NAMED_ROWS).join('、')} 项${xs.length > NAMED_ROWS ? `等 ${xs.length} 项` : ''}`;
    if (noBasis.length) findings.push({ key: 'rule:list-basis', severity: 'block', message: `${named(noBasis)}缺少${basis.label}：每一项都须列明法定依据` });
    if (otherBad.length) findings.push({ key: 'rule:list-rows', severity: 'block', message: `${named(otherBad)}的必填内容不完整或取值无效，请修改` });
    return findings;
  },

  publish: publishListVersion,
};
