import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { LEGAL_PERSON_LABEL, TABLE3_COLUMNS, TABLE3_RESULTS_LABEL, TABLE3_ROWS, TABLE3_STUB_NOTE, TABLE3_TITLE, type Table3, type Table3Row } from './table3.js';
import { LITIGATION_LABEL, TABLE4_COLUMNS, TABLE4_GROUPS, TABLE4_TITLE, type Table4 } from './table4.js';

export interface ReportPageProps {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  orgs: { id: number; name: string }[];
  org: { id: number; name: string };
  year: number;
  years: number[];
  table3: Table3;
  table4: Table4;
  /** Violated consistency rules of both tables; empty when every rule holds. */
  problems: string[];
}

const NUM = 'text-align:right;font-variant-numeric:tabular-nums';

/** Tables 3 and 4 of the annual report for one organization and year, with their consistency check. */
export function ReportPage(p: ReportPageProps) {
  const title = `${p.year}年度政府信息公开申请情况统计`;
  const query = new URLSearchParams({ org: String(p.org.id), year: String(p.year) }).toString();
  return (
    <AdminLayout ctx={p.ctx} title={title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '依申请公开', href: '/admin/requests' }, { label: '年度报告统计' }]}>
      <h1>{p.org.name} {title}</h1>
      <p class="note">
        按政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）的表三、表四统计，统计期为 {p.year}年1月1日至12月31日。
        尚未登记收到日期的网上申请不计入；“（三）”至“（六）”各行为其子项之和（印制表格中不单列）。
      </p>
      <form method="get" action="/admin/requests/report" class="inline-form no-print">
        <label for="r-org">机构</label>{' '}
        <select id="r-org" name="org">
          {p.orgs.map((o) => <option value={o.id} selected={o.id === p.org.id}>{o.name}</option>)}
        </select>{' '}
        <label for="r-year">年度</label>{' '}
        <select id="r-year" name="year">
          {p.years.map((y) => <option value={y} selected={y === p.year}>{y}年</option>)}
        </select>{' '}
        <button type="submit">查看</button>{' '}
        <a href={`/admin/requests/report.xlsx?${query}`}>导出 Excel</a>
      </form>
      <Check problems={p.problems} />
      <Table3View table={p.table3} />
      <Table4View table={p.table4} />
    </AdminLayout>
  );
}

function Check({ problems }: { problems: string[] }) {
  if (problems.length === 0) {
    return <p class="flash" role="status" id="report-check">勾稽关系校验：全部通过（第一项加第二项之和等于第三项加第四项之和，各项合计、总计均一致）。</p>;
  }
  return (
    <div class="error-summary" role="alert" id="report-check">
      <h2>勾稽关系校验未通过，共 {problems.length} 处</h2>
      <p>数据可能有误（如办结日期早于收到日期），请核对后再填报。</p>
      <ul>{problems.map((m) => <li>{m}</li>)}</ul>
    </div>
  );
}

/**
 * Table 3 as printed: a stub of row labels, then 申请人情况 over 自然人, the five kinds of
 * 法人或其他组织 and 总计. 三、本年度办理结果 spans all its rows; the items of （三）…（六）
 * follow their group's row, indented. Headers span several levels, so every number names its
 * headers explicitly (`headers`, WCAG technique H43) and a screen reader reads the whole path.
 */
export function Table3View({ table }: { table: Table3 }) {
  const results = TABLE3_ROWS.filter((r) => r.level > 0).length;
  const legal = TABLE3_COLUMNS.slice(1, 6);
  const columnHeaders = (key: string) => ['t3c-applicants', legal.some((c) => c.key === key) ? 't3c-legal' : null, `t3c-${key}`].filter(Boolean).join(' ');
  const rowHeaders = (r: Table3Row) => [r.level > 0 ? 't3r-results' : null, r.level === 2 ? `t3r-${r.group}` : null, `t3r-${r.key}`].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="table3-title">
      <div class="doc-body" style="overflow-x:auto">
        <table id="table3">
          <caption id="table3-title"><h2>{TABLE3_TITLE}</h2></caption>
          <thead>
            <tr>
              <td colSpan={2} rowSpan={3}>{TABLE3_STUB_NOTE}</td>
              <th id="t3c-applicants" colSpan={7} scope="colgroup">申请人情况</th>
            </tr>
            <tr>
              <th id={`t3c-${TABLE3_COLUMNS[0]!.key}`} rowSpan={2} scope="col">{TABLE3_COLUMNS[0]!.label}</th>
              <th id="t3c-legal" colSpan={5} scope="colgroup">{LEGAL_PERSON_LABEL}</th>
              <th id={`t3c-${TABLE3_COLUMNS[6]!.key}`} rowSpan={2} scope="col">{TABLE3_COLUMNS[6]!.label}</th>
            </tr>
            <tr>{legal.map((c) => <th id={`t3c-${c.key}`} scope="col">{c.label}</th>)}</tr>
          </thead>
          <tbody>
            {TABLE3_ROWS.map((r, i) => (
              <tr id={`t3-${r.key}`}>
                {r.level > 0 && TABLE3_ROWS[i - 1]!.level === 0 ? <th id="t3r-results" rowSpan={results} scope="rowgroup">{TABLE3_RESULTS_LABEL}</th> : null}
                <th id={`t3r-${r.key}`} colSpan={r.level === 0 ? 2 : undefined} scope="row" style={r.level === 2 ? 'padding-left:2em;font-weight:normal' : undefined}>
                  {r.label}
                </th>
                {TABLE3_COLUMNS.map((c) => <td headers={`${rowHeaders(r)} ${columnHeaders(c.key)}`} style={NUM}>{table[r.key]?.[c.key] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Table 4 as printed: 行政复议, then 行政诉讼 over 未经复议直接起诉 and 复议后起诉, five columns each. */
export function Table4View({ table }: { table: Table4 }) {
  const litigation = TABLE4_GROUPS.filter((g) => g.litigation);
  const headers = (g: (typeof TABLE4_GROUPS)[number], col: string) => [g.litigation ? 't4c-litigation' : null, `t4c-${g.kind}`, `t4c-${g.kind}-${col}`].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="table4-title">
      <div class="doc-body" style="overflow-x:auto">
        <table id="table4">
          <caption id="table4-title"><h2>{TABLE4_TITLE}</h2></caption>
          <thead>
            <tr>
              <th id={`t4c-${TABLE4_GROUPS[0]!.kind}`} colSpan={5} rowSpan={2} scope="colgroup">{TABLE4_GROUPS[0]!.label}</th>
              <th id="t4c-litigation" colSpan={5 * litigation.length} scope="colgroup">{LITIGATION_LABEL}</th>
            </tr>
            <tr>{litigation.map((g) => <th id={`t4c-${g.kind}`} colSpan={5} scope="colgroup">{g.label}</th>)}</tr>
            <tr>{TABLE4_GROUPS.flatMap((g) => TABLE4_COLUMNS.map((c) => <th id={`t4c-${g.kind}-${c.key}`} scope="col">{c.label}</th>))}</tr>
          </thead>
          <tbody>
            <tr id="t4-values">
              {TABLE4_GROUPS.flatMap((g) => TABLE4_COLUMNS.map((c) => <td headers={headers(g, c.key)} style={NUM}>{table[g.kind][c.key]}</td>))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
