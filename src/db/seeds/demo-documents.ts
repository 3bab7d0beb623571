import type { DisclosureAttribute } from '../schema.js';
import type { ValidityEventKind } from '../../modules/documents/domain/validity.js';

/**
 * Sample documents written for the demo (fictional 江宁市; not real policy). Between them they
 * show every validity: in force, amended, partly repealed, repealed by a replacement, expired at
 * the end of a provisional term, and not yet in force.
 */
export interface DemoDocument {
  key: string;
  org: string;
  by: string;
  title: string;
  docNo: string | null;
  issuers: string;
  docType: string;
  topic?: string;
  audiences: string[];
  attribute?: DisclosureAttribute;
  writtenOn: string;
  publishedOn: string;
  effectiveOn: string | null;
  expiresOn?: string;
  body: string;
  publish?: boolean;
  // note: the revision's public change note (修订说明), which the demo also keeps as the staff's note.
  edits?: { note: string; body?: string; title?: string }[];
  affects?: { target: string; kind: ValidityEventKind; effectiveOn: string; by: string; note?: string }[];
}

const p = (...paras: string[]) => paras.map((s) => `<p>${s}</p>`).join('\n');

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    key: 'gk2019', org: 'city', by: 'admin', title: '江宁市人民政府办公室关于印发《江宁市政府信息公开工作规定》的通知', docNo: '宁政办发〔2019〕12号',
    issuers: '江宁市人民政府办公室', docType: '行政规范性文件', topic: '政务公开', audiences: ['行政机关'], writtenOn: '2019-05-20', publishedOn: '2019-05-28', effectiveOn: '2019-06-01', expiresOn: '2029-05-31',
    body: p('各县人民政府，市政府各部门：', '《江宁市政府信息公开工作规定》已经市政府同意，现印发给你们，请认真贯彻执行。', '第一条 为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，根据《中华人民共和国政府信息公开条例》，结合本市实际，制定本规定。', '第二条 各级行政机关应当在政府信息形成或者变更之日起20个工作日内予以公开。', '第三条 本规定自2019年6月1日起施行。'),
  },
  {
    key: 'wage2023', org: 'rsj', by: 'rsj.editor', title: '江宁市最低工资标准调整方案', docNo: '宁人社发〔2023〕8号', issuers: '江宁市人力资源和社会保障局、江宁市财政局',
    docType: '行政规范性文件', topic: '劳动就业', audiences: ['企业', '个人'], writtenOn: '2023-03-10', publishedOn: '2023-03-15', effectiveOn: '2023-04-01',
    body: p('为保障劳动者及其家庭成员的基本生活，根据《最低工资规定》，经市政府同意，现将本市最低工资标准调整如下：', '一、月最低工资标准由每月2100元调整为每月2280元。', '二、非全日制用工小时最低工资标准由每小时20元调整为每小时22元。', '三、本方案自2023年4月1日起执行，有效期5年。'),
  },
  {
    key: 'hpf2024', org: 'zjj', by: 'zjj.editor', title: '江宁市住房公积金提取管理暂行办法', docNo: '宁建规〔2024〕3号', issuers: '江宁市住房和城乡建设局',
    docType: '行政规范性文件', topic: '住房保障', audiences: ['个人'], writtenOn: '2024-02-20', publishedOn: '2024-02-26', effectiveOn: '2024-03-01',
    body: p('第一条 为规范住房公积金提取管理，维护缴存职工合法权益，制定本办法。', '第二条 职工购买、建造、翻建、大修自住住房的，可以申请提取住房公积金。', '第三条 本办法自2024年3月1日起施行，有效期2年。'),
  },
  {
    key: 'sme2025', org: 'fgw', by: 'fgw.editor', title: '江宁市促进中小微企业高质量发展若干政策措施', docNo: '宁发改规〔2025〕21号', issuers: '江宁市发展和改革委员会',
    docType: '行政规范性文件', topic: '经济运行', audiences: ['中小微企业', '个体工商户'], writtenOn: '2025-06-10', publishedOn: '2025-06-18', effectiveOn: '2025-07-01',
    body: p('为进一步激发市场主体活力，促进中小微企业高质量发展，制定以下政策措施。', '一、降低融资成本。对首次获得银行贷款的小微企业，按贷款利息的30%给予贴息，最高10万元。', '二、支持稳岗扩岗。对吸纳高校毕业生就业的中小微企业，按每人1500元给予一次性补贴。', '三、本措施自2025年7月1日起施行。'),
    edits: [{ note: '更正贴息上限', body: p('为进一步激发市场主体活力，促进中小微企业高质量发展，制定以下政策措施。', '一、降低融资成本。对首次获得银行贷款的小微企业，按贷款利息的50%给予贴息，最高20万元。', '二、支持稳岗扩岗。对吸纳高校毕业生就业的中小微企业，按每人1500元给予一次性补贴。', '三、本措施自2025年7月1日起施行。') }],
  },
  {
    key: 'gk2025', org: 'city', by: 'admin', title: '江宁市政府信息公开工作办法', docNo: '宁政规〔2025〕5号', issuers: '江宁市人民政府',
    docType: '行政规范性文件', topic: '政务公开', audiences: ['行政机关', '个人', '企业'], writtenOn: '2025-08-01', publishedOn: '2025-08-08', effectiveOn: '2025-09-01', expiresOn: '2030-08-31',
    body: p('第一条 为了深化政务公开，保障人民群众知情权、参与权、表达权、监督权，根据《中华人民共和国政府信息公开条例》，制定本办法。', '第二条 行政机关应当建立健全政府信息公开审查机制，坚持先审后发。', '第三条 本办法自2025年9月1日起施行。2019年5月28日印发的《江宁市政府信息公开工作规定》（宁政办发〔2019〕12号）同时废止。'),
    affects: [{ target: 'gk2019', kind: 'replace', effectiveOn: '2025-09-01', by: 'admin', note: '本办法第三条' }],
  },
  {
    key: 'wage2025', org: 'rsj', by: 'rsj.editor', title: '江宁市人力资源和社会保障局关于修改《江宁市最低工资标准调整方案》的决定', docNo: '宁人社发〔2025〕11号', issuers: '江宁市人力资源和社会保障局',
    docType: '行政规范性文件', topic: '劳动就业', audiences: ['企业', '个人'], writtenOn: '2025-03-01', publishedOn: '2025-03-05', effectiveOn: '2025-04-01',
    body: p('经研究，决定对《江宁市最低工资标准调整方案》作如下修改：', '将第一条中的“每月2280元”修改为“每月2490元”。', '将第二条中的“每小时22元”修改为“每小时24元”。', '本决定自2025年4月1日起施行。'),
    affects: [{ target: 'wage2023', kind: 'amend', effectiveOn: '2025-04-01', by: 'rsj.editor' }],
  },
  {
    key: 'budget2026', org: 'czj', by: 'czj.editor', title: '江宁市2026年市级部门预算公开说明', docNo: null, issuers: '江宁市财政局', docType: '其他文件', topic: '财政',
    audiences: ['个人', '企业'], writtenOn: '2026-02-10', publishedOn: '2026-02-12', effectiveOn: null,
    body: p('根据《中华人民共和国预算法》和政府信息公开有关规定，现将2026年市级部门预算公开如下。', '一、一般公共预算收入安排情况。', '二、一般公共预算支出安排情况，其中“三公”经费预算比上年下降5%。'),
  },
  {
    key: 'housing2027', org: 'dongshan', by: 'dongshan.editor', title: '东山县农村危房改造补助资金管理办法', docNo: '东政规〔2026〕7号', issuers: '东山县人民政府',
    docType: '行政规范性文件', topic: '住房保障', audiences: ['农民', '个人'], writtenOn: '2026-10-20', publishedOn: '2026-10-28', effectiveOn: '2027-01-01',
    body: p('第一条 为规范农村危房改造补助资金管理，制定本办法。', '第二条 补助对象为农村低收入群体等重点对象。', '第三条 本办法自2027年1月1日起施行。'),
  },
  {
    key: 'subsidy2026', org: 'qingshi', by: 'qingshi.editor', title: '青石镇2026年耕地地力保护补贴发放情况公示', docNo: null, issuers: '东山县青石镇人民政府',
    docType: '其他文件', topic: '农业、畜牧业、渔业', audiences: ['农民'], writtenOn: '2026-06-01', publishedOn: '2026-06-03', effectiveOn: null,
    body: p('根据上级有关文件要求，现将我镇2026年耕地地力保护补贴发放情况予以公示，公示期7天。', '补贴标准为每亩110元，全镇共发放补贴资金386.5万元。'),
  },
  {
    key: 'medical2022', org: 'xihu', by: 'xihu.editor', title: '西湖县城乡居民医疗救助办法', docNo: '西政规〔2022〕2号', issuers: '西湖县人民政府',
    docType: '行政规范性文件', topic: '社会保障', audiences: ['个人', '老年人'], writtenOn: '2022-04-10', publishedOn: '2022-04-15', effectiveOn: '2022-05-01', expiresOn: '2027-04-30',
    body: p('第一条 为保障城乡困难群众基本医疗权益，制定本办法。', '第二条 救助对象包括特困人员、低保对象和低保边缘家庭成员。', '第八条 年度救助限额为每人2万元。', '第十条 本办法自2022年5月1日起施行。'),
  },
  {
    key: 'medical2025', org: 'xihu', by: 'xihu.editor', title: '西湖县人民政府关于废止《西湖县城乡居民医疗救助办法》第八条的决定', docNo: '西政规〔2025〕1号', issuers: '西湖县人民政府',
    docType: '行政规范性文件', topic: '社会保障', audiences: ['个人'], writtenOn: '2025-01-06', publishedOn: '2025-01-10', effectiveOn: '2025-02-01',
    body: p('经县政府研究，决定废止《西湖县城乡居民医疗救助办法》（西政规〔2022〕2号）第八条，年度救助限额按省有关规定执行。', '本决定自2025年2月1日起施行。'),
    affects: [{ target: 'medical2022', kind: 'partial_repeal', effectiveOn: '2025-02-01', by: 'xihu.editor' }],
  },
  {
    key: 'dogs2024', org: 'city', by: 'admin', title: '江宁市养犬管理规定', docNo: '宁政规〔2024〕9号', issuers: '江宁市人民政府',
    docType: '行政规范性文件', topic: '公安', audiences: ['个人'], writtenOn: '2024-03-01', publishedOn: '2024-03-08', effectiveOn: '2024-05-01',
    body: p(
      '第一条 为了规范养犬行为，保障公民人身安全，维护市容环境和社会秩序，制定本规定。',
      '第六条 本市城区实行养犬登记制度。养犬人应当自取得犬只之日起三十日内，持犬只免疫证明到居住地公安派出所办理养犬登记，领取犬牌。',
      '第九条 携犬出户时，应当为犬只佩戴犬牌，束犬链并由成年人牵领。',
      '第二十条 本规定自2024年5月1日起施行。',
    ),
  },
  {
    key: 'draft-fgw', org: 'fgw', by: 'fgw.editor', title: '江宁市数字经济发展三年行动计划（征求意见稿）', docNo: null, issuers: '江宁市发展和改革委员会',
    docType: '其他文件', topic: '经济运行', audiences: ['企业'], writtenOn: '2026-11-01', publishedOn: '2026-11-20', effectiveOn: null, publish: false,
    body: p('（内部草稿，尚未发布）到2028年，全市数字经济核心产业增加值占地区生产总值比重达到12%。'),
  },
];
