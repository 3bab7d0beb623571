/**
 * A labelled set for the personal-data detectors (bench/checks.ts): sentences in the style of
 * government notices, replies and forms, with every piece of personal data marked by kind and span.
 *
 * All synthetic. No real person's data: ID numbers get made-up sequence numbers and computed check
 * digits; mobile numbers have 0000 as their middle block (138 0000 1234 style), landlines use
 * 5555 local numbers, bank cards a 6222 0000 prefix with a computed Luhn digit, e-mail addresses
 * the reserved example.com/.org/.net domains (RFC 2606). Deterministic (fixed seed).
 *
 * Negatives are look-alikes a notice really contains: document numbers, dates, amounts, postcodes,
 * times, 统一社会信用代码 (with letters, and all-digit ones that pass Luhn), serial numbers, ID numbers with a wrong check digit or an impossible date,
 * Luhn-failing cards, numbers inside longer runs. A few honest hard cases are in as well (a case
 * number shaped like a mobile number, a mobile number grouped 7-4), which the detectors get wrong.
 */
import { creditCodeCheckChar, idCheckDigit, luhnCheckDigit, luhnValid } from '../src/platform/text-checks/validators.js';
import type { PersonalDataKind } from '../src/platform/text-checks/personal-data.js';
import { seededRandom } from '../test/helpers/random.js';

export interface Label {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

export interface LabelledSample {
  text: string;
  labels: Label[];
  /** What the sample tests (for the report). */
  note: string;
}

type Part = string | { kind: PersonalDataKind; value: string };

/** Builds a sample from text pieces and labelled values; spans are computed, never typed in. */
function sample(note: string, ...parts: Part[]): LabelledSample {
  let text = '';
  const labels: Label[] = [];
  for (const p of parts) {
    if (typeof p === 'string') text += p;
    else {
      labels.push({ kind: p.kind, start: text.length, end: text.length + p.value.length });
      text += p.value;
    }
  }
  return { text, labels, note };
}


const rnd = seededRandom(20261122);
const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const digits = (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join('');
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const toFullWidth = (s: string): string => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const AREAS = ['110105', '310104', '440304', '320102', '510107', '420106', '330106', '370102', '610113', '650102', '230103', '530102'];

function birth(): string {
  const y = int(1940, 2010);
  const m = int(1, 12);
  const d = int(1, 28);
  return `${y}${pad(m, 2)}${pad(d, 2)}`;
}
function idNumber(): string {
  const first17 = pick(AREAS) + birth() + digits(3);
  return first17 + idCheckDigit(first17);
}
function wrongCheck(id: string): string {
  const c = id[17]!;
  return id.slice(0, 17) + (c === '0' ? '1' : c === 'X' ? '0' : String(Number(c) - 1));
}
function mobile(): string {
  return `1${pick(['3', '5', '7', '8', '9'])}${int(0, 9)}0000${digits(4)}`;
}
function card(len: 16 | 19): string {
  const payload = '62220000' + digits(len - 9);
  return payload + luhnCheckDigit(payload);
}
function luhnBroken(c: string): string {
  const last = Number(c.at(-1));
  return c.slice(0, -1) + String((last + 1 + int(0, 8)) % 10);
}
function landline(): string {
  const area = pick(['010', '021', '020', '0571', '0755', '028', '0351', '0991']);
  const local = area.length === 3 ? `5555${digits(4)}` : `555${digits(4)}`;
  return pick([`${area}-${local}`, `（${area}）${local}`, `(${area})${local}`]);
}
function email(): string {
  const user = pick(['zhangsan', 'li.si', 'wang_wu', 'service', 'xinxigongkai', 'test2020', '8001234']);
  return `${user}@${pick(['example.com', 'example.org', 'example.net', 'mail.example.com'])}`;
}
function plate(): string {
  const prov = pick(['京', '沪', '粤', '苏', '浙', '川', '鲁', '豫']);
  const letter = pick(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K']);
  return pick([`${prov}${letter}${digits(5)}`, `${prov}${letter}·${digits(5)}`, `${prov}${letter}D${digits(5)}`, `${prov}${letter}${pick(['A', 'B', 'C'])}${digits(4)}`]);
}
const group4 = (s: string, sep = ' '): string => s.replace(/(\d{4})(?=\d)/g, `$1${sep}`);

const NAMES = ['王某', '李某某', '张先生', '刘女士', '陈某', '赵某某'];

function positives(): LabelledSample[] {
  const out: LabelledSample[] = [];
  for (let i = 0; i < 16; i++) {
    const id = idNumber();
    const v = i % 4 === 1 ? id.replace(/X$/, 'x') : i % 4 === 2 ? `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}` : i % 4 === 3 ? toFullWidth(id) : id;
    out.push(
      pick([
        sample('id_number in a reply', `申请人${pick(NAMES)}，身份证号码`, { kind: 'id_number', value: v }, '，现住址略。'),
        sample('id_number in a form', '公民身份号码：', { kind: 'id_number', value: v }),
        sample('id_number in prose', `经查，当事人（${pick(NAMES)}，身份证`, { kind: 'id_number', value: v }, '）于2020年3月到窗口办理。'),
      ]),
    );
  }
  for (let i = 0; i < 30; i++) {
    const m = mobile();
    const v = [m, `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`, `+86 ${m}`, `86-${m}`][i % 5]!;
    out.push(
      pick([
        sample('mobile as contact', `联系人：${pick(NAMES)}，联系电话：`, { kind: 'mobile', value: v }, '。'),
        sample('mobile in brackets', `请与${pick(NAMES)}（`, { kind: 'mobile', value: v }, '）联系。'),
        sample('mobile after a name, no punctuation', `${pick(NAMES)}`, { kind: 'mobile', value: v }),
        sample('mobile in a list', '值班电话：', { kind: 'mobile', value: v }, '、', { kind: 'mobile', value: mobile() }, '。'),
      ]),
    );
  }
  for (let i = 0; i < 16; i++) {
    const c = card(i % 2 === 0 ? 16 : 19);
    const v = i % 4 < 2 ? c : group4(c, i % 4 === 2 ? ' ' : '-');
    out.push(
      pick([
        sample('bank_card for a refund', `退费将原路退回至申请人银行卡（卡号：`, { kind: 'bank_card', value: v }, '）。'),
        sample('bank_card in a subsidy list', `${pick(NAMES)} 补贴账户 `, { kind: 'bank_card', value: v }, ' 金额3000元'),
      ]),
    );
  }
  for (let i = 0; i < 14; i++) {
    out.push(
      pick([
        sample('email as contact', '电子邮箱：', { kind: 'email', value: email() }, '。'),
        sample('email glued to Chinese', '来信请寄', { kind: 'email', value: email() }, '，我们将及时回复。'),
      ]),
    );
  }
  for (let i = 0; i < 16; i++) {
    const v = landline() + (i % 5 === 0 ? '转' + digits(3) : '');
    out.push(
      pick([
        sample('landline as hotline', '咨询电话：', { kind: 'landline', value: v }, '（工作日9:00-17:00）。'),
        sample('landline with fax', `${pick(NAMES)}，电话`, { kind: 'landline', value: v }, '，传真', { kind: 'landline', value: landline() }, '。'),
      ]),
    );
  }
  for (let i = 0; i < 12; i++) {
    out.push(
      pick([
        sample('plate in a penalty notice', '车牌号为', { kind: 'plate', value: plate() }, '的小型汽车违法停车。'),
        sample('plate in a traffic notice', `${pick(NAMES)}驾驶`, { kind: 'plate', value: plate() }, '号小型轿车'),
      ]),
    );
  }
  // Several kinds in one sentence.
  for (let i = 0; i < 10; i++) {
    out.push(
      sample(
        'mixed kinds',
        `申请人${pick(NAMES)}，身份证号`,
        { kind: 'id_number', value: idNumber() },
        '，手机',
        { kind: 'mobile', value: mobile() },
        '，邮箱',
        { kind: 'email', value: email() },
        '，银行卡号',
        { kind: 'bank_card', value: card(19) },
        '。',
      ),
    );
  }
  return out;
}

function generatedNegatives(): LabelledSample[] {
  const out: LabelledSample[] = [];
  for (let i = 0; i < 12; i++) out.push(sample('ID with a wrong check digit', `身份证号码${wrongCheck(idNumber())}`));
  for (const bad of ['0230', '0231', '0431', '1301', '0000', '1232']) {
    const first17 = pick(AREAS) + String(int(1950, 2000)) + bad + digits(3);
    out.push(sample(`ID with an impossible date ${bad}`, `身份证${first17 + idCheckDigit(first17)}`));
  }
  for (let i = 0; i < 4; i++) {
    const first17 = pick(AREAS) + String(int(2031, 2099)) + '0101' + digits(3);
    out.push(sample('ID born in the future', `证件号码${first17 + idCheckDigit(first17)}`));
  }
  for (let i = 0; i < 10; i++) out.push(sample('Luhn-failing card', `卡号${i % 2 ? group4(luhnBroken(card(16))) : luhnBroken(card(19))}`));
  for (let i = 0; i < 6; i++) out.push(sample('ID inside a longer run', `流水号${digits(3)}${idNumber().slice(0, 17)}${digits(4)}`));
  for (let i = 0; i < 6; i++) out.push(sample('mobile inside a longer run', `订单号${digits(4)}${mobile()}${digits(3)}`));
  for (let i = 0; i < 4; i++) out.push(sample('12-digit mobile-like', `编码：${mobile()}${int(0, 9)}`));
  // All-digit 统一社会信用代码 that also pass Luhn: card-shaped, but not cards.
  for (let found = 0; found < 6; ) {
    const first17 = `9${pick(['1', '2', '3'])}${pick(AREAS)}${digits(9)}`;
    const code = first17 + creditCodeCheckChar(first17);
    if (!/^\d{18}$/.test(code) || !luhnValid(code)) continue;
    out.push(sample('all-digit credit code passing Luhn', `统一社会信用代码：${code}`));
    found++;
  }
  return out;
}

const FIXED_NEGATIVES: readonly string[] = [
  '国发〔2020〕12号',
  '国办函〔2019〕123号',
  '粤府办〔2021〕5号文件精神',
  '中华人民共和国国务院令第711号',
  '法释〔2022〕9号',
  '2020年12月31日',
  '2020-12-31',
  '20201231',
  '2020.12.31',
  '自2021年1月1日起施行',
  '2019-2020学年',
  '金额1,234,567.89元',
  '共计12345678.00元',
  '12345678901234.56元',
  '人民币壹佰万元（1000000元）',
  '邮编100000',
  '邮政编码：510000',
  '13:45:00',
  '2020-01-01 08:30',
  '上午8:30-12:00，下午14:00-17:30',
  '索引号：000014349/2020-00012',
  '统一社会信用代码：91110108MA01ABCD2X',
  '统一社会信用代码：11100000000013127D',
  '统一社会信用代码 91440300708461136T',
  '组织机构代码：12345678-9',
  '序列号123456789012345678901234',
  '合同编号HT2020123456789012',
  'ISBN 978-7-111-12345-6',
  'GB/T 9704-2012',
  'GB 11643-1999',
  '京ICP备12345678号',
  '京公网安备11010502030001号',
  '全国约13.8亿人',
  '电话13812',
  '第1380号',
  '2020-12345678',
  '0755 12345678',
  '12345678901',
  '100000000000000000',
  '共有1,380,012,345人',
  '京I12345',
  '京O12345',
  '京ABCDE1',
  '川A·ABCDE',
  '请登录www.example.gov.cn查询',
  'user@localhost',
  '@政务公开',
  '第三十八条第二款',
  '12345热线',
  '拨打12345或110',
  '2020年第1380期',
  '文号：〔2020〕13812345号',
  '1234 5678 9012 3456',
  '身份证号码：（略）',
  '身份证号码已脱敏：110105********002X',
  '手机号：138****1234',
];

/** Honest hard cases: what a person reads correctly and the rules do not. */
function hardCases(): LabelledSample[] {
  const m = mobile();
  return [
    sample('mobile-shaped case number (false positive expected)', '案件编号：13900001234（系统生成）'),
    sample('mobile grouped 7-4 (missed)', '手机：', { kind: 'mobile', value: `${m.slice(0, 7)} ${m.slice(7)}` }),
    sample('landline without separator (missed)', '电话：', { kind: 'landline', value: `0755 5555${digits(4)}` }),
  ];
}

export const LABELLED_PII: readonly LabelledSample[] = [
  ...positives(),
  ...generatedNegatives(),
  ...FIXED_NEGATIVES.map((t) => sample('look-alike', t)),
  ...hardCases(),
];
