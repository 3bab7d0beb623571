import { PublicLayout } from './layout.js';
import type { PageContext } from './page-context.js';

const titles: Record<number, string> = { 400: '请求有误', 403: '无权访问', 404: '页面不存在', 413: '内容过大', 422: '无法处理', 429: '操作过于频繁', 500: '服务器错误' };

export function ErrorPage({ ctx, status, message }: { ctx: PageContext; status: number; message: string }) {
  const title = titles[status] ?? '出错了';
  return (
    <PublicLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">返回首页</a> · <a href="/library">搜索政策文件</a>
      </p>
    </PublicLayout>
  );
}
