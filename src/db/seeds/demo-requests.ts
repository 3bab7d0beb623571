import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { loadWorkingCalendar } from '../../platform/calendar/store.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import type { FileStorage } from '../../platform/files/storage.js';
import { addDays } from '../../platform/calendar/working-days.js';
import { createRequest } from '../../modules/requests/commands/create-request.js';
import { applyRequestAction, type RequestCommandContext } from '../../modules/requests/commands/request-action.js';
import { saveReplyDraft } from '../../modules/requests/commands/reply-draft.js';
import { applicationSchema } from '../../modules/requests/schemas.js';

/**
 * Demo disclosure requests (fictional applicants with made-up but well-formed identity numbers):
 * one waiting online to be registered, cases in hand, one waiting for a correction, one overdue,
 * and one answered and delivered — so the workbench, the tracking page and the report have data.
 */
const APPLICANTS = [
  { name: '王秀兰', idNumber: '11010519491231002X', phone: '13912345678' },
  { name: '李建国', idNumber: '320102198001010016', phone: '13800001111' },
  { name: '张伟', idNumber: '32010419900307511X', phone: '13700002222' },
] as const;

const CASES = [
  { org: 'city', who: 0, subject: '2025 年城区老旧小区改造项目清单', receivedAgo: null, steps: [] },
  { org: 'city', who: 1, subject: '江宁市 2025 年度重大建设项目批准文件', receivedAgo: 6, steps: [] },
  { org: 'city', who: 2, subject: '某路段拓宽工程征收补偿方案', receivedAgo: 3, steps: ['request_correction'] },
  { org: 'fgw', who: 1, subject: '2024 年中小企业发展专项资金分配结果', receivedAgo: 24, steps: [] },
  { org: 'city', who: 0, subject: '2024 年城市道路养护经费使用情况', receivedAgo: 18, steps: ['reply'] },
] as const;

export async function seedDemoRequests(db: Kysely<Database>, clock: Clock, storage: FileStorage, sealer: Sealer, orgIds: Map<string, number>): Promise<void> {
  const ctx: RequestCommandContext = { db, clock, actor: { id: null, label: '系统（演示数据）' }, sealer, storage, maxUploadBytes: 1 << 20 };
  const cal = await loadWorkingCalendar(db);
  const today = clock.today();
  /** The day `n` working days before today. */
  const workingDaysAgo = (n: number) => {
    let d = today;
    while (cal.workingDaysBetween(d, today) < n) d = addDays(d, -1);
    return d;
  };
  for (const c of CASES) {
    const who = APPLICANTS[c.who];
    const app = applicationSchema(today).parse({
      orgId: String(orgIds.get(c.org)), applicantKind: 'natural', name: who.name, idType: 'id_card', idNumber: who.idNumber, phone: who.phone,
      subject: c.subject, description: `申请获取${c.subject}。`, provideForm: 'electronic', deliveryMethod: 'online',
    });
    const created = await createRequest(ctx, app, c.receivedAgo === null ? { channel: 'online' } : { channel: 'in_person', receivedOn: workingDaysAgo(c.receivedAgo) });
    for (const step of c.steps) {
      if (step === 'request_correction') await applyRequestAction(ctx, created.id, ['handler'], { action: 'request_correction', items: '请写明所需补偿方案涉及的路段名称和年份。', correctBy: null });
      if (step === 'reply') {
        await saveReplyDraft(ctx, created.id, { outcome: 'disclose', body: '', disclosedContent: '2024 年城市道路养护经费使用情况表', withheldReason: null, referTo: null });
        await applyRequestAction(ctx, created.id, ['handler'], { action: 'send_reply' });
        await applyRequestAction(ctx, created.id, ['handler'], { action: 'record_delivery', method: 'online', on: today });
      }
    }
  }
}
