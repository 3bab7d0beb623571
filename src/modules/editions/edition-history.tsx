import { toChinaDate, formatChineseDate } from '../../platform/clock/clock.js';
import type { PublicEditionSummary } from './queries.js';
import { ComparePicker } from './compare-picker.js';

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
      <ComparePicker action={compareHref} versions={editions.map((e) => e.editionNo)} />
    </section>
  );
}
