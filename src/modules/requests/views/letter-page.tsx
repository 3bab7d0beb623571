import type { PageContext } from '../../../platform/html/page-context.js';
import { ASSET_CSS } from '../../../platform/html/layout.js';
import type { ShownLetter } from '../letters.js';
import { LetterView } from '../letters/letter-view.js';

/** A letter on a page of its own, to read and print (the layout of the Word file). */
export function LetterPage({ ctx, letter }: { ctx: PageContext; letter: ShownLetter }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${letter.title} ${letter.letterNo} - ${ctx.siteName}`}</title>
        <link rel="stylesheet" href={ASSET_CSS} />
      </head>
      <body class={`letter-page mode-${ctx.mode}`}>
        <main id="main" class="wrap">
          {letter.status === 'draft' ? <p class="notice">这是尚未发出的草稿。</p> : null}
          <LetterView {...letter} headingLevel={1} />
        </main>
      </body>
    </html>
  );
}
