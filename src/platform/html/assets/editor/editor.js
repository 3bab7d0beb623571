// The back office's rich-text editor (Tiptap, ADR 0016). It enhances every <textarea data-rich-text>:
// the textarea stays in the form, hidden, and holds the editor's HTML at every change, so the form
// submits as it does without script. The server decides what is kept (platform/html/sanitize.ts).
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import Image from '@tiptap/extension-image';
import { Redaction } from './redaction-mark.js';
import { cleanPastedHtml } from './paste.js';
import { toolbarButtons } from './toolbar.js';

function loadStyles() {
  if (document.querySelector('link[data-editor-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/assets/editor.css';
  link.setAttribute('data-editor-css', '');
  document.head.append(link);
}

// A textarea typed into without script holds plain text: lines become paragraphs, as on the server.
function initialHtml(value) {
  if (/<\/?[a-z][\w:-]*(?:\s[^<>]*)?\/?>|<!--/i.test(value)) return value;
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => `<p>${esc(l)}</p>`).join('');
}

function enhance(area) {
  const wrap = document.createElement('div');
  wrap.className = 'gk-editor';
  const toolbar = document.createElement('div');
  toolbar.className = 'gk-editor-toolbar no-print';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', '正文编辑工具');
  toolbar.setAttribute('aria-controls', `${area.id}-editor`);
  const mount = document.createElement('div');
  wrap.append(toolbar, mount);
  area.before(wrap);
  area.hidden = true;
  area.setAttribute('data-rich-text-active', '');

  const label = area.id ? document.querySelector(`label[for="${area.id}"]`) : null;
  const editor = new Editor({
    element: mount,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], HTMLAttributes: { rel: null, target: null } },
      }),
      TableKit.configure({ table: { resizable: false } }),
      Image.configure({ allowBase64: true }),
      Redaction,
    ],
    content: initialHtml(area.value),
    editorProps: {
      attributes: {
        id: `${area.id}-editor`,
        class: 'gk-editor-content doc-body',
        role: 'textbox',
        'aria-multiline': 'true',
        // Its own name: the label's text stays with the (hidden) textarea, which is what the form sends.
        'aria-label': `${label ? label.textContent.replace(/\s*\*\s*$/, '').trim() : '正文'}编辑器`,
      },
      transformPastedHTML: cleanPastedHtml,
    },
    onUpdate: ({ editor: e }) => {
      area.value = e.isEmpty ? '' : e.getHTML();
    },
  });

  const buttons = toolbarButtons(editor);
  for (const b of buttons) toolbar.append(b.element);
  editor.on('transaction', () => {
    for (const b of buttons) b.refresh?.();
  });

  // The form's own 标记删减 tool (reason picker and button) moves into the toolbar and becomes
  // the editor's command.
  const tool = area.id ? document.querySelector(`[data-redact-tool][data-target="${area.id}"]`) : null;
  if (tool) {
    const box = tool.closest('.redact-tool') ?? tool;
    box.classList.add('gk-editor-redact');
    toolbar.append(box);
    tool.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      const reason = document.getElementById(tool.getAttribute('data-reason'))?.value ?? '15';
      if (editor.state.selection.empty) {
        alert('请先在正文中选中要删减的内容');
        return;
      }
      editor.chain().focus().setRedaction(reason).run();
    });
    const undo = document.createElement('button');
    undo.type = 'button';
    undo.className = 'secondary';
    undo.textContent = '取消删减';
    undo.addEventListener('click', () => editor.chain().focus().unsetRedaction().run());
    box.append(' ', undo);
  }
  area.gkEditor = editor;
}

loadStyles();
for (const area of document.querySelectorAll('textarea[data-rich-text]')) enhance(area);
