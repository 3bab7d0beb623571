import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { FileStorage } from '../../platform/files/storage.js';
import type { CommandContext } from '../../platform/http/command.js';
import { publishItem } from '../../platform/content/registry.js';
import { addCatalogNode } from '../../modules/organizations/commands/edit-catalog.js';
import { saveItem, type ItemInput } from '../../modules/items/public.js';

const p = (...paras: string[]) => paras.map((s) => `<p>${s}</p>`).join('\n');

/** A day `n` days from `date` ('YYYY-MM-DD'). */
function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface DemoItem {
  org: string;
  by: string;
  category: 'news' | 'notice' | 'publicity';
  title: string;
  topic: string;
  source: string;
  /** Days before the seed's today. */
  daysAgo: number;
  body: string;
  publicity?: { startDaysAgo: number; endInDays: number; scope: 'all' | 'residents'; place?: string; afterPeriod: 'keep' | 'remove' };
}

/** The columns the items are filed in, added under 法定主动公开内容 of the organizations that fill them. */
const COLUMNS: Record<string, [string, string][]> = {
  fgw: [['工作动态', 'gzdt'], ['通知公告', 'tzgg']],
  rsj: [['通知公告', 'tzgg'], ['公示', 'gsgg']],
  qingshi: [['工作动态', 'gzdt'], ['通知公告', 'tzgg']],
};

/** Written for the demo (fictional organs, people and places, like the rest of the demo). */
const ITEMS: DemoItem[] = [
  {
    org: 'fgw', by: 'fgw.editor', category: 'news', topic: '国民经济管理、国有资产监管', source: '市发展改革委综合处', daysAgo: 12,
    title: '市发展改革委召开全市重大项目建设推进会',
    body: p(
      '11月上旬，市发展改革委召开全市重大项目建设推进会，各县（区）发展改革部门和市级有关部门分管负责同志参加会议。',
      '会议通报了今年以来全市重大项目建设情况：列入年度计划的重大项目120个，已开工108个，完成投资占年度计划的86%。会议要求，各地要对照年度目标逐项排查，对用地、环评、资金等方面的问题建立清单、限时解决。',
      '会议强调，要做好明年项目储备，提前开展前期工作，确保项目“早开工、早投产、早见效”。',
    ),
  },
  {
    org: 'fgw', by: 'fgw.editor', category: 'news', topic: '综合政务', source: '市发展改革委办公室', daysAgo: 5,
    title: '市发展改革委开展“政务公开进园区”活动',
    body: p(
      '为帮助企业及时了解和用好惠企政策，市发展改革委联合市财政局、市人社局走进江宁高新区，开展“政务公开进园区”活动。',
      '活动现场设置政策咨询台，工作人员向企业解读《江宁市促进中小微企业高质量发展若干政策措施》，介绍贷款贴息、稳岗补贴等政策的申报条件和办理流程，现场收集企业诉求23条，已交有关部门限时办理。',
    ),
  },
  {
    org: 'fgw', by: 'fgw.editor', category: 'notice', topic: '国民经济管理、国有资产监管', source: '市发展改革委投资处', daysAgo: 3,
    title: '关于组织申报2027年市级重点建设项目的通知',
    body: p(
      '各县（区）发展改革部门，市级有关部门：',
      '为做好2027年市级重点建设项目的谋划和安排，现将申报工作有关事项通知如下：',
      '一、申报范围。总投资5000万元以上、2027年内可开工或续建的产业、基础设施和社会民生项目。',
      '二、申报材料。项目申报表、项目审批（核准、备案）文件及用地、环评等要件。',
      '三、时间安排。请于12月15日前将申报材料报送市发展改革委投资处，逾期不再受理。',
      '联系电话：025-86000101。',
    ),
  },
  {
    org: 'rsj', by: 'rsj.editor', category: 'notice', topic: '劳动、人事、监察\\劳动就业', source: '市人社局就业促进处', daysAgo: 8,
    title: '关于举办2026年冬季高校毕业生专场招聘会的通知',
    body: p(
      '为促进高校毕业生和离校未就业青年就业，市人社局定于12月6日（星期六）9:00—12:00在市人力资源市场举办冬季高校毕业生专场招聘会。',
      '本次招聘会预计有200家用人单位参加，提供岗位3000余个，涵盖智能制造、软件信息、现代物流、医疗健康等行业。求职者请携带身份证件和个人简历入场，入场免费。',
      '咨询电话：12333。',
    ),
  },
  {
    org: 'rsj', by: 'rsj.editor', category: 'publicity', topic: '劳动、人事、监察\\人事工作', source: '中共江宁市人力资源和社会保障局党组', daysAgo: 2,
    title: '江宁市人力资源和社会保障局拟任职干部任前公示',
    body: p(
      '根据《党政领导干部选拔任用工作条例》有关规定，经局党组研究，拟任用下列同志，现予以公示：',
      '张明远，男，1984年出生，研究生学历，现任市人社局就业促进处副处长，拟任市人社局就业促进处处长。',
      '公示期间，干部群众可通过来信、来电、来访等方式，向局机关党委反映公示对象在德、能、勤、绩、廉等方面的情况和问题。反映问题要实事求是，以真实姓名反映的优先核查。',
      '受理电话：025-86000301（工作日 9:00—17:00）',
      '受理地址：江宁市人力资源和社会保障局机关党委（市政务服务中心B座5楼）',
    ),
    publicity: { startDaysAgo: 2, endInDays: 12, scope: 'all', afterPeriod: 'remove' },
  },
  {
    org: 'qingshi', by: 'qingshi.editor', category: 'news', topic: '农业、林业、水利', source: '青石镇农业农村服务中心', daysAgo: 9,
    title: '青石镇完成今冬明春农田水利设施检修',
    body: p(
      '入冬以来，青石镇组织农业农村服务中心和各村（社区）对全镇农田水利设施开展集中检修，共疏浚灌排沟渠18.6公里，维修泵站7座、涵闸12座。',
      '镇里同时建立了设施管护台账，明确每处设施的管护责任人，确保明年春灌用水。',
    ),
  },
  {
    org: 'qingshi', by: 'qingshi.editor', category: 'notice', topic: '民政、扶贫、救灾', source: '青石镇社会事务办公室', daysAgo: 1,
    title: '关于开展2026年度冬季困难群众走访慰问的通知',
    body: p(
      '各村（社区）：',
      '为切实保障困难群众温暖过冬，镇党委、镇政府决定于12月至明年1月开展冬季困难群众走访慰问活动。请各村（社区）对辖区内低保、特困、困境儿童等家庭逐户摸排，于12月10日前将慰问名单报送镇社会事务办公室。',
      '走访慰问工作要做到不漏一户、不落一人，慰问物资发放情况在村务公开栏公开。',
    ),
    publicity: undefined,
  },
];

/**
 * The demo's information items: 工作动态 and 通知公告 of the 市发展改革委, the 市人社局 and 青石镇, and a
 * 拟任职干部任前公示 whose period is running at the seed's today (it is taken down when it ends),
 * published through the registry (seeded as already reviewed), so the portal shows them.
 */
export async function seedDemoItems(db: Kysely<Database>, clock: Clock, storage: FileStorage, demo: { orgIds: Map<string, number>; actors: Map<string, Actor> }): Promise<void> {
  const system: CommandContext = { db, clock, actor: { id: null, label: '系统（演示数据）' } };
  for (const [org, columns] of Object.entries(COLUMNS)) {
    const orgId = demo.orgIds.get(org)!;
    const proactive = await db.selectFrom('catalog_nodes').select('id').where('org_id', '=', orgId).where('role', '=', 'proactive').executeTakeFirstOrThrow();
    for (const [name, slug] of columns) await addCatalogNode({ ...system, allowedOrgIds: [orgId] }, orgId, { parentId: proactive.id, name, slug });
  }
  const today = clock.today();
  for (const d of ITEMS) {
    const actor = demo.actors.get(d.by)!;
    const [parent, child] = d.topic.split('\\');
    const topics = await db.selectFrom('topics').select(['id', 'name', 'parent_id']).where('name', 'in', [parent!, child ?? parent!]).execute();
    const top = topics.find((t) => t.name === parent && t.parent_id === null);
    const topic = child ? topics.find((t) => t.name === child && t.parent_id === top?.id) : top;
    const input: ItemInput = {
      orgId: demo.orgIds.get(d.org)!, category: d.category, catalogNodeId: null, title: d.title, bodyHtml: d.body, topicId: topic?.id ?? null, attribute: 'public', source: d.source,
      publicityStart: d.publicity ? addDays(today, -d.publicity.startDaysAgo) : null, publicityEnd: d.publicity ? addDays(today, d.publicity.endInDays) : null,
      publicityScope: d.publicity?.scope ?? null, publicityPlace: d.publicity?.place ?? '', afterPeriod: d.publicity?.afterPeriod ?? null,
    };
    const ctx = { ...system, actor: { id: actor.id, label: actor.displayName } };
    const saved = await saveItem(ctx, { actor, itemId: null, input, attachments: [], redactedCopies: false, removeAttachmentIds: [], storage });
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('info_items').set({ published_on: addDays(today, -d.daysAgo) }).where('id', '=', saved.id).execute();
      await publishItem(trx, ctx, 'info', saved.id);
    });
  }
}
