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
