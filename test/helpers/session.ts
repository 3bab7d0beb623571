import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../src/db/seeds/demo.js';

/**
 * A browser-like session over app.inject(): keeps cookies, and fills the CSRF token from the last
 * page it fetched, as a real form submission would.
 */
export class TestSession {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;
  constructor(private app: FastifyInstance) {}

  private absorb(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
    return res;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    return this.absorb(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }));
  }

  /** Posts a urlencoded form with the CSRF token of the last page (unless `_csrf` is given). */
  async post(url: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    if (!('_csrf' in form) && this.csrf) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.absorb(await this.app.inject({ method: 'POST', url, payload: body.toString(), headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' } }));
  }

  /** Posts multipart form data (files as { filename, content, contentType }). */
  async postMultipart(url: string, fields: Record<string, string | string[]>, files: { field: string; filename: string; content: Buffer; contentType: string }[] = []) {
    const boundary = `----gk${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    const add = (headers: string, content: Buffer | string) => parts.push(Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from('\r\n'));
    if (!('_csrf' in fields) && this.csrf) add('Content-Disposition: form-data; name="_csrf"', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) add(`Content-Disposition: form-data; name="${k}"`, x);
    for (const f of files) add(`Content-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}`, f.content);
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.absorb(await this.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` } }));
  }

  async login(username: string, password = DEMO_PASSWORD) {
    await this.get('/admin/login');
    return this.post('/admin/login', { username, password, next: '/admin' });
  }
}

/**
 * The signed-in sessions of a suite, one per user, made on first use. Call `nextTest()` before each
 * test: the clock moves a minute on, so sign-ins stay under the login rate limit, and sessions
 * start afresh (they expire as the clock moves).
 */
export function sessionPool(testApp: () => { app: FastifyInstance; clock: { now(): Date; set(at: Date): void } }) {
  const sessions = new Map<string, TestSession>();
  return {
    nextTest() {
      const { clock } = testApp();
      clock.set(new Date(clock.now().getTime() + 61_000));
      sessions.clear();
    },
    async as(username: string): Promise<TestSession> {
      let s = sessions.get(username);
      if (!s) {
        s = new TestSession(testApp().app);
        const res = await s.login(username);
        if (res.statusCode !== 303) throw new Error(`${username} could not sign in (${res.statusCode})`);
        sessions.set(username, s);
      }
      return s;
    },
  };
}
