// Customer e-mail through nodemailer to the SMTP server in SMTP_URL (smtp://user:pass@host:port).
// Without SMTP_URL no mail is sent and notification jobs finish without one (logged), so a
// chain without mail still runs; with it, a failed send is retried and dead-lettered.
import nodemailer, { type Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative to `text` (receipts). */
  html?: string;
  /** A fixed Message-ID (e.g. `<receipt-…@store-pos.local>`) so a repeated send is recognisable. */
  messageId?: string;
}

export interface Mailer {
  readonly enabled: boolean;
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string | undefined, from = 'orders@store-pos.local'): Mailer {
  if (!smtpUrl) return { enabled: false, send: async () => undefined, close: () => undefined };
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    enabled: true,
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
      });
    },
    close: () => transport.close(),
  };
}
