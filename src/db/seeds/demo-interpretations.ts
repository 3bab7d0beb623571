import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { CommandContext } from '../../platform/http/command.js';
import { saveInterpretation } from '../../modules/interpretations/commands/save-interpretation.js';
import { publishItem } from '../../platform/content/registry.js';

const p = (...paras: string[]) => paras.map((s) => `<p>${s}</p>`).join('\n');

/**
 * The demo's interpretation (fictional, like the documents): a 问答 on the city's disclosure rules,
 * published on the same day as the document (三同步), seeded as already reviewed. Runs after the
 * documents, so the city's strict rule set here does not stop the seeding of its older documents.
 */
export async function seedDemoInterpretations(db: Kysely<Database>, ctx: CommandContext, actor: Actor, docIds: Map<string, number>): Promise<void> {
  const documentId = docIds.get('gk2025');
  if (documentId === undefined) return;
  const doc = await db.selectFrom('documents').select(['org_id', 'published_on']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const saved = await saveInterpretation(ctx, {
    actor,
    interpretationId: null,
    input: {
      orgId: doc.org_id,
      title: '《江宁市政府信息公开工作办法》政策问答',
      form: 'qa',
      department: '江宁市人民政府办公室政务公开科',
      contact: '政务公开科 025-84000000（工作日 9:00—17:00）',
      documentIds: [documentId],
      bodyHtml: p(
        '<strong>问：为什么要制定《办法》？</strong>',
        '答：2019年印发的《江宁市政府信息公开工作规定》实施以来，政务公开的要求和方式有了较大变化。《办法》根据《中华人民共和国政府信息公开条例》，结合本市实际，替代原规定，进一步规范公开工作。',
        '<strong>问：《办法》对公开前的审查有什么新要求？</strong>',
        '答：行政机关应当建立健全政府信息公开审查机制，坚持先审后发：信息在公开前须经审核，未经审核的不得发布。',
        '<strong>问：原《规定》还有效吗？</strong>',
        '答：《办法》自2025年9月1日起施行，原《规定》（宁政办发〔2019〕12号）同时废止。',
      ),
    },
  });
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('interpretations').set({ published_on: doc.published_on }).where('id', '=', saved.id).execute();
    await publishItem(trx, ctx, 'interpretation', saved.id);
  });
  // The city government is strict (同步报审); every other organization keeps the default 3 working days of grace.
  await db.updateTable('organizations').set({ interpretation_rule: 'required' }).where('id', '=', doc.org_id).execute();
}
