import { formatChineseDate } from '../../../platform/clock/clock.js';
import { chineseWeekday } from '../../../platform/calendar/dates.js';
import { describedBy, ErrorSummary, Field } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';

export interface DeadlineResult {
  receivedOn: string;
  workingDays: number;
  dueOn: string;
  provisional: boolean;
  explanation: string;
}

/** 答复期限计算器: a GET form and its answer; works without script. */
export function DeadlinePage(p: { ctx: PageContext; values: { receivedOn: string; workingDays: string }; errors?: FieldErrors; result: DeadlineResult | null }) {
  const { errors, result } = p;
  return (
    <PublicLayout ctx={p.ctx} title="答复期限计算器" crumbs={[{ label: '答复期限计算器' }]} description="按工作日计算政府信息公开申请的答复期限，含法定节假日和调休。">
      <h1>答复期限计算器</h1>
      <p>输入行政机关收到政府信息公开申请的日期，计算答复期限的最后一天。</p>
      <form method="get" action="/deadline" class="card">
        <ErrorSummary errors={errors} />
        <Field name="receivedOn" label="收到申请的日期" errors={errors} required hint="如 2025-09-26">
          <input id="f-receivedOn" name="receivedOn" type="date" value={p.values.receivedOn} required aria-describedby={describedBy('receivedOn', errors, true)} />
        </Field>
        <Field name="workingDays" label="期限（工作日）" errors={errors} required hint="一般为 20 个工作日；延长答复期限的，另加不超过 20 个工作日">
          <input id="f-workingDays" name="workingDays" type="number" min={1} max={60} value={p.values.workingDays} required aria-describedby={describedBy('workingDays', errors, true)} />
        </Field>
        <button type="submit">计算</button>
      </form>
      {result ? (
        <section class="card" aria-live="polite">
          <h2>计算结果</h2>
          <p>
            答复期限最后一天：<strong>{formatChineseDate(result.dueOn)}（{chineseWeekday(result.dueOn)}）</strong>
            {result.provisional ? <> <span class="badge">暂定</span></> : null}
          </p>
          <p>{result.explanation}</p>
        </section>
      ) : null}
      <section>
        <h2>计算规则</h2>
        <ul>
          <li>行政机关不能当场答复的，应当自收到申请之日起 20 个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过 20 个工作日（《中华人民共和国政府信息公开条例》第三十三条）。</li>
          <li>收到申请的当日不计入，自次日起算第一个工作日。</li>
          <li>法定节假日和调休上班日按国务院办公厅公布的当年节假日安排计算；尚未公布安排的年度，按《全国年节及纪念日放假办法》规定的法定节假日和周末推算，结果标为“暂定”。</li>
          <li>申请内容需要补正的，答复期限自收到补正后申请之日起计算（条例第三十条）；征求第三方和其他机关意见所需时间不计算在答复期限内（条例第三十三条第三款）。本计算器不扣除这些时间。</li>
        </ul>
      </section>
    </PublicLayout>
  );
}
