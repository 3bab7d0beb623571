import { toChinaDate, formatChineseDate } from '../../platform/clock/clock.js';
import type { PublicEditionSummary } from './queries.js';

/**
 * The 版本记录 of a public page: the first publication and each approved edition, dated by its
 * publication in Beijing time, with its public change note; a form to compare two of them. An item
 * published before editions were recorded shows its publication date alone.
 */
export function EditionHistory({ editions, compareHref, firstPublishedOn }: { editions: PublicEditionSummary[]; compareHref: string; firstPublishedOn: string | null }) {
  return (
    <section>
      <h2>版本记录</h2>
      {editions.length === 0 ? (
        firstPublishedOn ? <p>首次发布于 {formatChineseDate(firstPublishedOn)}，此后未修订。</p> : null
      ) : (
        <ol class="timeline" reversed>
          {editions.map((e) => (
            <li>
              第 {e.editionNo} 版 · {formatChineseDate(toChinaDate(e.publishedAt))}{e.editionNo === 1 ? '首次发布' : '修订发布'}
              {e.changeNote ? ` · 修订说明：${e.changeNote}` : ''}
            </li>
          ))}
        </ol>
      )}
      {editions.length > 1 ? (
        <form method="get" action={compareHref} class="actions no-print">
          <label for="va">对比</label>
          <select id="va" name="a">{editions.map((e, i) => <option value={e.editionNo} selected={i === 1}>第 {e.editionNo} 版</option>)}</select>
          <label for="vb">与</label>
          <select id="vb" name="b">{editions.map((e, i) => <option value={e.editionNo} selected={i === 0}>第 {e.editionNo} 版</option>)}</select>
          <button type="submit">查看差异</button>
        </form>
      ) : null}
    </section>
  );
}
