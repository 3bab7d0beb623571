import type { ComponentChildren } from 'preact';
import { describedBy, Field } from '../../../platform/html/components.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { RequestCase } from '../case.js';
import { MAX_EXTENSION_DAYS, type ClockState } from '../domain/clock.js';
import { OUTCOME_GROUPS, OUTCOMES } from '../domain/outcomes.js';
import { REQUEST_ACTION_LABELS, type RequestAction } from '../domain/workflow.js';
import type { OrgOption } from '../queries.public.js';

/**
 * One small form per step the actor may take now (the page offers only what the rules allow;
 * the command checks again). Field names match the schemas in schemas.ts.
 */
interface FormsProps {
  csrfToken: string;
  c: RequestCase;
  clock: ClockState;
  allowed: RequestAction[];
  handlers: { id: number; display_name: string }[];
  /** Where a case may be transferred (转送): every other organization, as a tree. */
  transferOrgs: OrgOption[];
  values: Record<string, string>;
  errors?: FieldErrors;
  today: string;
}

function ActionForm(p: { id: number; action: RequestAction; csrfToken: string; children?: ComponentChildren; multipart?: boolean; confirm?: string; secondary?: boolean }) {
  return (
    <form method="post" action={`/admin/requests/${p.id}/actions/${p.action}`} class="action-form" enctype={p.multipart ? 'multipart/form-data' : undefined} data-confirm={p.confirm}>
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      {p.children}
      <button type="submit" class={p.secondary ? 'secondary' : undefined}>{REQUEST_ACTION_LABELS[p.action]}</button>
    </form>
  );
}

export function CaseActionForms(p: FormsProps) {
  const id = p.c.row.id;
  const v = p.values;
  const e = p.errors;
  const has = (a: RequestAction) => p.allowed.includes(a);
  const input = (name: string, type: 'text' | 'date' | 'number' = 'text', extra: Record<string, string | number> = {}) => <input id={`f-${name}`} name={name} type={type as 'text'} value={v[name] ?? ''} aria-describedby={describedBy(name, e)} {...extra} />;
  const forms: ComponentChildren[] = [];
  if (has('register')) forms.push(<ActionForm id={id} action="register" csrfToken={p.csrfToken}><p>确认收到该网上申请。登记之日即为收到申请之日（条例第三十一条），答复期限自次日起算，并向申请人出具登记回执。</p></ActionForm>);
  // Only once the organization has a handler to assign (an organization without one routes its cases to the office).
  if (has('assign') && p.handlers.length)
    forms.push(
      <ActionForm id={id} action="assign" csrfToken={p.csrfToken} secondary>
        <Field name="handlerId" label="办理人" errors={e}>
          <select id="f-handlerId" name="handlerId">{p.handlers.map((h) => <option value={h.id} selected={p.c.row.handler_id === h.id}>{h.display_name}</option>)}</select>
        </Field>
      </ActionForm>,
    );
  if (has('transfer'))
    forms.push(
      <ActionForm id={id} action="transfer" csrfToken={p.csrfToken} secondary confirm="确定转送？申请将由所选机关办理，并向申请人发出转送告知书。">
        <p class="hint">申请的信息由其他机关负责公开的（条例第十条、第三十六条第五项），可转送该机关办理；该机关自收到之日起 20 个工作日内答复（条例第三十一条、第三十三条），并向申请人发出转送告知书。</p>
        <Field name="toOrgId" label="转送至" errors={e}>
          <select id="f-toOrgId" name="toOrgId">
            <option value="">请选择有权机关</option>
            {p.transferOrgs.map((o) => <option value={o.id} selected={v.toOrgId === String(o.id)}>{'　'.repeat(o.depth)}{o.name}</option>)}
          </select>
        </Field>
        <Field name="transferReason" label="转送理由（写入转送告知书）" errors={e}>{input('transferReason')}</Field>
      </ActionForm>,
    );
  if (has('request_correction'))
    forms.push(
      <ActionForm id={id} action="request_correction" csrfToken={p.csrfToken}>
        <p class="hint">补正告知须在收到申请之日起 7 个工作日内（{p.clock.correctionNoticeBy ?? '—'} 前）一次性告知全部需要补正的事项（条例第三十条）。</p>
        <Field name="items" label="需要补正的事项" errors={e}><textarea id="f-items" name="items" rows={3}>{v.items ?? ''}</textarea></Field>
        <Field name="correctBy" label="补正期限（留空则按本机关默认工作日数）" errors={e}>{input('correctBy', 'date')}</Field>
      </ActionForm>,
    );
  if (has('receive_correction'))
    forms.push(
      <ActionForm id={id} action="receive_correction" csrfToken={p.csrfToken} multipart>
        <p class="hint">收到补正后的申请之日起重新计算答复期限。</p>
        <Field name="on" label="收到补正的日期（默认今天）" errors={e}>{input('on', 'date')}</Field>
        <Field name="description" label="补正后的内容描述（如有）" errors={e}><textarea id="f-description" name="description" rows={3}>{v.description ?? ''}</textarea></Field>
        <Field name="attachments" label="补正材料" errors={e}><input id="f-attachments" type="file" name="attachments" multiple accept=".pdf,.docx,.jpg,.jpeg,.png" /></Field>
      </ActionForm>,
    );
  if (has('start_consultation'))
    forms.push(
      <ActionForm id={id} action="start_consultation" csrfToken={p.csrfToken} secondary>
        <p class="hint">征求意见的对象有 15 个工作日答复；征求意见期间不计入答复期限（条例第三十二条至第三十四条）。</p>
        <Field name="party" label="征求意见对象（第三方或有关机关）" errors={e}>{input('party')}</Field>
        <Field name="partyKind" label="类型" errors={e}>
          <select id="f-partyKind" name="partyKind"><option value="third_party">第三方（公开可能损害其合法权益）</option><option value="co_producer" selected={v.partyKind === 'co_producer'}>共同制作机关</option></select>
        </Field>
      </ActionForm>,
    );
  if (has('end_consultation'))
    forms.push(
      <ActionForm id={id} action="end_consultation" csrfToken={p.csrfToken}>
        <Field name="opinion" label="意见情况（同意公开、不同意及理由、逾期未答复等）" errors={e}><textarea id="f-opinion" name="opinion" rows={2}>{v.opinion ?? ''}</textarea></Field>
        <Field name="on" label="收到意见或期满的日期（默认今天）" errors={e}>{input('on', 'date')}</Field>
      </ActionForm>,
    );
  if (has('request_extension'))
    forms.push(
      <ActionForm id={id} action="request_extension" csrfToken={p.csrfToken} secondary>
        <p class="hint">延期须经政府信息公开工作机构负责人同意，只能一次，最长 {MAX_EXTENSION_DAYS} 个工作日（条例第三十三条第二款）。</p>
        <Field name="days" label="延长的工作日数" errors={e}>{input('days', 'number', { min: 1, max: MAX_EXTENSION_DAYS })}</Field>
        <Field name="reason" label="延期理由" errors={e}>{input('reason')}</Field>
      </ActionForm>,
    );
  if (has('approve_extension')) {
    const asked = [...p.c.events].reverse().find((x) => x.kind === 'extension_requested')?.details as { days: number; reason: string } | undefined;
    forms.push(<ActionForm id={id} action="approve_extension" csrfToken={p.csrfToken}><p>办理人申请延期 {asked?.days ?? '—'} 个工作日，理由：{asked?.reason ?? '—'}</p></ActionForm>);
  }
  if (has('refuse_extension')) forms.push(<ActionForm id={id} action="refuse_extension" csrfToken={p.csrfToken} secondary><Field name="reason" label="不同意延期的理由" errors={e}>{input('reason')}</Field></ActionForm>);
  if (has('notify_fee'))
    forms.push(
      <ActionForm id={id} action="notify_fee" csrfToken={p.csrfToken} secondary>
        <p class="hint">仅在申请数量、频次明显超过合理范围时收取（国办函〔2020〕109号）；按件、按量只能选择一种。</p>
        <Field name="method" label="收费方式" errors={e}>
          <select id="f-method" name="method"><option value="per_request">按件（本申请人当月累计件数）</option><option value="per_page" selected={v.method === 'per_page'}>按量（页数）</option></select>
        </Field>
        <Field name="pages" label="页数（按量收费时填写）" errors={e}>{input('pages', 'number', { min: 1 })}</Field>
      </ActionForm>,
    );
  if (has('record_payment')) forms.push(<ActionForm id={id} action="record_payment" csrfToken={p.csrfToken}><Field name="on" label="缴费日期（默认今天）" errors={e}>{input('on', 'date')}</Field></ActionForm>);
  for (const a of ['submit_reply', 'approve_reply', 'send_reply'] as const) if (has(a)) forms.push(<ActionForm id={id} action={a} csrfToken={p.csrfToken} confirm={a === 'send_reply' ? '发出后答复书不能再修改，确定发出？' : undefined} />);
  if (has('return_reply')) forms.push(<ActionForm id={id} action="return_reply" csrfToken={p.csrfToken} secondary><Field name="comment" label="退回意见" errors={e}>{input('comment')}</Field></ActionForm>);
  if (has('record_delivery'))
    forms.push(
      <ActionForm id={id} action="record_delivery" csrfToken={p.csrfToken}>
        <Field name="method" label="送达方式" errors={e}>
          <select id="f-method" name="method"><option value="online">网上送达</option><option value="post">邮政寄送（以交邮之日计）</option><option value="in_person">当面送达（以签收之日计）</option><option value="email">电子邮件</option><option value="fax">传真</option></select>
        </Field>
        <Field name="on" label="送达日期" errors={e}>{input('on', 'date')}</Field>
      </ActionForm>,
    );
  if (has('archive')) forms.push(<ActionForm id={id} action="archive" csrfToken={p.csrfToken} secondary />);
  if (has('withdraw')) forms.push(<ActionForm id={id} action="withdraw" csrfToken={p.csrfToken} secondary confirm="确定按申请人的要求撤回该申请？"><Field name="reason" label="撤回理由（申请人书面撤回等）" errors={e}>{input('reason')}</Field></ActionForm>);
  return forms.length ? <div class="action-forms">{forms}</div> : <p class="empty">当前没有您可以进行的办理操作。</p>;
}

/** The reply letter's outcome and text, composed from the template, edited, saved as a draft. */
export function ReplyDraftForm(p: { id: number; csrfToken: string; draft: { outcome: string | null; body: string } | null; values: Record<string, string>; errors?: FieldErrors }) {
  const v: Record<string, string> = { outcome: p.draft?.outcome ?? '', body: p.draft?.body ?? '', ...p.values };
  const e = p.errors;
  return (
    <form method="post" action={`/admin/requests/${p.id}/reply`} class="form reply-form">
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      <Field name="outcome" label="办理结果（年度报告表三的分类）" errors={e} required>
        <select id="f-outcome" name="outcome">
          <option value="">请选择</option>
          {OUTCOME_GROUPS.map((g) => (
            <optgroup label={g.label}>{OUTCOMES.filter((o) => o.group === g.group).map((o) => <option value={o.code} selected={v.outcome === o.code}>{o.label}</option>)}</optgroup>
          ))}
        </select>
      </Field>
      <Field name="disclosedContent" label="公开的内容或获取方式（予以公开、部分公开）" errors={e}><input id="f-disclosedContent" name="disclosedContent" value={v.disclosedContent ?? ''} /></Field>
      <Field name="withheldReason" label="不予公开或不予提供的具体理由" errors={e}><input id="f-withheldReason" name="withheldReason" value={v.withheldReason ?? ''} /></Field>
      <Field name="referTo" label="负责公开该信息的机关及联系方式（本机关不掌握时）" errors={e}><input id="f-referTo" name="referTo" value={v.referTo ?? ''} /></Field>
      <p><button type="submit" name="compose" value="1" class="secondary">按所选结果生成答复书</button></p>
      <Field name="body" label="答复书正文（可修改；段落之间空一行）" errors={e}><textarea id="f-body" name="body" rows={14}>{v.body}</textarea></Field>
      <p><button type="submit">保存答复书草稿</button></p>
    </form>
  );
}
