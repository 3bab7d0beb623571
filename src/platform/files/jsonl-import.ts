import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ImportProgress {
  bytesRead: number;
  bytesTotal: number;
  imported: number;
  skipped: number;
}

/**
 * Streams a JSONL corpus file in batches, for the importers: each line is parsed and checked by
 * `missing` (which names the required fields a record lacks, or returns null), a batch is handed to
 * `importBatch` (which returns how many it imported; the rest count as skipped), and progress is
 * reported after each batch. A bad line stops the import with its line number.
 */
export async function importJsonlBatches<T>(
  file: string,
  opts: { batchSize: number; missing(record: T): string | null; importBatch(batch: T[]): Promise<number>; onProgress(p: ImportProgress): void },
): Promise<ImportProgress> {
  const progress: ImportProgress = { bytesRead: 0, bytesTotal: statSync(file).size, imported: 0, skipped: 0 };
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let batch: T[] = [];
  let lineNo = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const imported = await opts.importBatch(batch);
    progress.imported += imported;
    progress.skipped += batch.length - imported;
    batch = [];
    opts.onProgress(progress);
  };
  for await (const line of lines) {
    lineNo++;
    progress.bytesRead += Buffer.byteLength(line) + 1;
    if (!line.trim()) continue;
    let record: T;
    try {
      record = JSON.parse(line) as T;
    } catch {
      throw new Error(`第 ${lineNo} 行不是有效的 JSON`);
    }
    const missing = opts.missing(record);
    if (missing) throw new Error(`第 ${lineNo} 行缺少 ${missing}`);
    batch.push(record);
    if (batch.length >= opts.batchSize) await flush();
  }
  await flush();
  return progress;
}
