import { STATUS_LABELS } from '../../../platform/content/lifecycle.js';
import type { LinkableDocument } from '../queries/admin.js';

/** How a document is named where staff link it: title, 发文字号, organization, state, number. */
export function linkableLabel(d: LinkableDocument): string {
  return `${d.title}${d.doc_no ? `（${d.doc_no}）` : ''} · ${d.org} · ${STATUS_LABELS[d.status]} · 编号 ${d.id}`;
}

/**
 * The search for documents to link, inside a form that keeps everything typed: the query, its
 * button (action=search re-renders the form), and the documents found, not yet chosen, to tick.
 */
export function DocumentLookup(p: { query: string; found: LinkableDocument[] | null; chosenIds: Set<number>; none: string }) {
  const found = (p.found ?? []).filter((d) => !p.chosenIds.has(d.id));
  return (
    <>
      <div class="search-box">
        <label for="f-docQuery">按标题或发文字号查找</label>
        <input id="f-docQuery" name="docQuery" type="search" value={p.query} />
        <button type="submit" name="action" value="search" class="secondary">查找文件</button>
      </div>
      {p.found !== null ? (
        found.length ? (
          <div>
            <p>找到以下文件，勾选后保存即可关联：</p>
            <ul class="list">
              {found.map((d) => (
                <li><label style="font-weight:normal"><input type="checkbox" name="documentIds" value={d.id} /> {linkableLabel(d)}</label></li>
              ))}
            </ul>
          </div>
        ) : (
          <p class="empty" role="status">{p.none}</p>
        )
      ) : null}
    </>
  );
}
