import path from 'node:path';
import { hashPassword } from '../../src/platform/auth/password.js';
import { sealerFor } from '../../src/platform/crypto/sealer.js';
import { maskEmail } from '../../src/platform/mail/outbox.js';
import { localStorage } from '../../src/platform/files/storage.js';
import { emailKey } from '../../src/modules/accounts/commands/tokens.js';
import { saveDocument } from '../../src/modules/documents/commands/save-document.js';
import { checkDocumentInput, type DocumentInput } from '../../src/modules/documents/domain/document-input.js';
import { subscriptionsJobHandlers, type SubscriptionJobOptions } from '../../src/modules/subscriptions/jobs.js';
import { runFanout, type FanoutOptions } from '../../src/modules/subscriptions/fanout.js';
import type { PublishedItemType } from '../../src/modules/subscriptions/publication.js';
import { publishNow } from './publish.js';
import type { TestApp } from './test-app.js';

let passwordHash: string | null = null;
export const TEST_PASSWORD = 'Subscriber#2026';

/** A public account straight in the database (verified unless told otherwise). */
export async function makeAccount(t: TestApp, email: string, opts: { verified?: boolean; mobileVerified?: boolean; disabled?: boolean; kind?: 'person' | 'enterprise'; industry?: string; size?: string; district?: string } = {}): Promise<number> {
  passwordHash ??= await hashPassword(TEST_PASSWORD);
  const sealer = sealerFor(t.config);
  const now = t.clock.now();
  const row = await t.db
    .insertInto('accounts')
    .values({
      email_sealed: sealer.seal(email), email_key: emailKey(sealer, email), email_masked: maskEmail(email), password_hash: passwordHash,
      email_verified_at: opts.verified === false ? null : now, mobile_verified_at: opts.mobileVerified ? now : null, disabled: opts.disabled ?? false, kind: opts.kind ?? 'person',
      industry: opts.industry ?? '', size: opts.size ?? '', district: opts.district ?? '', locked_until: null, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const jobOptions = (over: Partial<SubscriptionJobOptions> = {}): SubscriptionJobOptions => ({ baseUrl: 'https://gk.example.gov.cn', siteName: '江宁市人民政府信息公开平台', transport: null, mailFrom: 'noreply@gk.example.gov.cn', ...over });

/** The module's job handlers as the server wires them, with test options. */
export const jobHandlers = (t: TestApp, over: Partial<SubscriptionJobOptions> = {}) => subscriptionsJobHandlers(t.db, t.clock, sealerFor(t.config), jobOptions(over));

export function fanout(t: TestApp, type: PublishedItemType, id: number, over: Partial<FanoutOptions> = {}) {
  return runFanout(t.db, t.clock, sealerFor(t.config), { type, id }, { baseUrl: 'https://gk.example.gov.cn', siteName: '江宁市人民政府信息公开平台', ...over });
}

/** Saves and publishes a document of the given organization, as its editor. */
export async function publishDocument(t: TestApp, a: { org: string; title: string; body: string; topic?: string | null; audiences?: string[]; docType?: string; docNo?: string | null; publish?: boolean }): Promise<number> {
  const org = await t.db.selectFrom('organizations').select('id').where('slug', '=', a.org).executeTakeFirstOrThrow();
  const topic = a.topic ? await t.db.selectFrom('topics').select('id').where('name', '=', a.topic).executeTakeFirstOrThrow() : null;
  const editor = await t.db.selectFrom('staff').select(['id', 'username', 'display_name']).where('username', '=', `${a.org}.editor`).executeTakeFirstOrThrow();
  const actor = { id: editor.id, username: editor.username, displayName: editor.display_name, roles: [{ orgId: org.id, role: 'drafter' as const }, { orgId: org.id, role: 'publisher' as const }] };
  const input: DocumentInput = {
    orgId: org.id, catalogNodeId: null, title: a.title, docNo: a.docNo ?? null, issuers: ['江宁市'], docType: a.docType ?? '其他文件', topicId: topic?.id ?? null,
    audiences: a.audiences ?? [], attribute: 'public', writtenOn: '2026-11-20', publishedOn: null, effectiveOn: null, expiresOn: null, bodyHtml: `<p>${a.body}</p>`, note: '',
  };
  const checked = checkDocumentInput(input, t.clock.today(), t.config.validityTerms);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const ctx = { db: t.db, clock: t.clock, actor: { id: editor.id, label: editor.display_name } };
  const id = await saveDocument(ctx, { actor, documentId: null, input, checked: checked.value, attachments: [], storage: localStorage(path.join(t.dataDir, 'files')), redactedCopies: false });
  return a.publish === false ? id : publishNow(t, id);
}
