import type { SentReplyMaterials } from '../queries.public.js';

/** What the sent reply provides: its files to download (each download is logged) and the published documents. */
export function ReplyMaterialsSection({ trackingNo, materials }: { trackingNo: string; materials: SentReplyMaterials }) {
  if (materials.files.length === 0 && materials.documents.length === 0) return null;
  return (
    <section aria-labelledby="materials-title">
      <h2 id="materials-title">随答复提供的信息</h2>
      <ul class="list">
        {materials.files.map((f) => (
          <li>
            <a href={`/requests/${encodeURIComponent(trackingNo)}/files/${f.id}`} download>
              {f.fileName}
            </a>{' '}
            <span class="meta">（{Math.max(1, Math.ceil(f.sizeBytes / 1024))} KB）</span>
          </li>
        ))}
        {materials.documents.map((d) => (
          <li>
            已公开：<a href={`/documents/${d.id}`}>{d.title}</a> {d.docNo ? <span class="meta">{d.docNo}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
