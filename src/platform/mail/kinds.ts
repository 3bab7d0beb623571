/** What each kind of message in the outbox (发件箱) is called; the codes stay in the table. */
export const MAIL_KIND_LABELS: Record<string, string> = {
  account_verify: '邮箱验证',
  account_verify_mobile: '手机验证码',
  account_exists: '重复注册提示',
  account_reset: '重设密码',
  subscription: '订阅提醒',
  referral_answer: '咨询答复',
};

/** A kind added without a name still reaches people in Chinese. */
export function mailKindLabel(kind: string): string {
  return MAIL_KIND_LABELS[kind] ?? '其他消息';
}
