import { CsrfField, describedBy, ErrorSummary, Field } from '../../../platform/html/components.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { MAX_QUESTION_LENGTH } from '../domain/question.js';

/** What the referral form (转人工) shows: the departments with the suggested one first and why, and the places to choose from. */
export interface ReferralFormData {
  orgs: { id: number; name: string; suggested: boolean }[];
  values: Record<string, string>;
  errors?: FieldErrors;
  signedIn: string | null;
  /** The department suggested by duty, with its one-line reason (根据权责清单：…). */
  suggestion?: { orgId: number; orgName: string; reason: string } | null;
  /** The areas an asker may say they are in: the city level, each county and township. */
  places?: { id: number; name: string; depth: number }[];
}

/** 转人工: the question, the asker's place, the suggested department (changeable), and how to be told. */
export function ReferralForm({ csrfToken, form }: { csrfToken: string; form: ReferralFormData }) {
  const v = form.values;
  const e = form.errors;
  const s = form.suggestion;
  return (
    <section id="referral" aria-labelledby="referral-title" class="panel">
      <h2 id="referral-title">转给相关部门人工答复</h2>
      <p>问题将转给您选择的部门，一般在 5 个工作日内答复（以各部门规定为准）。提交后会显示咨询编号和查询码，凭它们可查看答复。</p>
      {form.places?.length ? (
        <form method="get" action="/ask#referral" class="inline-form no-print">
          <input type="hidden" name="q" value={v.question ?? ''} />
          <input type="hidden" name="refer" value="1" />
          <label for="f-place">您所在的地区</label>{' '}
          <select id="f-place" name="place">
            <option value="">不限（市级部门）</option>
            {form.places.map((p) => (
              <option value={String(p.id)} selected={v.placeOrgId === String(p.id)}>
                {'　'.repeat(p.depth)}
                {p.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="secondary">按地区推荐部门</button>
        </form>
      ) : null}
      <ErrorSummary errors={e} />
      <form method="post" action="/ask/referrals">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="placeOrgId" value={v.placeOrgId ?? ''} />
        <Field name="question" label="您的问题" errors={e} required>
          <textarea id="f-question" name="question" rows={4} maxLength={MAX_QUESTION_LENGTH} required aria-describedby={describedBy('question', e)}>{v.question ?? ''}</textarea>
        </Field>
        <Field name="orgId" label="答复部门" errors={e} hint={s ? `推荐：${s.orgName}（${s.reason}）。可以改选。` : '可以改选。'} required>
          <select id="f-orgId" name="orgId" aria-describedby={describedBy('orgId', e, true)}>
            {form.orgs.map((o) => (
              <option value={String(o.id)} selected={v.orgId === String(o.id)}>
                {o.name}
                {o.suggested ? '（推荐）' : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field name="email" label="电子邮箱（选填）" errors={e} hint={form.signedIn ? `您已登录（${form.signedIn}），答复会送到个人中心；留下邮箱则同时发送邮件。` : '留下邮箱，答复会发送到邮箱；也可以凭查询码在网站查看。'}>
          <input id="f-email" name="email" type="email" value={v.email ?? ''} maxLength={254} autocomplete="email" aria-describedby={describedBy('email', e, true)} />
        </Field>
        <Field name="name" label="称呼（选填）" errors={e}>
          <input id="f-name" name="name" value={v.name ?? ''} maxLength={50} autocomplete="name" aria-describedby={describedBy('name', e)} />
        </Field>
        <button type="submit">提交给部门</button>
      </form>
    </section>
  );
}
