// Back-office enhancements; every form works without them.
// The rich-text editor (a larger script) is loaded only on pages with a body field to enhance.
if (document.querySelector('textarea[data-rich-text]')) {
  const script = document.createElement('script');
  script.src = '/assets/editor.js';
  document.head.append(script);
}
// Redaction (删减后公开): wraps the selected part of the body in a marked span naming the legal reason.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-redact-tool]');
  if (!button) return;
  event.preventDefault();
  const area = document.getElementById(button.getAttribute('data-target'));
  const reason = document.getElementById(button.getAttribute('data-reason')).value;
  if (!area || area.selectionStart === area.selectionEnd) {
    alert('请先在正文中选中要删减的内容');
    return;
  }
  const { selectionStart: s, selectionEnd: e, value } = area;
  area.value = `${value.slice(0, s)}<span data-redact="${reason}">${value.slice(s, e)}</span>${value.slice(e)}`;
  area.focus();
});
// Linking published documents to a reply (依申请公开): the search box shows its results in place,
// each with the same 添加 form the page lists without script.
for (const form of document.querySelectorAll('form[data-doc-search]')) {
  const results = form.parentElement.querySelector('[data-doc-results]');
  const template = form.parentElement.querySelector('template[data-doc-add-template]');
  form.addEventListener('submit', async (event) => {
    const q = form.querySelector('input[name="dq"]').value.trim();
    if (!q || !results || !template) return;
    event.preventDefault();
    results.textContent = '正在查找…';
    try {
      const res = await fetch(`${form.getAttribute('data-doc-search')}?q=${encodeURIComponent(q)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      const { items } = await res.json();
      results.textContent = items.length ? '' : '没有找到已公开的文件，请换个关键词。';
      const list = document.createElement('ul');
      list.className = 'doc-results';
      for (const d of items) {
        const add = template.content.firstElementChild.cloneNode(true);
        add.querySelector('input[name="documentId"]').value = String(d.id);
        add.querySelector('[data-doc-title]').textContent = d.title;
        add.querySelector('[data-doc-no]').textContent = [d.docNo, d.publishedOn].filter(Boolean).join(' · ');
        const li = document.createElement('li');
        li.append(add);
        list.append(li);
      }
      if (items.length) results.append(list);
    } catch {
      form.submit(); // the page lists the results itself
    }
  });
}
