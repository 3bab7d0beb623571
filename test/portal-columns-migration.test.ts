import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from '../src/db/migrations/index.js';
import { createEmptyDatabase, testDatabaseKinds } from './helpers/test-app.js';

const MIGRATION = '0012-portal-columns';


const migrator = (db: Kysely<any>) => new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });

for (const kind of testDatabaseKinds()) {
  describe(`migration ${MIGRATION} on ${kind}`, () => {
    let d: Awaited<ReturnType<typeof createEmptyDatabase>>;
    before(async () => {
      d = await createEmptyDatabase(kind);
    });
    after(() => d.drop());

    test('an existing catalog gets the five standard columns on top and its columns under 法定主动公开内容', async () => {
      const db = d.handle.db as unknown as Kysely<any>;
      const names = Object.keys(migrations);
      const previous = names[names.indexOf(MIGRATION) - 1]!;
      const to = await migrator(db).migrateTo(previous);
      assert.equal(to.error, undefined);
      const org = (await sql<{ id: number }>`insert into organizations (code, name, short_name, slug, kind) values ('X1', '某某局', '某局', 'mmj', 'department') returning id`.execute(db)).rows[0]!.id;
      const node = async (slug: string, name: string, position: number, parent: number | null = null) =>
        (await sql<{ id: number }>`insert into catalog_nodes (org_id, parent_id, name, slug, position) values (${org}, ${parent}, ${name}, ${slug}, ${position}) returning id`.execute(db)).rows[0]!.id;
      const fgwj = await node('fgwj', '法规文件', 0);
      await node('gfxwj', '行政规范性文件', 0, fgwj);
      await node('zcjd', '政策解读', 1);
      await node('gknb', '年度报告', 2); // an administrator's column that already used a standard path
      const up = await migrator(db).migrateToLatest();
      assert.equal(up.error, undefined);

      const rows = await db.selectFrom('catalog_nodes').select(['id', 'parent_id', 'slug', 'role', 'position']).where('org_id', '=', org).execute();
      const by = (slug: string) => rows.find((r) => r.slug === slug)!;
      const top = rows.filter((r) => r.parent_id === null).sort((a, b) => a.position - b.position).map((r) => r.role);
      assert.deepEqual(top, ['guide', 'rules', 'proactive', 'reports', 'requests']);
      assert.equal(by('fgwj').parent_id, by('fdzdgknr').id, 'the old catalog sits under 法定主动公开内容');
      assert.equal(by('gfxwj').parent_id, fgwj, 'sub-columns keep their parent');
      assert.equal(by('zcjd').role, 'interpretations');
      assert.equal(by('zcjd').parent_id, by('fdzdgknr').id);
      assert.equal(by('gknb').role, 'reports', 'a column with a standard path becomes that standard column');
      assert.equal(rows.filter((r) => r.slug === 'gknb').length, 1);
    });
  });
}
