import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { FileStorage } from '../../platform/files/storage.js';
import type { CommandContext } from '../../platform/http/command.js';
import { contentKinds } from '../../platform/content/registry.js';
import { decidePlacement, placeItem, saveColumn } from '../../modules/columns/public.js';

const p = (...paras: string[]) => paras.map((s) => `<p>${s}</p>`).join('\n');

/**
 * The city's 专题 “优化营商环境” (written for the demo) with three sub-columns: the city places its
 * own disclosure rules and their 问答 directly; the development and reform commission and the human
 * resources bureau submit (报送) their policies, which the city's publisher accepts; one submission
 * of the human resources bureau still waits in the city's queue.
 */
export async function seedDemoColumns(db: Kysely<Database>, clock: Clock, storage: FileStorage, demo: { orgIds: Map<string, number>; actors: Map<string, Actor>; docIds: Map<string, number> }): Promise<void> {
  const actor = (username: string) => demo.actors.get(username)!;
  const ctxOf = (username: string): CommandContext => ({ db, clock, actor: { id: actor(username).id, label: actor(username).displayName } });
  const kinds = contentKinds().map((k) => k.type);
  const column = async (parentId: number | null, name: string, slug: string, intro: string, position: number) =>
    saveColumn(ctxOf('admin'), {
      actor: actor('admin'), columnId: null, storage,
      input: { orgId: demo.orgIds.get('city')!, parentId, name, slug, introHtml: intro, kinds, open: true, visible: true, position, banner: null, removeBanner: false },
    });
  const topic = await column(null, '优化营商环境', 'yhyshj', p(
    '为深入贯彻《优化营商环境条例》，江宁市持续推进政务服务“一网通办”、惠企政策“免申即享”，着力打造市场化、法治化、国际化一流营商环境。',
    '本专题集中发布市政府及各部门出台的惠企政策、政策解读和就业社保相关信息，各部门按要求向本专题报送，经市政府办公室审核采用后发布。',
  ), 0);
  const policies = await column(topic, '惠企政策', 'yhyshj-hqzc', p('支持中小微企业发展、降低经营成本的政策措施。'), 0);
  const employment = await column(topic, '就业与社保', 'yhyshj-jysb', p('最低工资、社会保险等与企业用工密切相关的政策。'), 1);
  const openness = await column(topic, '政务公开', 'yhyshj-zwgk', p('政府信息公开工作制度及其解读，方便企业依法获取政府信息。'), 2);

  const place = (username: string, columnId: number, itemType: string, itemId: number) => placeItem(ctxOf(username), { actor: actor(username), columnId, itemType, itemId });
  const accept = async (columnId: number, itemType: string, itemId: number) => {
    const row = await db.selectFrom('column_placements').select('id').where('column_id', '=', columnId).where('item_type', '=', itemType).where('item_id', '=', itemId).executeTakeFirstOrThrow();
    await decidePlacement(ctxOf('city.publisher'), { actor: actor('city.publisher'), placementId: row.id, action: 'accept', reason: '' });
  };
  const doc = (key: string) => demo.docIds.get(key);

  // The city's own: placed at once.
  const rules = doc('gk2025');
  if (rules !== undefined) {
    await place('admin', openness, 'document', rules);
    const qa = await db.selectFrom('interpretation_documents as l').innerJoin('interpretations as i', 'i.id', 'l.interpretation_id').select('i.id').where('l.document_id', '=', rules).where('i.status', '=', 'published').executeTakeFirst();
    if (qa) await place('admin', openness, 'interpretation', qa.id);
  }
  // Two departments' submissions (报送), accepted by the city's publisher; one still waiting.
  const sme = doc('sme2025');
  if (sme !== undefined) {
    await place('fgw.editor', policies, 'document', sme);
    await accept(policies, 'document', sme);
  }
  const wage = doc('wage2025');
  if (wage !== undefined) {
    await place('rsj.editor', employment, 'document', wage);
    await accept(employment, 'document', wage);
  }
  const wageBase = doc('wage2023');
  if (wageBase !== undefined) await place('rsj.editor', employment, 'document', wageBase);
}
