import { formatChineseDate } from '../../../platform/clock/clock.js';
import { validityLabels, type Validity } from '../domain/validity.js';

export function ValidityBadge({ validity }: { validity: Validity }) {
  return <span class={`badge v-${validity}`}>{validityLabels[validity]}</span>;
}

export function DocLink({ id, title, docNo }: { id: number | string; title: string | null; docNo?: string | null }) {
  return (
    <a href={`/documents/${id}`}>
      {title ?? '（未命名文件）'}
      {docNo ? `（${docNo}）` : ''}
    </a>
  );
}

export function ChineseDate({ date }: { date: string | null | undefined }) {
  return date ? <time datetime={date}>{formatChineseDate(date)}</time> : <span>—</span>;
}
