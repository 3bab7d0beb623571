import type { Kysely } from 'kysely';
import type { Database, OrganizationKind, Role } from '../schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { FileStorage } from '../../platform/files/storage.js';
import type { CommandContext } from '../../platform/http/command.js';
import { createOrganization } from '../../modules/organizations/commands/create-organization.js';
import { createStaff } from '../../modules/staff/commands/create-staff.js';
import { publishItem } from '../../platform/content/registry.js';
import { registerContent } from '../../content-kinds.js';
import { saveDocument } from '../../modules/documents/commands/save-document.js';
import { addRelation } from '../../modules/documents/commands/add-relation.js';
import { checkDocumentInput, splitIssuers, type DocumentInput } from '../../modules/documents/domain/document-input.js';
import { DEMO_DOCUMENTS } from './demo-documents.js';
import { seedDemoInterpretations } from './demo-interpretations.js';
import { seedDemoRequests } from './demo-requests.js';
import { seedDemoQa } from './demo-qa.js';
import { seedDemoAsk } from './demo-ask.js';
import { seedDemoLists } from './demo-lists.js';
import { seedDemoSubscriptions } from './demo-subscriptions.js';
import { seedDemoColumns } from './demo-columns.js';
import { seedDemoItems } from './demo-items.js';
import type { Sealer } from '../../platform/crypto/sealer.js';

/** The demo site group: a city, 5 departments, 2 counties with a township each, staff for every role. */
export const DEMO_PASSWORD = 'Gongkai@2026';

const ORGS: { key: string; parent: string | null; code: string; name: string; short: string; slug: string; kind: OrganizationKind; position?: number }[] = [
  { key: 'city', parent: null, code: '113201000000001', name: '江宁市人民政府', short: '市政府', slug: 'city', kind: 'government' },
  { key: 'fgw', parent: 'city', code: '113201000000101', name: '江宁市发展和改革委员会', short: '市发展改革委', slug: 'fgw', kind: 'department' },
  { key: 'czj', parent: 'city', code: '113201000000102', name: '江宁市财政局', short: '市财政局', slug: 'czj', kind: 'department' },
  { key: 'rsj', parent: 'city', code: '113201000000103', name: '江宁市人力资源和社会保障局', short: '市人社局', slug: 'rsj', kind: 'department' },
  { key: 'zjj', parent: 'city', code: '113201000000104', name: '江宁市住房和城乡建设局', short: '市住建局', slug: 'zjj', kind: 'department' },
  { key: 'dongshan', parent: 'city', code: '113201210000001', name: '东山县人民政府', short: '东山县', slug: 'dongshan', kind: 'county' },
  { key: 'qingshi', parent: 'dongshan', code: '113201210100001', name: '东山县青石镇人民政府', short: '青石镇', slug: 'qingshi', kind: 'township' },
  { key: 'xihu', parent: 'city', code: '113201220000001', name: '西湖县人民政府', short: '西湖县', slug: 'xihu', kind: 'county' },
  { key: 'baisha', parent: 'xihu', code: '113201220100001', name: '西湖县白沙镇人民政府', short: '白沙镇', slug: 'baisha', kind: 'township' },
  // Added last (issue 14: its 权责清单 gives routing by duty something to find), listed with the departments.
  { key: 'scjg', parent: 'city', code: '113201000000105', name: '江宁市市场监督管理局', short: '市市场监管局', slug: 'scjg', kind: 'department', position: 4 },
];

export const DEMO_STAFF: { username: string; name: string; roles: [string, Role][] }[] = [
  { username: 'admin', name: '系统管理员', roles: [['city', 'admin'], ...ORGS.slice(1).map((o) => [o.key, 'admin'] as [string, Role])] },
  { username: 'gkb', name: '市政务公开办', roles: [['city', 'disclosure_office']] },
  { username: 'city.drafter', name: '市政府办起草人', roles: [['city', 'drafter']] },
  { username: 'city.reviewer', name: '市政府办初审人', roles: [['city', 'reviewer']] },
  { username: 'city.reviewer2', name: '市政府办复审人', roles: [['city', 'reviewer']] },
  { username: 'city.reviewer3', name: '市政府办终审人', roles: [['city', 'reviewer']] },
  { username: 'city.publisher', name: '市政府办发布人', roles: [['city', 'publisher']] },
  { username: 'city.handler', name: '市政府依申请公开办理人', roles: [['city', 'request_handler']] },
  { username: 'fgw.editor', name: '市发展改革委编辑', roles: [['fgw', 'drafter'], ['fgw', 'publisher']] },
  { username: 'czj.editor', name: '市财政局编辑', roles: [['czj', 'drafter'], ['czj', 'publisher']] },
  { username: 'rsj.editor', name: '市人社局编辑', roles: [['rsj', 'drafter'], ['rsj', 'publisher']] },
  { username: 'zjj.editor', name: '市住建局编辑', roles: [['zjj', 'drafter'], ['zjj', 'publisher']] },
  { username: 'scjg.editor', name: '市市场监管局编辑', roles: [['scjg', 'drafter'], ['scjg', 'publisher']] },
  { username: 'dongshan.editor', name: '东山县编辑', roles: [['dongshan', 'drafter'], ['dongshan', 'publisher']] },
  { username: 'dongshan.office', name: '东山县政务公开办', roles: [['dongshan', 'disclosure_office']] },
  { username: 'qingshi.editor', name: '青石镇编辑', roles: [['qingshi', 'drafter'], ['qingshi', 'publisher']] },
  { username: 'xihu.editor', name: '西湖县编辑', roles: [['xihu', 'drafter'], ['xihu', 'publisher']] },
  { username: 'baisha.editor', name: '白沙镇编辑', roles: [['baisha', 'drafter'], ['baisha', 'publisher']] },
  // The city runs three-level review; each department, county and township one level, by its own reviewer.
  ...ORGS.slice(1).map((o) => ({ username: `${o.key}.reviewer`, name: `${o.short}审核人`, roles: [[o.key, 'reviewer']] as [string, Role][] })),
  // Every organization has its own request handler, so no application waits for the office above.
  ...ORGS.slice(1).map((o) => ({ username: `${o.key}.handler`, name: `${o.short}依申请公开办理人`, roles: [[o.key, 'request_handler']] as [string, Role][] })),
];

export async function seedDemo(db: Kysely<Database>, clock: Clock, storage: FileStorage, terms: { normativeYears: number; provisionalYears: number }, sealer: Sealer): Promise<void> {
  registerContent();
  const system: CommandContext = { db, clock, actor: { id: null, label: '系统（演示数据）' } };
  const orgIds = new Map<string, number>();
  for (const [i, o] of ORGS.entries()) {
    const id = await createOrganization(system, {
      parentId: o.parent ? orgIds.get(o.parent)! : null, code: o.code, name: o.name, shortName: o.short, slug: o.slug, kind: o.kind, position: o.position ?? i,
      address: `江宁市${o.short}政务服务中心`, postcode: '210000', phone: `025-8${String(1000000 + i * 1111).slice(1)}`, fax: `025-8${String(2000000 + i * 1111).slice(1)}`,
      email: `gk-${o.slug}@jiangning.example.gov.cn`, officeHours: '工作日 9:00—12:00，13:30—17:30',
    });
    orgIds.set(o.key, id);
    if (o.parent) await db.updateTable('organizations').set({ review_levels: 1 }).where('id', '=', id).execute();
  }
  const actors = new Map<string, Actor>();
  await Promise.all(
    DEMO_STAFF.map(async (s) => {
      const roles = s.roles.map(([org, role]) => ({ orgId: orgIds.get(org)!, role }));
      const id = await createStaff(system, { username: s.username, displayName: s.name, password: DEMO_PASSWORD, roles });
      actors.set(s.username, { id, username: s.username, displayName: s.name, roles });
    }),
  );
  const docIds = new Map<string, number>();
  for (const d of DEMO_DOCUMENTS) {
    const actor = actors.get(d.by)!;
    const orgId = orgIds.get(d.org)!;
    const topic = d.topic ? await db.selectFrom('topics').select('id').where('name', '=', d.topic).executeTakeFirst() : undefined;
    const input: DocumentInput = {
      orgId, catalogNodeId: null, title: d.title, docNo: d.docNo, issuers: splitIssuers(d.issuers), docType: d.docType, topicId: topic?.id ?? null,
      audiences: d.audiences, attribute: d.attribute ?? 'public', writtenOn: d.writtenOn, publishedOn: d.publishedOn, effectiveOn: d.effectiveOn, expiresOn: d.expiresOn ?? null,
      bodyHtml: d.body, note: '首次发布',
    };
    const checked = checkDocumentInput(input, clock.today(), terms);
    if (!checked.ok) throw new Error(`演示文件“${d.title}”不合规：${JSON.stringify(checked.errors)}`);
    const ctx = { ...system, actor: { id: actor.id, label: actor.displayName } };
    // The demo's history is seeded as already reviewed: documents and their later editions are published directly.
    const publish = (docId: number) => db.transaction().execute((trx) => publishItem(trx, ctx, 'document', docId));
    let id = await saveDocument(ctx, { actor, documentId: null, input, checked: checked.value, attachments: [], storage, redactedCopies: false });
    if (d.publish !== false) id = await publish(id);
    for (const edit of d.edits ?? []) {
      const next = { ...input, bodyHtml: edit.body ?? input.bodyHtml, title: edit.title ?? input.title, note: edit.note, changeNote: edit.note };
      const c = checkDocumentInput(next, clock.today(), terms);
      if (!c.ok) throw new Error(`演示文件修改不合规：${JSON.stringify(c.errors)}`);
      id = await publish(await saveDocument(ctx, { actor, documentId: id, input: next, checked: c.value, attachments: [], storage, redactedCopies: false }));
    }
    docIds.set(d.key, id);
    for (const r of d.affects ?? []) {
      await addRelation(ctx, actors.get(r.by)!, { documentId: docIds.get(r.target)!, byDocumentId: id, kind: r.kind, effectiveOn: r.effectiveOn, note: r.note ?? '' });
    }
  }
  await seedDemoInterpretations(db, { ...system, actor: { id: actors.get('admin')!.id, label: '系统管理员' } }, actors.get('admin')!, docIds);
  await seedDemoRequests(db, clock, storage, sealer, orgIds);
  // In order: the Q&A library, then what the smart Q&A adds to it, then the public's accounts and subscriptions.
  const demo = { orgIds, actors, docIds };
  await seedDemoQa(db, clock, sealer, demo);
  await seedDemoAsk(db, clock, sealer, demo);
  await seedDemoLists(db, clock, demo);
  await seedDemoSubscriptions(db, clock, sealer, demo);
  await seedDemoColumns(db, clock, storage, demo);
  await seedDemoItems(db, clock, storage, demo);
}

export function demoLogins(): string {
  return DEMO_STAFF.map((s) => `  ${s.username.padEnd(16)} ${s.name}`).join('\n') + `\n  （密码均为 ${DEMO_PASSWORD}）\n  公众账号（个人中心 /account/login）：demo@example.com，密码同上`;
}
