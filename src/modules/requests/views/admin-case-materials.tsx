import type { FieldErrors } from '../../../platform/http/errors.js';
import { MAX_REPLY_FILES } from '../commands/request-attachments.js';
import type { caseDetails } from '../queries.admin.js';
import type { DocumentSuggestion } from '../queries.public.js';

export interface DocSearch {
  q: string;
  results: DocumentSuggestion[];
}

interface Props {
  id: number;
  csrfToken: string;
  details: Awaited<ReturnType<typeof caseDetails>>;
  /** The handler may still change the reply (see replyEditRefusal). */
  editable: boolean;
  sent: boolean;
  docSearch: DocSearch | null;
  maxUploadMb: number;
  errors?: FieldErrors;
}

/**
 * What the reply provides besides its letter: files, and published documents picked from the
 * library's search (条例 第三十六条第一项、第二项). The search works as a plain GET form listing
 * results with 添加 buttons; admin.js shows the same results in place without leaving the page.
 */
export function ReplyMaterials(p: Props) {
  const files = p.details.attachments.filter((a) => a.for_reply);
  const Csrf = () => <input type="hidden" name="_csrf" value={p.csrfToken} />;
  const linked = new Set(p.details.documents.map((d) => d.id));
  return (
    <section class="card" id="materials" aria-labelledby="docs-h">
      <h2 id="docs-h">随答复提供的信息</h2>
      <p class="hint">
        {p.sent ? '以下文件和已公开信息随答复一并提供，申请人可在申请查询页面下载。' : '添加的文件和关联的已公开信息是答复的一部分，答复书会列明；答复发出后申请人才能在申请查询页面下载。'}
      </p>
      <h3>文件</h3>
      {files.length ? (
        <ul>
          {files.map((a) => (
            <li>
              <a href={`/admin/requests/${p.id}/attachments/${a.id}`}>{a.file_name}</a>（{Math.ceil(Number(a.size_bytes) / 1024)} KB{p.sent ? `，申请人已下载 ${a.downloads} 次` : ''}）
              {p.editable ? (
                <form method="post" action={`/admin/requests/${p.id}/reply-files/${a.id}/remove`} class="inline-form">
                  <Csrf />
                  <button type="submit" class="link-button">移除</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : <p class="empty">未添加文件。</p>}
      {p.editable ? (
        <form method="post" action={`/admin/requests/${p.id}/reply-files`} enctype="multipart/form-data" class="form">
          <Csrf />
          <label for="f-reply-files">上传文件</label>
          <input id="f-reply-files" type="file" name="attachments" multiple aria-describedby="f-reply-files-hint" />
          <p class="hint" id="f-reply-files-hint">每个不超过 {p.maxUploadMb} MB，最多 {MAX_REPLY_FILES} 个；接受 PDF、Word（.docx）、Excel（.xlsx）和图片。</p>
          {p.errors?.attachments ? <p class="error" role="alert">{p.errors.attachments}</p> : null}
          <p><button type="submit" class="secondary">添加到答复</button></p>
        </form>
      ) : null}

      <h3>已公开的信息</h3>
      {p.details.documents.length ? (
        <ul>
          {p.details.documents.map((d) => (
            <li>
              <a href={`/documents/${d.id}`}>{d.title}</a> {d.doc_no ?? ''}
              {p.editable ? (
                <form method="post" action={`/admin/requests/${p.id}/documents/${d.id}/remove`} class="inline-form">
                  <Csrf />
                  <button type="submit" class="link-button">取消关联</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : <p class="empty">未关联。申请的信息已经主动公开的，关联后答复书会告知获取方式（条例第三十六条第一项）。</p>}
      {p.editable ? (
        <>
          <form method="get" action={`/admin/requests/${p.id}#materials`} class="search-box" role="search" data-doc-search={`/admin/requests/${p.id}/documents/search`}>
            <label for="f-dq">在政策文件库中查找</label>
            <input id="f-dq" type="search" name="dq" value={p.docSearch?.q ?? ''} placeholder="文件名称或发文字号" />
            <button type="submit" class="secondary">查找</button>
          </form>
          {p.errors?.documentId ? <p class="error" role="alert">{p.errors.documentId}</p> : null}
          <div data-doc-results aria-live="polite">
            {p.docSearch ? <DocResults id={p.id} csrfToken={p.csrfToken} results={p.docSearch.results} linked={linked} /> : null}
          </div>
          {/* The template admin.js fills in for each result found without reloading. */}
          <template data-doc-add-template>
            <DocAddForm id={p.id} csrfToken={p.csrfToken} doc={{ id: 0, title: '', docNo: null, publishedOn: null }} />
          </template>
        </>
      ) : null}
    </section>
  );
}

function DocResults({ id, csrfToken, results, linked }: { id: number; csrfToken: string; results: DocumentSuggestion[]; linked: Set<number> }) {
  if (results.length === 0) return <p class="empty">没有找到已公开的文件，请换个关键词。</p>;
  return (
    <ul class="doc-results">
      {results.map((d) => (linked.has(d.id) ? <li>{d.title}（已关联）</li> : <li><DocAddForm id={id} csrfToken={csrfToken} doc={d} /></li>))}
    </ul>
  );
}

function DocAddForm({ id, csrfToken, doc }: { id: number; csrfToken: string; doc: DocumentSuggestion }) {
  return (
    <form method="post" action={`/admin/requests/${id}/documents`} class="inline-form">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="documentId" value={String(doc.id)} />
      <span data-doc-title>{doc.title}</span> <small data-doc-no>{doc.docNo ?? ''}{doc.publishedOn ? ` · ${doc.publishedOn}` : ''}</small>{' '}
      <button type="submit" class="secondary">添加</button>
    </form>
  );
}
