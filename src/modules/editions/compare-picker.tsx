/**
 * 对比 … 与 … 查看差异: picks two versions to compare, preselecting the newest and the one before
 * it (`versions` newest first). Works without script: a GET form to the comparison page.
 */
export function ComparePicker({ action, versions }: { action: string; versions: number[] }) {
  if (versions.length < 2) return null;
  return (
    <form method="get" action={action} class="actions no-print">
      <label for="va">对比</label>
      <select id="va" name="a">{versions.map((n, i) => <option value={n} selected={i === 1}>第 {n} 版</option>)}</select>
      <label for="vb">与</label>
      <select id="vb" name="b">{versions.map((n, i) => <option value={n} selected={i === 0}>第 {n} 版</option>)}</select>
      <button type="submit">查看差异</button>
    </form>
  );
}
