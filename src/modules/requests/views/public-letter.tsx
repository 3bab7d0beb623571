import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { ShownLetter } from '../letters.js';
import { LetterView } from '../letters/letter-view.js';
import { PrintButton } from './public-form-parts.js';

/** One letter sent to the applicant, as a page that prints like the paper letter. */
export function LetterPage({ ctx, trackingNo, letter }: { ctx: PageContext; trackingNo: string; letter: ShownLetter }) {
  const base = `/requests/${encodeURIComponent(trackingNo)}`;
  return (
    <PublicLayout ctx={ctx} title={letter.title} crumbs={[{ label: '申请查询', href: '/requests/track' }, { label: trackingNo, href: base }, { label: letter.title }]}>
      <LetterView {...letter} headingLevel={1} />
      <div class="actions no-print">
        <a class="button big-button" href={`${base}/letters/${letter.id}.docx`}>
          下载 Word 文档
        </a>
        <a class="button secondary big-button" href={base}>
          返回办理情况
        </a>
        <PrintButton label="打印" />
      </div>
    </PublicLayout>
  );
}
