import { z } from 'zod';
import { fields, isValidDate } from '../../platform/http/forms.js';

/** The years an administrator may adjust: the table's own bound (calendar_years.year between 2000 and 2200). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2200;

const day = (label: string, from: string, to: string, range: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .refine(isValidDate, { message: `${label}格式应为 年-月-日，如 2027-02-05`, abort: true })
    .refine((s) => s >= from && s <= to, `${label}应在 ${range}之间`);

/** One local or late change to the schedule: a day worked, or a day off, with the reason. */
export const overrideSchema = z.object({
  day: day('日期', `${FIRST_YEAR}-01-01`, `${LAST_YEAR}-12-31`, `${FIRST_YEAR} 年至 ${LAST_YEAR} 年`),
  working: z.enum(['1', '0'], { error: '请选择上班或休息' }).transform((v) => v === '1'),
  note: fields.text('说明', 100),
});

export const confirmSchema = z.object({
  attest: fields.checkbox().refine((v) => v, '请勾选确认已按国务院办公厅通知录入该年度放假安排'),
  confirmNote: fields.optionalText('通知文号或说明', 200).transform((s) => s ?? ''),
});

/** ?year=2027 on the admin page; none means the current year. */
export const yearQuerySchema = z.object({
  year: z
    .string()
    .optional()
    .refine((s) => s === undefined || (/^\d{4}$/.test(s) && Number(s) >= FIRST_YEAR && Number(s) <= LAST_YEAR), `年份应为 ${FIRST_YEAR} 至 ${LAST_YEAR} 之间的四位数字`)
    .transform((s) => (s === undefined ? null : Number(s))),
});

/**
 * The public calculator and its API. The statutory time limit is 20 working days, extendable by
 * 20 (《政府信息公开条例》 第三十三条); other limits (补正 7 days, local rules) fit in 1–60. The date
 * stops at 2199 so that 60 working days stay inside the calendar.
 */
export const deadlineQuerySchema = z.object({
  receivedOn: day('收到申请的日期', `${FIRST_YEAR}-01-01`, '2199-12-31', `${FIRST_YEAR} 年至 2199 年`),
  workingDays: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : '20'))
    .refine((s) => /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 60, '工作日数应为 1 至 60 之间的整数')
    .transform(Number),
});
