import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { EMAIL_PATTERN, MOBILE_PATTERN, normalizeMobile, parseIdentifier } from './domain/identifier.js';
import { INDUSTRIES, SIZES } from './domain/profile.js';

const email = z
  .string({ error: '请填写电子邮箱' })
  .trim()
  .min(1, '请填写电子邮箱')
  .max(254, '电子邮箱过长')
  .regex(EMAIL_PATTERN, '电子邮箱格式不正确，如 zhang@example.com')
  .transform((s) => s.toLowerCase());

const MOBILE_MESSAGE = '手机号码格式不正确：请填写中国大陆 11 位手机号码，如 13812345678';
/** Optional on the form (the other of mobile and e-mail may be given instead); checked when filled in. */
const optionalEmail = z.string().trim().max(254, '电子邮箱过长').default('').refine((s) => s === '' || EMAIL_PATTERN.test(s), '电子邮箱格式不正确，如 zhang@example.com').transform((s) => (s ? s.toLowerCase() : null));
const optionalMobile = z.string().max(30, MOBILE_MESSAGE).default('').transform(normalizeMobile).refine((s) => s === '' || MOBILE_PATTERN.test(s), MOBILE_MESSAGE).transform((s) => s || null);
export const mobile = z.string({ error: '请填写手机号码' }).max(30, MOBILE_MESSAGE).transform(normalizeMobile).pipe(z.string().min(1, '请填写手机号码').regex(MOBILE_PATTERN, MOBILE_MESSAGE));

/** Long passphrases are welcome (NIST SP 800-63B: at least 64 characters must be allowed). */
const password = z.string({ error: '请填写密码' }).min(1, '请填写密码').max(200, '密码最长 200 个字符');

export const registerSchema = z
  .object({
    mobile: optionalMobile,
    email: optionalEmail,
    password,
    password2: z.string({ error: '请再次输入密码' }).min(1, '请再次输入密码').max(200),
    kind: fields.oneOf('账号类型', ['person', 'enterprise'] as const),
    agree: z.literal('1', { error: '请阅读并同意个人信息处理说明' }),
  })
  .refine((v) => v.mobile || v.email, { message: '请填写手机号码或电子邮箱（任选一项）', path: ['mobile'] })
  .refine((v) => !(v.mobile && v.email), { message: '请只填写手机号码或电子邮箱中的一项', path: ['email'] })
  .refine((v) => v.password === v.password2, { message: '两次输入的密码不一致', path: ['password2'] });

/** The sign-in name: a mobile number or an e-mail (`email` is the field's earlier name, still accepted). */
const login = z
  .string({ error: '请填写手机号码或电子邮箱' })
  .trim()
  .min(1, '请填写手机号码或电子邮箱')
  .max(254, '手机号码或电子邮箱过长')
  .transform((s, ctx) => parseIdentifier(s) ?? (ctx.addIssue({ code: 'custom', message: '请填写正确的手机号码（11 位）或电子邮箱' }), z.NEVER));
export const loginSchema = z.preprocess(
  (v) => (v && typeof v === 'object' && !('login' in v) && 'email' in v ? { ...(v as object), login: (v as { email: unknown }).email } : v),
  z.object({ login, password, next: z.string().max(500).optional() }),
);
export const mobileCodeSchema = z.object({ mobile, code: z.string({ error: '请填写短信验证码' }).trim().regex(/^\d{6}$/, '请填写短信中的 6 位数字验证码') });
export const mobileOnlySchema = z.object({ mobile });
export const emailOnlySchema = z.object({ email });
export const newPasswordSchema = z
  .object({ token: z.string().min(10).max(100), password, password2: z.string().max(200) })
  .refine((v) => v.password === v.password2, { message: '两次输入的密码不一致', path: ['password2'] });

/** A select whose first option (“请选择”) is allowed: '' or one of the values. */
const optionalChoice = (label: string, values: readonly string[]) =>
  z.string().trim().default('').refine((v) => v === '' || values.includes(v), `${label}的取值无效`);

export const profileSchema = z.object({
  displayName: fields.optionalText('称呼或单位名称', 60),
  kind: fields.oneOf('账号类型', ['person', 'enterprise'] as const),
  industry: optionalChoice('所属行业', INDUSTRIES.map((i) => i.code)),
  size: optionalChoice('企业规模', SIZES),
  district: z.string().trim().max(40).default(''),
});
