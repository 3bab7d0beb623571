import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { INDUSTRIES, SIZES } from './domain/profile.js';

const email = z
  .string({ error: '请填写电子邮箱' })
  .trim()
  .min(1, '请填写电子邮箱')
  .max(254, '电子邮箱过长')
  .regex(/^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/, '电子邮箱格式不正确，如 zhang@example.com')
  .transform((s) => s.toLowerCase());

const password = z.string({ error: '请填写密码' }).min(1, '请填写密码').max(200, '密码过长');

export const registerSchema = z
  .object({
    email,
    password,
    password2: z.string({ error: '请再次输入密码' }).min(1, '请再次输入密码').max(200),
    kind: fields.oneOf('账号类型', ['person', 'enterprise'] as const),
    agree: z.literal('1', { error: '请阅读并同意个人信息处理说明' }),
  })
  .refine((v) => v.password === v.password2, { message: '两次输入的密码不一致', path: ['password2'] });

export const loginSchema = z.object({ email, password, next: z.string().max(500).optional() });
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
