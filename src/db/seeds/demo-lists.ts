import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { seedList, type SeedList } from '../../modules/lists/public.js';

/**
 * One official list (清单) of each type in the demo site group, written for the demo: rows and
 * legal bases look like the real thing, but the city, its departments and their lists are invented.
 * The 住建局's 行政许可事项清单 has two published versions, so the portal's comparison has something to show.
 */
type Row = Record<string, string>;

const LICENSING_2025: Row[] = [
  { code: 'JN-ZJ-XK-001', name: '建筑工程施工许可', department: '市住房和城乡建设局', authority: '市住房和城乡建设局；东山县、西湖县住房和城乡建设局', basis: '《中华人民共和国建筑法》第七条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）' },
  { code: 'JN-ZJ-XK-002', name: '商品房预售许可', department: '市住房和城乡建设局', authority: '市住房和城乡建设局', basis: '《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》第六条' },
  { code: 'JN-ZJ-XK-003', name: '建筑业企业资质核准（施工总承包三级等）', department: '市住房和城乡建设局', authority: '市住房和城乡建设局', basis: '《中华人民共和国建筑法》第十三条；《建筑业企业资质管理规定》第九条' },
  { code: 'JN-ZJ-XK-004', name: '燃气经营许可', department: '市住房和城乡建设局', authority: '市住房和城乡建设局；县住房和城乡建设局', basis: '《城镇燃气管理条例》第十五条' },
  { code: 'JN-ZJ-XK-005', name: '城镇污水排入排水管网许可', department: '市住房和城乡建设局', authority: '市住房和城乡建设局', basis: '《城镇排水与污水处理条例》第二十一条' },
  { code: 'JN-ZJ-XK-006', name: '拆除、改动、迁移城市公共供水设施审批', department: '市住房和城乡建设局', authority: '市住房和城乡建设局', basis: '《城市供水条例》第三十条' },
  { code: 'JN-ZJ-XK-007', name: '建设工程消防设计审查', department: '市住房和城乡建设局', authority: '市住房和城乡建设局', basis: '《中华人民共和国消防法》第十一条；《建设工程消防设计审查验收管理暂行规定》' },
  { code: 'JN-ZJ-XK-008', name: '临时占用城市绿化用地审批', department: '市住房和城乡建设局', authority: '市住房和城乡建设局', basis: '《城市绿化条例》第十九条', note: '2026年起划转市城市管理局' },
];

// 2026年版: 绿化用地审批划出, 增加建设工程消防验收, 燃气经营许可的实施机关调整.
const LICENSING_2026: Row[] = [
  ...LICENSING_2025.filter((r) => r.code !== 'JN-ZJ-XK-008' && r.code !== 'JN-ZJ-XK-004'),
  { code: 'JN-ZJ-XK-004', name: '燃气经营许可', department: '市住房和城乡建设局', authority: '市住房和城乡建设局（东山县、西湖县范围内由县住房和城乡建设局实施）', basis: '《城镇燃气管理条例》第十五条；《江宁市燃气管理办法》第十二条' },
  { code: 'JN-ZJ-XK-009', name: '特殊建设工程消防验收', department: '市住房和城乡建设局', authority: '市住房和城乡建设局', basis: '《中华人民共和国消防法》第十三条；《建设工程消防设计审查验收管理暂行规定》第二十六条' },
];

const POWERS: Row[] = [
  { code: 'JN-RS-QL-001', name: '人力资源服务许可', category: '行政许可', basis: '《人力资源市场暂行条例》第十八条', body: '市人力资源和社会保障局', duties: '1.受理责任：公示申请条件和材料，一次性告知补正材料。2.审查责任：审核申请材料，必要时实地核查。3.决定责任：作出许可或不予许可决定，不予许可的说明理由。4.监管责任：开展事中事后监管。', accountability: '对符合条件的申请不予受理、不予许可或者不在法定期限内作出决定的；对不符合条件的申请人准予许可的；索取或者收受他人财物的。' },
  { code: 'JN-RS-QL-002', name: '对用人单位未按规定支付劳动报酬的处罚', category: '行政处罚', basis: '《中华人民共和国劳动合同法》第八十五条；《保障农民工工资支付条例》第五十四条', body: '市人力资源和社会保障局', duties: '立案、调查取证、告知、决定、送达、执行等责任。', accountability: '没有法定依据实施处罚的；擅自改变处罚种类、幅度的；违反法定程序实施处罚的。' },
  { code: 'JN-RS-QL-003', name: '失业保险金给付', category: '行政给付', basis: '《失业保险条例》第十四条', body: '市社会保险事业管理中心', duties: '审核领取条件，按月足额发放，公开领取标准和流程。', accountability: '对符合条件的不予给付、无故拖延给付或者违规给付的。' },
  { code: 'JN-RS-QL-004', name: '劳动保障监察检查', category: '行政检查', basis: '《劳动保障监察条例》第十五条', body: '市劳动保障监察支队', duties: '制定检查计划，实行“双随机、一公开”，依法处理检查发现的问题。', accountability: '滥用职权、玩忽职守、徇私舞弊的；泄露在检查中知悉的商业秘密的。' },
  { code: 'JN-RS-QL-005', name: '工伤认定', category: '行政确认', basis: '《工伤保险条例》第十七条、第二十条', body: '市人力资源和社会保障局', duties: '受理申请，调查核实，在60日内作出认定决定并送达。', accountability: '无正当理由不受理工伤认定申请的；未按规定核实、认定的。' },
  { code: 'JN-RS-QL-006', name: '对职业技能竞赛优胜选手的奖励', category: '行政奖励', basis: '《江宁市职业技能竞赛管理办法》第二十条', body: '市人力资源和社会保障局', duties: '公布奖励条件，组织评审，公示拟奖励名单。', accountability: '评审中弄虚作假、徇私舞弊的。' },
];

// 市场监管局's 权责清单: the matters routing by duty finds for 开饭馆, 开店, 药店, 电梯 … (issue 14).
const MARKET_POWERS: Row[] = [
  { code: 'JN-SJ-QL-001', name: '食品经营许可', category: '行政许可', basis: '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》', body: '市市场监督管理局', duties: '受理餐饮服务、食品销售经营者的许可申请，审查材料并实地核查，作出许可决定并发放食品经营许可证；仅销售预包装食品的实行备案。', accountability: '对不符合条件的申请人准予许可的；对符合条件的申请不予受理或者不在法定期限内作出决定的。' },
  { code: 'JN-SJ-QL-002', name: '食品生产许可', category: '行政许可', basis: '《中华人民共和国食品安全法》第三十五条；《食品生产许可管理办法》', body: '市市场监督管理局', duties: '受理、审查、决定、送达，开展许可后的监督检查。', accountability: '违法实施许可的；监督检查中玩忽职守的。' },
  { code: 'JN-SJ-QL-003', name: '市场主体登记注册（营业执照）', category: '行政许可', basis: '《中华人民共和国市场主体登记管理条例》第三条', body: '市市场监督管理局', duties: '办理企业、个体工商户等市场主体的设立、变更、注销登记，核发营业执照。', accountability: '对不符合条件的登记申请予以登记的；不依法履行登记职责的。' },
  { code: 'JN-SJ-QL-004', name: '药品零售企业经营许可', category: '行政许可', basis: '《中华人民共和国药品管理法》第五十二条', body: '市市场监督管理局', duties: '受理药店开办申请，组织现场检查，作出许可决定。', accountability: '违法准予许可的。' },
  { code: 'JN-SJ-QL-005', name: '特种设备使用登记', category: '行政许可', basis: '《中华人民共和国特种设备安全法》第三十三条', body: '市市场监督管理局', duties: '办理电梯、锅炉、压力容器等特种设备的使用登记。', accountability: '对不符合安全技术规范要求的特种设备予以登记的。' },
  { code: 'JN-SJ-QL-006', name: '对未取得食品经营许可从事食品经营活动的处罚', category: '行政处罚', basis: '《中华人民共和国食品安全法》第一百二十二条', body: '市市场监督管理局', duties: '立案、调查取证、告知、决定、送达、执行等责任。', accountability: '没有法定依据实施处罚的；违反法定程序实施处罚的。' },
];

const MARKET_ACCESS: Row[] = [
  { kind: '禁止准入类', code: '100001', matter: '法律、法规、国务院决定等明确设立，且与市场准入相关的禁止性规定', measures: '《产业结构调整指导目录》中的淘汰类项目，禁止投资；限制类项目，禁止新建。', basis: '《国务院关于实行市场准入负面清单制度的意见》（国发〔2015〕55号）；《产业结构调整指导目录》' },
  { kind: '禁止准入类', code: '100002', matter: '不符合主体功能区建设要求的各类开发活动', measures: '禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目。', basis: '《中华人民共和国水污染防治法》第六十五条' },
  { kind: '许可准入类', code: '200101', matter: '未获得许可，不得从事城镇燃气经营', measures: '燃气经营许可', basis: '《城镇燃气管理条例》第十五条' },
  { kind: '许可准入类', code: '200102', matter: '未获得许可或资质，不得从事建筑活动', measures: '建筑工程施工许可；建筑业企业资质核准', basis: '《中华人民共和国建筑法》第七条、第十三条' },
  { kind: '许可准入类', code: '200103', matter: '未获得许可，不得从事食品生产经营', measures: '食品生产许可；食品经营许可（仅销售预包装食品的实行备案）', basis: '《中华人民共和国食品安全法》第三十五条' },
  { kind: '许可准入类', code: '200104', matter: '未获得许可，不得设立经营性人力资源服务机构', measures: '人力资源服务许可', basis: '《人力资源市场暂行条例》第十八条' },
];

const FEES: Row[] = [
  { department: '市自然资源和规划局', item: '不动产登记费', standard: '住宅类每件80元；非住宅类每件550元', basis: '《财政部 国家发展改革委关于不动产登记收费有关政策问题的通知》（财税〔2016〕79号）', payer: '市不动产登记中心', funds: '缴入国库' },
  { department: '市住房和城乡建设局', item: '城市基础设施配套费', standard: '按建筑面积每平方米150元', basis: '省物价局、省财政厅关于城市基础设施配套费的通知；《江宁市城市基础设施配套费征收管理办法》', payer: '市住房和城乡建设局', funds: '缴入国库' },
  { department: '市公安局', item: '居民身份证工本费', standard: '首次申领、换领每证20元；丢失补领、损坏换领每证40元', basis: '《中华人民共和国居民身份证法》第二十条；财综〔2007〕34号', payer: '市公安局及各派出所', funds: '缴入国库' },
  { department: '市人力资源和社会保障局', item: '职业技能鉴定考试考务费', standard: '按省定标准执行（初级工每人60元）', basis: '《江宁市行政事业性收费目录清单》；省发展改革委、省财政厅有关文件', payer: '市职业技能鉴定中心', funds: '财政专户' },
  { department: '市城市管理局', item: '污水处理费', standard: '居民生活用水每立方米0.95元；非居民用水每立方米1.40元', basis: '《污水处理费征收使用管理办法》（财税〔2014〕151号）', payer: '市城市管理局（由供水企业代征）', funds: '缴入国库' },
  { department: '市教育局', item: '普通高中学费', standard: '省三星级高中每生每学期1100元', basis: '《江宁市普通高中收费管理办法》；省物价局有关文件', payer: '各公办普通高中', funds: '财政专户', note: '建档立卡家庭学生免收' },
];

const CHANNELS = '政府网站、政务服务中心、村（居）公示栏';
const CATALOG: Row[] = [
  { level1: '社会救助', level2: '最低生活保障', content: '政策依据、申请条件、办理流程、保障标准、审核结果公示、监督电话', basis: '《社会救助暂行办法》第十一条；《江宁市最低生活保障审核确认办法》', timeLimit: '信息形成或变更之日起20个工作日内；审核结果公示7天', body: '青石镇人民政府', channels: CHANNELS, audience: '全社会', method: '主动', level: '乡级' },
  { level1: '社会救助', level2: '临时救助', content: '救助对象、救助标准、申请程序、救助结果', basis: '《社会救助暂行办法》第四十七条至第五十条', timeLimit: '信息形成或变更之日起20个工作日内', body: '青石镇人民政府', channels: CHANNELS, audience: '全社会', method: '主动', level: '乡级' },
  { level1: '涉农补贴', level2: '耕地地力保护补贴', content: '政策依据、补贴对象、补贴标准、申请程序、补贴结果（以村为单位）、监督渠道', basis: '《财政部 农业农村部关于实施农业生产发展等项目的通知》；《江宁市耕地地力保护补贴实施方案》', timeLimit: '补贴结果形成后20个工作日内', body: '青石镇人民政府', channels: '政府网站、村（居）公示栏、入户/现场', audience: '全社会', method: '主动', level: '乡级' },
  { level1: '户籍管理', level2: '户口迁移', content: '办理条件、所需材料、办理流程、办理时限、办理地点和联系方式', basis: '《中华人民共和国户口登记条例》第十条', timeLimit: '信息形成或变更之日起20个工作日内', body: '东山县公安局青石派出所', channels: '政府网站、政务服务中心、便民服务站', audience: '全社会', method: '主动', level: '乡级' },
  { level1: '就业', level2: '公益性岗位', content: '岗位数量、招聘条件、招聘程序、拟聘人员名单', basis: '《就业促进法》第五十二条；《江宁市公益性岗位开发管理办法》', timeLimit: '招聘前5个工作日公告；拟聘名单公示5个工作日', body: '青石镇人民政府', channels: CHANNELS, audience: '全社会', method: '主动', level: '乡级' },
  { level1: '农村危房改造', level2: '', content: '改造对象认定结果、补助标准、改造进度和资金发放情况', basis: '《住房和城乡建设部 财政部关于做好农村危房改造工作的通知》', timeLimit: '对象认定后公示不少于7天', body: '青石镇人民政府', channels: '村（居）公示栏、入户/现场', audience: '特定群体', method: '主动', level: '乡级' },
];

const NEGATIVE: Row[] = [
  { matter: '依法确定为国家秘密的政府信息', basis: '《中华人民共和国政府信息公开条例》第十四条；《中华人民共和国保守国家秘密法》', reason: '公开后可能危及国家安全', body: '各机关保密工作机构' },
  { matter: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息', basis: '《中华人民共和国政府信息公开条例》第十四条', reason: '法律、行政法规明确禁止公开', body: '信息制作或保存机关' },
  { matter: '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息', basis: '《中华人民共和国政府信息公开条例》第十五条', reason: '第三方不同意公开且不公开不会对公共利益造成重大影响', body: '信息制作或保存机关' },
  { matter: '行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等）', basis: '《中华人民共和国政府信息公开条例》第十六条第一款', reason: '属于内部管理信息，可以不予公开', body: '各机关办公室' },
  { matter: '行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息', basis: '《中华人民共和国政府信息公开条例》第十六条第二款', reason: '属于过程性信息，可以不予公开；法律、法规、规章规定应当公开的除外', body: '信息制作或保存机关' },
];

export async function seedDemoLists(db: Kysely<Database>, clock: Clock, demo: { orgIds: Map<string, number>; actors: Map<string, Actor> }): Promise<void> {
  const lists: [string, SeedList][] = [
    ['zjj.editor', { orgId: demo.orgIds.get('zjj')!, type: 'licensing', catalogSlug: 'xzxk', versions: [
      { title: '江宁市住房和城乡建设局行政许可事项清单（2025年版）', publishedOn: '2025-03-18', rows: LICENSING_2025 },
      { title: '江宁市住房和城乡建设局行政许可事项清单（2026年版）', changeNote: '临时占用城市绿化用地审批划转市城市管理局；新增特殊建设工程消防验收；调整燃气经营许可的实施机关和依据。', publishedOn: '2026-04-20', rows: LICENSING_2026 },
    ] }],
    ['rsj.editor', { orgId: demo.orgIds.get('rsj')!, type: 'powers', catalogSlug: 'jgzn', versions: [{ title: '江宁市人力资源和社会保障局权责清单', publishedOn: '2026-02-10', rows: POWERS }] }],
    ['scjg.editor', { orgId: demo.orgIds.get('scjg')!, type: 'powers', catalogSlug: 'xzxk', versions: [{ title: '江宁市市场监督管理局权责清单', publishedOn: '2026-03-02', rows: MARKET_POWERS }] }],
    ['fgw.editor', { orgId: demo.orgIds.get('fgw')!, type: 'market_access', catalogSlug: 'ghjh', versions: [{ title: '江宁市落实市场准入负面清单事项目录（2026年版）', publishedOn: '2026-05-06', rows: MARKET_ACCESS }] }],
    ['czj.editor', { orgId: demo.orgIds.get('czj')!, type: 'fees', catalogSlug: 'czxx', versions: [{ title: '江宁市行政事业性收费目录清单', publishedOn: '2026-01-15', rows: FEES }] }],
    ['qingshi.editor', { orgId: demo.orgIds.get('qingshi')!, type: 'disclosure_catalog', catalogSlug: 'gkzd', versions: [{ title: '青石镇基层政务公开事项标准目录', publishedOn: '2025-11-28', rows: CATALOG }] }],
    ['admin', { orgId: demo.orgIds.get('city')!, type: 'disclosure_negative', catalogSlug: 'gkzd', versions: [{ title: '江宁市人民政府政务公开负面清单', publishedOn: '2026-06-30', rows: NEGATIVE }] }],
  ];
  for (const [username, spec] of lists) {
    const actor = demo.actors.get(username)!;
    await seedList({ db, clock, actor: { id: actor.id, label: actor.displayName } }, actor, spec);
  }
}
