// @ts-check
/**
 * Reads one untrusted file on a worker thread started by extract.ts, under the memory limit and
 * the clock that extract.ts sets; the result (or why there is none) goes back as one message.
 * Plain JavaScript so that the worker needs no TypeScript loader (as db/pglite-worker.js).
 *
 * Word and Excel files are zip archives. Before mammoth sees one, the archive is measured as
 * mammoth will read it (through the same jszip): the count of its parts and each part's declared
 * size from the central directory, then each part's real size while inflating it in small chunks,
 * so that an archive that lies about its sizes is stopped at the size it declared.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import JSZip from 'jszip';

/** The text kept for the automatic checks: more is never needed to find a phone number. */
const MAX_TEXT = 1_000_000;
/** The smallest central directory record (46 bytes before its name). */
const CENTRAL_RECORD_MIN = 46;

/**
 * @typedef {{ maxEntryBytes: number, maxTotalBytes: number, maxEntries: number }} ZipLimits
 * @typedef {{ path: string, task: 'docx-html' | 'docx-text' | 'pdf-text' | 'zip-check', limits: ZipLimits }} Job
 */

/** A file refused for its size or shape; `message` is the Chinese detail shown to the uploader. */
class Refused extends Error {}

const mb = (/** @type {number} */ bytes) => Math.round(bytes / 1024 / 1024);

/**
 * The entry count and central directory size that the end-of-central-directory record declares,
 * read from the file's tail before anything is parsed; null when there is none or it defers to
 * zip64 (jszip then finds what it can, and the count is checked after it).
 * @param {Buffer} buf
 */
function endOfCentralDirectory(buf) {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) !== 0x06054b50) continue;
    const entries = buf.readUInt16LE(i + 10);
    const size = buf.readUInt32LE(i + 12);
    return entries === 0xffff || size === 0xffffffff ? null : { entries, size };
  }
  return null;
}

/**
 * The uncompressed size a part's central directory record declares. jszip keeps it on a field it
 * does not document; without it the per-part limit alone bounds the inflating below.
 * @param {JSZip.JSZipObject} file
 */
function declaredSize(file) {
  const data = /** @type {{ _data?: { uncompressedSize?: unknown } }} */ (/** @type {unknown} */ (file))._data;
  return typeof data?.uncompressedSize === 'number' ? data.uncompressedSize : null;
}

/**
 * Inflates a part in chunks, counting, and stops as soon as it passes `limit` bytes: nothing of
 * it is kept. Returns the count (more than `limit` when stopped).
 * @param {JSZip.JSZipObject} file
 * @param {number} limit
 * @returns {Promise<number>}
 */
function inflatedSize(file, limit) {
  return new Promise((resolve, reject) => {
    let n = 0;
    const stream = file.internalStream('uint8array');
    stream
      .on('data', (chunk) => {
        n += chunk.length;
        if (n > limit) {
          stream.pause();
          resolve(n);
        }
      })
      .on('error', reject)
      .on('end', () => resolve(n))
      .resume();
  });
}

/**
 * Refuses a zip archive too large or too odd to read safely, before any parser sees it.
 * @param {Buffer} buf
 * @param {ZipLimits} limits
 */
async function checkZip(buf, limits) {
  const tooMany = `包含的部件超过 ${limits.maxEntries} 个`;
  const eocd = endOfCentralDirectory(buf);
  if (eocd && (eocd.entries > limits.maxEntries || eocd.size / CENTRAL_RECORD_MIN > limits.maxEntries)) throw new Refused(tooMany);
  const zip = await JSZip.loadAsync(buf);
  if (Object.keys(zip.files).length > limits.maxEntries) throw new Refused(tooMany);
  const files = Object.values(zip.files).filter((f) => !f.dir);
  const entryTooLarge = `其中有部件解压后超过 ${mb(limits.maxEntryBytes)} MB`;
  const totalTooLarge = `解压后超过 ${mb(limits.maxTotalBytes)} MB`;
  let declaredTotal = 0;
  for (const f of files) {
    const declared = declaredSize(f) ?? 0;
    if (declared > limits.maxEntryBytes) throw new Refused(entryTooLarge);
    declaredTotal += declared;
  }
  if (declaredTotal > limits.maxTotalBytes) throw new Refused(totalTooLarge);
  // The declared sizes may lie: every part is inflated (and dropped) once, counting.
  let total = 0;
  for (const f of files) {
    const declared = declaredSize(f);
    const limit = Math.min(declared ?? limits.maxEntryBytes, limits.maxEntryBytes, limits.maxTotalBytes - total);
    const actual = await inflatedSize(f, limit);
    if (actual > limit) {
      if (declared !== null && limit === declared) throw new Refused('压缩包记录的大小与实际内容不符');
      throw new Refused(limit === limits.maxEntryBytes ? entryTooLarge : totalTooLarge);
    }
    total += actual;
  }
}

/** @param {Buffer} buf */
async function pdfText(buf) {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  return (await extractText(pdf, { mergePages: true })).text.slice(0, MAX_TEXT);
}

/** @param {Job} job */
async function run(job) {
  const buf = await readFile(job.path);
  if (job.task === 'pdf-text') return pdfText(buf);
  await checkZip(buf, job.limits);
  if (job.task === 'zip-check') return '';
  const { default: mammoth } = await import('mammoth');
  if (job.task === 'docx-html') return (await mammoth.convertToHtml({ buffer: buf })).value;
  return (await mammoth.extractRawText({ buffer: buf })).value.slice(0, MAX_TEXT);
}

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
run(/** @type {Job} */ (workerData)).then(
  (value) => port.postMessage({ ok: true, value }),
  (/** @type {unknown} */ err) =>
    port.postMessage(
      err instanceof Refused
        ? { ok: false, reason: 'too-large', detail: err.message }
        : { ok: false, reason: 'unreadable', detail: err instanceof Error ? err.message : String(err) },
    ),
);
