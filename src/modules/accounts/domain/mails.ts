/** The texts of the mails an account receives. Plain text: every client shows it, nothing to sanitize. */
export interface MailText {
  subject: string;
  text: string;
}

const FOOTER = '\n\n此邮件由系统自动发送，请勿直接回复。如非本人操作，请忽略本邮件。';

export function verifyMail(site: string, base: string, token: string): MailText {
  return {
    subject: `【${site}】请验证您的电子邮箱`,
    text: `您好：\n\n感谢注册${site}。请在 3 天内打开以下链接完成邮箱验证，验证后即可登录个人中心、订阅政策：\n\n${base}/account/verify?token=${token}${FOOTER}`,
  };
}

export function alreadyRegisteredMail(site: string, base: string): MailText {
  return {
    subject: `【${site}】有人尝试用您的邮箱注册`,
    text: `您好：\n\n有人使用本邮箱在${site}申请注册，但该邮箱已注册过账号。\n如果是您本人，请直接登录：${base}/account/login\n忘记密码可在此重设：${base}/account/reset${FOOTER}`,
  };
}

export function resetMail(site: string, base: string, token: string): MailText {
  return {
    subject: `【${site}】重设密码`,
    text: `您好：\n\n我们收到了重设您账号密码的申请。请在 1 小时内打开以下链接设置新密码（链接只能使用一次）：\n\n${base}/account/reset/set?token=${token}${FOOTER}`,
  };
}

/** Text messages: short, the site's name first (as SMS signatures are), nothing to click. */
export function mobileCodeSms(site: string, code: string): MailText {
  return { subject: '短信验证码（注册）', text: `【${site}】您的验证码：${code}，15 分钟内有效，用于验证注册的手机号码。请勿告诉他人；如非本人操作，请忽略。` };
}

export function mobileExistsSms(site: string): MailText {
  return { subject: '短信提醒（号码已注册）', text: `【${site}】有人用本手机号码申请注册，但该号码已注册过账号。如是本人，请直接登录；如非本人操作，请忽略。` };
}
