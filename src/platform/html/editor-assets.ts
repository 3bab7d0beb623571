import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The back office's rich-text editor (ADR 0016): Tiptap and its ProseMirror core, bundled from
 * node_modules by esbuild on the first request and kept in memory — no CDN, no build step before
 * `npm start`, and the Content-Security-Policy's `script-src 'self'` holds. admin.js loads it only on
 * pages with a `<textarea data-rich-text>`; without script the textarea is the editor.
 */
const ENTRY = fileURLToPath(new URL('./assets/editor/editor.js', import.meta.url));
const CSS = fileURLToPath(new URL('./assets/editor/editor.css', import.meta.url));

interface Asset {
  body: string;
  etag: string;
}

let bundle: Promise<Asset> | null = null;

/** The editor's script, built once per process (about a second on two cores). */
function editorBundle(): Promise<Asset> {
  bundle ??= (async () => {
    const { build } = await import('esbuild');
    const out = await build({ entryPoints: [ENTRY], bundle: true, format: 'iife', minify: true, target: 'es2020', write: false, legalComments: 'eof', logLevel: 'silent' });
    return asset(out.outputFiles[0]!.text);
  })();
  // A failed build is tried again on the next request rather than remembered.
  bundle.catch(() => (bundle = null));
  return bundle;
}

function asset(body: string): Asset {
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

// Revalidated on every use (the URL carries no version): a changed editor reaches staff at once.
function send(req: FastifyRequest, reply: FastifyReply, a: Asset, type: string) {
  reply.header('cache-control', 'no-cache').header('etag', a.etag);
  if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
  return reply.type(type).send(a.body);
}

export async function editorAssets(app: FastifyInstance) {
  let css: Asset | null = null;
  app.get('/assets/editor.js', async (req, reply) => send(req, reply, await editorBundle(), 'text/javascript; charset=utf-8'));
  app.get('/assets/editor.css', async (req, reply) => {
    css ??= asset(await readFile(CSS, 'utf8'));
    return send(req, reply, css, 'text/css; charset=utf-8');
  });
}
