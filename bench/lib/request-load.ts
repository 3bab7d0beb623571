/**
 * Loads the synthetic requests of bench/requests.ts into a database that holds the demo site
 * group: requests rows (applicants sealed with a real sealer, tracking numbers continuing the
 * organizations' counters), their events, past reminders, then the app's own daily reminder job.
 * Multi-row INSERTs (500 requests, up to 4,000 events per statement); progress goes to `log`.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { ApplicantKind, Database, RequestEventsTable, RequestsTable } from '../../src/db/schema.js';
import { remindDeadlines } from '../../src/modules/requests/jobs.js';
import { contentTokens } from '../../src/modules/requests/domain/similarity.js';
import { maskApplicant, type ApplicantData } from '../../src/modules/requests/schemas.js';
import type { WorkingCalendar } from '../../src/platform/calendar/working-calendar.js';
import { fixedClock } from '../../src/platform/clock/clock.js';
import type { Sealer } from '../../src/platform/crypto/sealer.js';
import { addDays } from '../../src/platform/calendar/dates.js';
import { APPLICANT_KIND_WEIGHTS, CaseSimulator, pick, randInt, seededRandom, type Rng, type SimRequest } from './request-cases.js';

const REQUEST_BATCH = 500;
const EVENT_BATCH = 4000;

export interface LoadContext {
  db: Kysely<Database>;
  sealer: Sealer;
  cal: WorkingCalendar;
  today: string;
  cases: number;
  seed: number;
  log: (msg: string) => void;
}

export interface LoadStats {
  generateMs: number;
  insertMs: number;
  remindersMs: number;
  analyzeMs: number;
  events: number;
  reminders: number;
  statuses: Record<string, number>;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文斌辉鹏宇浩然子涵梓萱欣怡一诺雨桐思远俊杰志强海燕玉兰春梅';
const FIRMS = ['恒达建材', '金陵置业', '宁远物流', '东方电气设备', '华信科技', '江宁城建', '苏宁环保', '新城物业', '长江船舶', '瑞丰食品'];
const TOPICS = [
  '城区老旧小区改造项目清单', '重大建设项目批准文件', '征收补偿方案', '中小企业发展专项资金分配结果', '城市道路养护经费使用情况', '国有土地使用权出让合同', '安置房分配方案',
  '建设工程规划许可证及附图', '建设项目环境影响评价报告', '社会保险基金收支情况', '最低工资标准调整依据', '公共租赁住房轮候名单', '财政预算执行情况', '政府采购合同',
  '行政处罚决定书', '棚户区改造补偿标准', '集体土地征收批复文件', '建设工程消防验收意见', '食品安全抽检结果', '义务教育学校划片招生方案', '医保定点医疗机构名单',
  '工伤认定结论及依据', '失业保险金发放标准', '房屋征收决定及公告', '违法建设拆除决定', '河道整治工程招标文件', '农村危房改造补助名单', '三公经费决算',
];

interface Applicant {
  data: ApplicantData;
  key: string;
  masked: string;
}

function idCard(rng: Rng): string {
  const birth = `${randInt(rng, 1950, 2004)}${String(randInt(rng, 1, 12)).padStart(2, '0')}${String(randInt(rng, 1, 28)).padStart(2, '0')}`;
  const body = `320115${birth}${String(randInt(rng, 0, 999)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

function makeApplicant(rng: Rng, sealer: Sealer): Applicant {
  const kind = pick(rng, APPLICANT_KIND_WEIGHTS) as ApplicantKind;
  const person = SURNAMES[randInt(rng, 0, SURNAMES.length - 1)]! + GIVEN.slice(randInt(rng, 0, GIVEN.length - 2)).slice(0, randInt(rng, 1, 2));
  const phone = `1${randInt(rng, 3, 9)}${String(randInt(rng, 0, 999_999_999)).padStart(9, '0')}`;
  const org = {
    natural: person,
    business: `江宁市${FIRMS[randInt(rng, 0, FIRMS.length - 1)]}有限公司`,
    research: '江宁大学公共管理学院',
    public_interest: '江宁市绿色家园环保公益促进会',
    legal_service: `江苏${SURNAMES[randInt(rng, 0, 30)]}${SURNAMES[randInt(rng, 0, 30)]}律师事务所`,
    other: '江宁市某小区业主委员会',
  }[kind];
  const data: ApplicantData = {
    kind, name: org, idType: kind === 'natural' ? 'id_card' : 'credit_code', idNumber: kind === 'natural' ? idCard(rng) : `91320115MA${randInt(rng, 10_000_000, 99_999_999)}`,
    legalRep: kind === 'natural' ? null : person, contactName: kind === 'natural' ? null : person, phone, email: rng() < 0.5 ? `user${randInt(rng, 1000, 99999)}@example.com` : null,
    address: `江宁市${pick(rng, [['秦淮路', 1], ['东山大道', 1], ['白沙街', 1], ['青石路', 1]])}${randInt(rng, 1, 300)}号`, postcode: '210000',
  };
  return { data, key: sealer.blindIndex(`${data.idType}:${data.idNumber}`), masked: maskApplicant(data) };
}

const CHINA_OFFSET_MS = 8 * 3600_000;
/** A moment on a China date, at a working hour. */
function at(day: string, rng: Rng): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS + randInt(rng, 9 * 60, 17 * 60) * 60_000);
}

export async function loadRequests(x: LoadContext, orgs: Map<string, { id: number; slug: string; handlerId: number; handlerName: string }>, officeId: number): Promise<LoadStats> {
  const rng = seededRandom(x.seed);
  const t0 = performance.now();
  const sim = new CaseSimulator(rng, x.cal, x.today);
  const sims: SimRequest[] = [];
  for (let i = 0; i < x.cases; i++) {
    sims.push(sim.next());
    if ((i + 1) % 20000 === 0) x.log(`simulated ${i + 1}/${x.cases} case histories`);
  }
  // Ids grow with submission time, as they do in a live system.
  sims.sort((a, b) => (a.submittedOn < b.submittedOn ? -1 : a.submittedOn > b.submittedOn ? 1 : 0));
  const generateMs = performance.now() - t0;

  // Applicants: a pool in which some people and firms come back again and again.
  const pool: Applicant[] = [];
  const poolSize = Math.max(10, Math.round(x.cases * 0.55));
  const applicantFor = () => {
    const i = Math.floor(poolSize * rng() ** 1.6);
    while (pool.length <= i) pool.push(makeApplicant(rng, x.sealer));
    return pool[i]!;
  };
  const tokensCache = new Map<string, string>();
  const counters = new Map<string, number>(
    (await x.db.selectFrom('index_counters').select(['org_id', 'scope_key', 'last_serial']).where('scope_key', 'like', 'request:%').execute()).map((r) => [`${r.org_id}:${r.scope_key}`, r.last_serial]),
  );

  const t1 = performance.now();
  let events = 0;
  const statuses: Record<string, number> = {};
  for (let k = 0; k < sims.length; k += REQUEST_BATCH) {
    const batch = sims.slice(k, k + REQUEST_BATCH);
    const rows: Insertable<RequestsTable>[] = batch.map((s) => {
      statuses[s.status] = (statuses[s.status] ?? 0) + 1;
      const org = orgs.get(s.org)!;
      const year = s.submittedOn.slice(0, 4);
      const counterKey = `${org.id}:request:${year}`;
      const serial = (counters.get(counterKey) ?? 0) + 1;
      counters.set(counterKey, serial);
      const trackingNo = `${org.slug.toUpperCase()}-${year}-${String(serial).padStart(5, '0')}`;
      const a = applicantFor();
      const topic = TOPICS[randInt(rng, 0, TOPICS.length - 1)]!;
      const subject = rng() < 0.7 ? `${randInt(rng, Number(year) - 4, Number(year) - 1)} 年${topic}` : topic;
      const docNumber = rng() < 0.15 ? `宁政发〔${randInt(rng, 2015, Number(year))}〕${randInt(rng, 1, 120)}号` : null;
      const description = `申请获取${subject}${docNumber ? `（${docNumber}）` : ''}，用于${pick(rng, [['了解自身权益', 3], ['学术研究', 1], ['维护合法权益', 2], ['企业经营决策', 1]])}。`;
      const tk = `${subject}|${docNumber}|${description}`;
      let tokens = tokensCache.get(tk);
      if (tokens === undefined) tokensCache.set(tk, (tokens = contentTokens(subject, docNumber, description)));
      const closed = s.closedOn !== null;
      const lastOn = s.events[s.events.length - 1]!.on;
      const online = s.channel === 'online';
      const submittedAt = at(s.submittedOn, rng);
      return {
        org_id: org.id, tracking_no: trackingNo, access_code_hash: x.sealer.blindIndex(`access:${trackingNo}:${randInt(rng, 0, 1e9)}`), channel: s.channel, status: s.status,
        applicant_kind: a.data.kind, applicant_sealed: x.sealer.seal(a.data), applicant_masked: a.masked, applicant_key: a.key,
        subject, doc_number: docNumber, description, provide_form: rng() < 0.6 ? 'electronic' : 'paper', delivery_method: online ? pick(rng, [['online', 2], ['email', 2], ['post', 1]] as const) : pick(rng, [['post', 2], ['pickup', 1]] as const),
        content_tokens: tokens, submitted_at: submittedAt, received_on: s.receivedOn,
        receipt_note: s.receivedOn ? (online ? `在线提交：${s.receivedOn} 登记确认` : `收到申请之日：${s.receivedOn}`) : '',
        due_on: closed ? null : s.clock.dueOn, due_provisional: !closed && s.clock.provisional, clock: JSON.stringify(s.clock),
        handler_id: s.assigned ? org.handlerId : null, outcome: s.outcome, delivered_on: s.deliveredOn, closed_on: s.closedOn,
        repeat_of: null, mass_flag: false,
        created_at: submittedAt, updated_at: at(lastOn, rng),
      };
    });
    const ids = await x.db.insertInto('requests').values(rows).returning('id').execute();
    const evRows: Insertable<RequestEventsTable>[] = [];
    const reminderRows: { request_id: number; kind: 'due_soon' | 'overdue'; due_on: string; created_at: Date }[] = [];
    batch.forEach((s, i) => {
      const id = ids[i]!.id;
      const org = orgs.get(s.org)!;
      for (const e of s.events) {
        const actor = e.by === 'handler' ? { actor_id: org.handlerId, actor_label: org.handlerName } : e.by === 'office' ? { actor_id: officeId, actor_label: '市政务公开办' } : { actor_id: null, actor_label: e.by === 'applicant' ? '申请人' : '系统' };
        const details = e.kind === 'assigned' ? { handlerId: org.handlerId } : e.details;
        evRows.push({ request_id: id, kind: e.kind, on_date: e.on, at: at(e.on, rng), ...actor, details: JSON.stringify(details), visible_to_applicant: e.visible });
      }
      // The daily job's past reminders: the deadline a closed case had while it was open.
      if (s.closedOn && s.outcome !== 'other_other' && rng() < 0.7) {
        const due = s.clock.dueOn;
        if (due) {
          const kind = s.closedOn > due ? 'overdue' : 'due_soon';
          const on = kind === 'overdue' ? addDays(due, 1) : addDays(due, -randInt(rng, 1, 4));
          reminderRows.push({ request_id: id, kind, due_on: due, created_at: at(on, rng) });
        }
      }
    });
    for (let j = 0; j < evRows.length; j += EVENT_BATCH) await x.db.insertInto('request_events').values(evRows.slice(j, j + EVENT_BATCH)).execute();
    if (reminderRows.length) await x.db.insertInto('request_reminders').values(reminderRows).onConflict((oc) => oc.doNothing()).execute();
    events += evRows.length;
    const done = Math.min(k + REQUEST_BATCH, sims.length);
    if (done % 10000 < REQUEST_BATCH || done === sims.length) x.log(`inserted ${done}/${sims.length} requests, ${events} events (${((done / (performance.now() - t1)) * 1000).toFixed(0)} requests/s)`);
  }
  for (const [key, last] of counters) {
    const [orgId, ...scope] = key.split(':');
    await sql`insert into index_counters (org_id, scope_key, last_serial) values (${Number(orgId)}, ${scope.join(':')}, ${last})
              on conflict (org_id, scope_key) do update set last_serial = excluded.last_serial`.execute(x.db);
  }
  const insertMs = performance.now() - t1;

  // Today's reminders, by the app's own daily job.
  const t2 = performance.now();
  await remindDeadlines(x.db, fixedClock(at(x.today, rng)));
  const reminders = Number((await sql<{ n: number }>`select count(*)::int as n from request_reminders`.execute(x.db)).rows[0]!.n);
  const remindersMs = performance.now() - t2;

  const t3 = performance.now();
  await sql`analyze`.execute(x.db);
  const analyzeMs = performance.now() - t3;
  return { generateMs, insertMs, remindersMs, analyzeMs, events, reminders, statuses };
}
