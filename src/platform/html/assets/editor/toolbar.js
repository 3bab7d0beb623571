// The toolbar's buttons: each runs one editor command and shows whether it is on (aria-pressed).

function button(label, title, run, isActive) {
  const el = document.createElement('button');
  el.type = 'button';
  el.textContent = label;
  el.title = title;
  el.addEventListener('click', (event) => {
    event.preventDefault();
    run();
  });
  return { element: el, refresh: isActive ? () => el.setAttribute('aria-pressed', String(isActive())) : null };
}

// Only addresses the server keeps (http, https, mailto, this site's paths).
function askUrl(message, current = '') {
  const url = prompt(message, current);
  if (url === null) return null;
  const u = url.trim();
  if (u === '' || /^(https?:\/\/|mailto:|\/(?!\/))/i.test(u)) return u;
  alert('请填写以 http://、https://、mailto: 或 / 开头的地址');
  return null;
}

export function toolbarButtons(editor) {
  const chain = () => editor.chain().focus();
  const inTable = () => editor.isActive('table');
  return [
    button('正文', '普通段落', () => chain().setParagraph().run(), () => editor.isActive('paragraph')),
    button('标题', '二级标题', () => chain().toggleHeading({ level: 2 }).run(), () => editor.isActive('heading', { level: 2 })),
    button('小标题', '三级标题', () => chain().toggleHeading({ level: 3 }).run(), () => editor.isActive('heading', { level: 3 })),
    button('加粗', '加粗（Ctrl+B）', () => chain().toggleBold().run(), () => editor.isActive('bold')),
    button('• 列表', '项目列表', () => chain().toggleBulletList().run(), () => editor.isActive('bulletList')),
    button('1. 列表', '编号列表', () => chain().toggleOrderedList().run(), () => editor.isActive('orderedList')),
    button('链接', '添加或修改链接', () => {
      const url = askUrl('链接地址（留空则取消链接）', editor.getAttributes('link').href ?? '');
      if (url === null) return;
      if (url === '') chain().extendMarkRange('link').unsetLink().run();
      else chain().extendMarkRange('link').setLink({ href: url }).run();
    }, () => editor.isActive('link')),
    button('图片', '插入图片（填写图片地址）', () => {
      const src = askUrl('图片地址');
      if (!src) return;
      const alt = prompt('图片说明（供读屏软件朗读）', '') ?? '';
      chain().setImage({ src, alt }).run();
    }),
    button('表格', '插入 3×3 表格（首行为表头）', () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()),
    button('+行', '在下方加一行', () => inTable() && chain().addRowAfter().run()),
    button('+列', '在右侧加一列', () => inTable() && chain().addColumnAfter().run()),
    button('−行', '删除当前行', () => inTable() && chain().deleteRow().run()),
    button('−列', '删除当前列', () => inTable() && chain().deleteColumn().run()),
    button('删表', '删除整个表格', () => inTable() && chain().deleteTable().run()),
    button('撤销', '撤销（Ctrl+Z）', () => chain().undo().run()),
    button('重做', '重做（Ctrl+Y）', () => chain().redo().run()),
  ];
}
