import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { saveQaEntry, type QaInput } from '../../modules/qa/commands/save-qa.js';
import { publishItem } from '../../platform/content/registry.js';
import { applyReviewAction } from '../../modules/review/commands/review-action.js';

const p = (...paras: string[]) => paras.map((s) => `<p>${s}</p>`).join('\n');

interface DemoQa {
  org: string;
  by: string;
  question: string;
  phrasings?: string[];
  answer: string;
  department: string;
  contact: string;
  topic?: string;
  audiences?: string[];
  reviewOn?: string;
  documents?: { doc: string; clause?: string }[];
  /** Left in review (submitted), not published. */
  draft?: boolean;
}

// Fictional, like the demo documents: the answers cite the demo's own documents and clauses.
const ENTRIES: DemoQa[] = [
  {
    org: 'rsj', by: 'rsj.editor', question: '江宁市现行的月最低工资标准是多少？', phrasings: ['最低工资现在是多少钱一个月', '最低工资标准调整了吗'],
    answer: p('自2025年4月1日起，本市月最低工资标准为每月2490元，非全日制用工小时最低工资标准为每小时24元。', '依据为《江宁市最低工资标准调整方案》（宁人社发〔2023〕8号）及《关于修改〈江宁市最低工资标准调整方案〉的决定》（宁人社发〔2025〕11号）。'),
    department: '市人社局劳动关系处', contact: '025-86100001（工作日 9:00—17:00）', topic: '劳动就业', audiences: ['企业', '个人'], reviewOn: '2027-03-31',
    documents: [{ doc: 'wage2023', clause: '第一条' }, { doc: 'wage2025' }],
  },
  {
    org: 'rsj', by: 'rsj.editor', question: '最低工资包括加班工资和社保吗？', phrasings: ['最低工资含不含五险一金'],
    answer: p('不包括。下列项目不作为最低工资的组成部分：延长工作时间工资；中班、夜班、高温、低温、井下、有毒有害等特殊工作环境、条件下的津贴；法律法规和国家规定的劳动者福利待遇等。', '个人依法缴纳的社会保险费和住房公积金包含在最低工资标准之内。'),
    department: '市人社局劳动关系处', contact: '025-86100001', topic: '劳动就业', audiences: ['企业', '个人'], documents: [{ doc: 'wage2023' }],
  },
  {
    org: 'rsj', by: 'rsj.editor', question: '灵活就业人员怎样参加职工基本养老保险（社保）？', phrasings: ['打零工怎么交社保', '个体户自己交社保怎么办理'],
    answer: p('在本市从事灵活就业的人员，可持本人身份证件到户籍所在地或就业地的社会保险经办机构办理参保登记，也可通过“江宁人社”网上服务大厅办理。', '缴费基数可在全省上年度全口径城镇单位就业人员月平均工资的60%至300%之间自行选择，按月、按季或按年缴费。'),
    department: '市社会保险事业管理中心', contact: '12333（人社服务热线）', topic: '社会保障', audiences: ['个人'], reviewOn: '2027-01-31',
  },
  {
    org: 'zjj', by: 'zjj.editor', question: '购买自住住房可以提取住房公积金吗？', phrasings: ['买房能取公积金吗', '公积金 购房提取 条件'],
    answer: p('可以。职工购买、建造、翻建、大修自住住房的，可以申请提取住房公积金。', '申请时请提供购房合同或不动产权证书、本人身份证件等材料，可到公积金管理中心各服务网点或通过网上服务大厅办理。'),
    department: '市住房公积金管理中心归集提取科', contact: '12329（住房公积金服务热线）', topic: '住房保障', audiences: ['个人'], reviewOn: '2026-12-31',
    documents: [{ doc: 'hpf2024', clause: '第二条' }],
  },
  {
    org: 'zjj', by: 'zjj.editor', question: '离职后住房公积金账户怎么处理？', phrasings: ['辞职了公积金怎么办'],
    answer: p('职工与单位终止劳动关系的，住房公积金账户予以封存，账户内的存储余额继续计息。', '重新就业后，由新单位办理账户转移接续；符合提取条件的，可按规定申请提取。'),
    department: '市住房公积金管理中心归集提取科', contact: '12329', topic: '住房保障', audiences: ['个人'], documents: [{ doc: 'hpf2024' }],
  },
  {
    org: 'fgw', by: 'fgw.editor', question: '小微企业首次贷款贴息怎么申请？', phrasings: ['中小企业贷款贴息政策', '小微企业 贴息 上限'],
    answer: p('对首次获得银行贷款的小微企业，按贷款利息的50%给予贴息，最高20万元。', '企业在贷款结清后3个月内，向注册地发展改革部门提交贴息申请表、贷款合同和付息凭证，经审核后拨付。'),
    department: '市发展改革委中小企业处', contact: '025-86200002', topic: '经济运行', audiences: ['中小微企业'], reviewOn: '2027-06-30',
    documents: [{ doc: 'sme2025', clause: '第一条' }],
  },
  {
    org: 'fgw', by: 'fgw.editor', question: '中小企业吸纳高校毕业生有什么补贴？', phrasings: ['招应届生有补贴吗', '稳岗扩岗补贴标准'],
    answer: p('对吸纳高校毕业生就业的中小微企业，按每人1500元给予一次性补贴。', '企业与毕业生签订1年以上劳动合同并为其缴纳社会保险后，可向人社部门申请。'),
    department: '市发展改革委中小企业处', contact: '025-86200002', topic: '经济运行', audiences: ['中小微企业', '个体工商户'], documents: [{ doc: 'sme2025', clause: '第二条' }],
  },
  {
    org: 'city', by: 'admin', question: '向行政机关申请政府信息公开，多久能得到答复？', phrasings: ['依申请公开答复期限', '申请政府信息公开要等多久'],
    answer: p('行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复；不能当场答复的，应当自收到申请之日起20个工作日内予以答复。', '需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。'),
    department: '市政府办公室政务公开科', contact: '025-84000000', topic: '政务公开', audiences: ['个人', '企业'], documents: [{ doc: 'gk2025' }],
  },
  {
    org: 'city', by: 'admin', question: '政府信息公开前要经过哪些审查？', phrasings: ['先审后发是什么意思'],
    answer: p('行政机关应当建立健全政府信息公开审查机制，坚持先审后发：信息在公开前须经审核，未经审核的不得发布。'),
    department: '市政府办公室政务公开科', contact: '025-84000000', topic: '政务公开', audiences: ['行政机关'], documents: [{ doc: 'gk2025', clause: '第二条' }],
  },
  // Linked only to the 2019 rules, which the 2025 measures replaced: a repealed document, for the
  // smart Q&A's tests that such a source is never cited as current.
  {
    org: 'city', by: 'admin', question: '《江宁市政府信息公开工作规定》适用于哪些机关？',
    answer: p('本市各级行政机关以及法律、法规授权的具有管理公共事务职能的组织公开政府信息，适用该规定。'),
    department: '市政府办公室政务公开科', contact: '025-84000000', topic: '政务公开', audiences: ['行政机关'], reviewOn: '2025-09-01', documents: [{ doc: 'gk2019', clause: '第二条' }],
  },
  {
    org: 'xihu', by: 'xihu.editor', question: '哪些人可以申请城乡居民医疗救助？', phrasings: ['医疗救助对象', '低保户看病有救助吗'],
    answer: p('救助对象包括特困人员、低保对象和低保边缘家庭成员。', '年度救助限额按省有关规定执行（原办法第八条已于2025年2月1日废止）。'),
    department: '西湖县医疗保障局待遇保障股', contact: '0512-57000000', topic: '社会保障', audiences: ['个人', '老年人'], documents: [{ doc: 'medical2022', clause: '第二条' }, { doc: 'medical2025' }],
  },
  {
    org: 'dongshan', by: 'dongshan.editor', question: '农村危房改造补助什么时候开始实施？',
    answer: p('《东山县农村危房改造补助资金管理办法》自2027年1月1日起施行，补助对象为农村低收入群体等重点对象。'),
    department: '东山县住房和城乡建设局村镇建设股', contact: '0512-58000000', topic: '住房保障', audiences: ['农民'], documents: [{ doc: 'housing2027', clause: '第二条' }],
  },
  {
    org: 'czj', by: 'czj.editor', question: '在哪里可以查到市级部门预算？', phrasings: ['部门预算公开在哪看'],
    answer: p('市级部门预算在批准后20日内由各部门向社会公开，可在本网站政策文件库或市财政局“预决算公开”栏目查阅。'),
    department: '市财政局预算处', contact: '025-86300003', topic: '财政', audiences: ['个人', '企业'], documents: [{ doc: 'budget2026' }],
  },
  {
    org: 'rsj', by: 'rsj.editor', question: '失业保险金怎么申领？', phrasings: ['失业了能领多少钱', '失业金 申领 流程'],
    answer: p('非因本人意愿中断就业、已办理失业登记并有求职要求、失业前用人单位和本人已缴纳失业保险费满1年的，可以申领失业保险金。', '可通过“江宁人社”网上服务大厅或到社会保险经办机构申领。'),
    department: '市人社局失业保险处', contact: '12333', topic: '社会保障', audiences: ['个人'], draft: true,
  },
];

/** The demo's Q&A library: published entries (seeded as already reviewed) and one waiting in review. */
export async function seedDemoQa(db: Kysely<Database>, clock: Clock, _sealer: Sealer, demo: { orgIds: Map<string, number>; actors: Map<string, Actor>; docIds: Map<string, number> }): Promise<void> {
  const topics = new Map((await db.selectFrom('topics').select(['id', 'name']).execute()).map((t) => [t.name, t.id]));
  for (const e of ENTRIES) {
    const actor = demo.actors.get(e.by)!;
    const ctx = { db, clock, actor: { id: actor.id, label: actor.displayName } };
    const input: QaInput = {
      orgId: demo.orgIds.get(e.org)!, question: e.question, phrasings: e.phrasings ?? [], answerHtml: e.answer, department: e.department, contact: e.contact,
      topicId: e.topic ? (topics.get(e.topic) ?? null) : null, audiences: e.audiences ?? [], reviewOn: e.reviewOn ?? null,
      documents: (e.documents ?? []).flatMap((d) => (demo.docIds.has(d.doc) ? [{ documentId: demo.docIds.get(d.doc)!, clause: d.clause ?? '' }] : [])),
    };
    const saved = await saveQaEntry(ctx, { actor, qaId: null, input });
    if (e.draft) await applyReviewAction(ctx, actor, { type: 'qa', id: saved.id, action: 'submit', comment: '' });
    else await db.transaction().execute((trx) => publishItem(trx, ctx, 'qa', saved.id));
  }
}
