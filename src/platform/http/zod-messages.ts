import { z } from 'zod';

type Issue = Parameters<NonNullable<z.core.$ZodConfig['localeError']>>[0];

/**
 * Zod's messages in Chinese without what people cannot read: its own Chinese locale names types
 * (“期望 string”), lists raw enum codes and prints regular expressions. Schemas give their own
 * message wherever a field has a label; this is what is left for the rest (and for the
 * configuration read at start).
 */
function chineseIssueMessage(iss: Issue): string {
  const plural = iss.origin === 'array' || iss.origin === 'set';
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? '请填写此项' : '格式不正确';
    case 'too_big':
      return iss.origin === 'string' ? `不能超过 ${iss.maximum} 个字` : plural ? `最多 ${iss.maximum} 项` : `不能大于 ${iss.maximum}`;
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? '请填写此项' : `至少 ${iss.minimum} 个字`;
      return plural ? `至少 ${iss.minimum} 项` : `不能小于 ${iss.minimum}`;
    case 'invalid_value':
      return '取值无效';
    case 'invalid_format':
      return iss.format === 'email' ? '电子邮箱格式不正确' : iss.format === 'url' ? '网址格式不正确' : '格式不正确';
    default:
      return '输入无效';
  }
}

z.config({ localeError: chineseIssueMessage });
