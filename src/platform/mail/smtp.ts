import nodemailer from 'nodemailer';

/** One message as it leaves: the address in clear, only here, at the moment of sending. */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

/** What the sender needs of a mail transport (nodemailer's SMTP in production, a fake in tests). */
export interface MailTransport {
  send(msg: MailMessage): Promise<void>;
  close?(): void;
}

/**
 * An SMTP transport from SMTP_URL (smtp://user:pass@host:587 with STARTTLS, smtps://…:465 with
 * TLS from the start). nodemailer pools connections, so a batch of mails reuses one session.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url.includes('?') ? `${url}&pool=true` : `${url}?pool=true`);
  return {
    async send(msg) {
      await transporter.sendMail({ from: msg.from, to: msg.to, subject: msg.subject, text: msg.text, headers: msg.headers });
    },
    close: () => transporter.close(),
  };
}
