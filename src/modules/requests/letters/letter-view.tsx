import { attachmentLines, closingLines, letterParagraphs, salutationLine, type LetterText } from './layout.js';

export { letterParagraphs } from './layout.js';

export interface LetterViewProps extends LetterText {
  /** The title's heading level in the surrounding page (default 2). */
  headingLevel?: 1 | 2 | 3;
}

/** A letter as HTML, laid out like its DOCX. Every text is escaped by preact; no raw markup. */
export function LetterView({ title, letterNo, salutation, body, closing, orgName, date, attachments, headingLevel = 2 }: LetterViewProps) {
  const Heading = `h${headingLevel}` as 'h1' | 'h2' | 'h3';
  const greeting = salutationLine(salutation);
  return (
    <article class="letter" lang="zh-CN">
      <header class="letter-head">
        <Heading class="letter-title">{title}</Heading>
        {letterNo.trim() ? <p class="letter-no">{letterNo.trim()}</p> : null}
      </header>
      {greeting ? <p class="letter-salutation">{greeting}</p> : null}
      <div class="letter-body">
        {letterParagraphs(body).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      {attachments?.length ? (
        <div class="letter-attachments">
          {attachmentLines(attachments).map((l, i) => (
            <p key={i}>{l}</p>
          ))}
        </div>
      ) : null}
      <footer class="letter-closing">
        {closingLines(closing, orgName, date).map((l, i) => (
          <p key={i}>{l}</p>
        ))}
      </footer>
    </article>
  );
}
