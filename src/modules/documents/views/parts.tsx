import { formatChineseDate } from '../../../platform/clock/clock.js';
import { validityLabels, type Validity } from '../domain/validity.js';
import { provenanceMark, type IssuerLevel, type Provenance } from '../domain/provenance.js';

export function ValidityBadge({ validity }: { validity: Validity }) {
  return <span class={`badge v-${validity}`}>{validityLabels[validity]}</span>;
}

/** 「法律法规」 / 「上级文件 · 省级」 beside reference material, so nobody takes it for the site's own disclosure; nothing for an own document. */
export function ProvenanceMark({ provenance, level }: { provenance: Provenance; level: IssuerLevel | null }) {
  return provenance === 'own' ? null : <span class="badge provenance">{provenanceMark(provenance, level)}</span>;
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
