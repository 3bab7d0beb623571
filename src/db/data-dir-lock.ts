import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock on its data directory: two processes would both write and corrupt it
 * (stack-notes §1). We hold a lock file with our pid; a stale lock (its process gone) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'gongkai.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `数据目录 ${dataDir} 正被另一个进程（pid ${pid}）使用。内嵌数据库只允许一个进程打开同一目录；` +
            `请先停止该进程，或用 DATA_DIR 指定另一个目录，或用 DATABASE_URL 连接 PostgreSQL 以运行多个实例。`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
