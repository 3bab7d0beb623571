import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { ShownLetter } from '../letters.js';
import { LetterView } from '../letters/letter-view.js';

/** A letter of a case in the back office, to read and print (the layout of the Word file). */
export function AdminLetterPage(p: { ctx: PageContext; actorName: string | null; csrfToken: string; caseId: number; trackingNo: string; letter: ShownLetter }) {
  return (
    <AdminLayout ctx={p.ctx} title={`${p.letter.title} ${p.letter.letterNo}`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '依申请公开', href: '/admin/requests' }, { label: p.trackingNo, href: `/admin/requests/${p.caseId}` }, { label: p.letter.title }]}>
      {p.letter.status === 'draft' ? <p class="notice">这是尚未发出的草稿。</p> : null}
      <LetterView {...p.letter} headingLevel={1} />
      <p class="no-print">
        <a class="button" href={`/admin/requests/${p.caseId}/letters/${p.letter.id}.docx`}>下载 Word 文档</a>
      </p>
    </AdminLayout>
  );
}
