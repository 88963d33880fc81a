/**
 * The SMTP Mailer, for a laptop or an office server that should send real email (config
 * `email.smtp`): nodemailer's SMTP transport given the raw MIME we compose ourselves, so the
 * message is byte-for-byte the one the outbox and SES would carry. The password comes from the
 * environment variable the configuration names, never from the YAML.
 */
import { createTransport } from 'nodemailer';
import { compose, PermanentSendError, type EmailMessage, type Mailer } from '../../deliver/email/message.js';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user?: string | undefined;
  readonly passwordEnv?: string | undefined;
}

/** The SMTP settings cannot be used as they are (a password variable that is not set). */
export class SmtpConfigError extends PermanentSendError {
  override readonly name = 'SmtpConfigError';
}

export function createSmtpMailer(settings: SmtpSettings, opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; ca?: string | Buffer } = {}): Mailer {
  const env = opts.env ?? process.env;
  let auth: { user: string; pass: string } | undefined;
  if (settings.user !== undefined && settings.passwordEnv !== undefined) {
    const pass = env[settings.passwordEnv];
    if (pass === undefined || pass === '') {
      throw new SmtpConfigError(`email.smtp.passwordEnv names ${settings.passwordEnv}, which is not set: set it to the SMTP password for ${settings.user}`);
    }
    auth = { user: settings.user, pass };
  }
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(auth ? { auth } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(opts.ca === undefined ? {} : { tls: { ca: opts.ca } }),
  });
  return {
    async send(message: EmailMessage) {
      const { raw, messageId } = await compose(message);
      // The envelope is exactly the configured recipients, as with SES.
      await transport.sendMail({ envelope: { from: envelopeAddress(message.from), to: message.to }, raw }).catch((error: unknown) => {
        // SMTP: a 5xx reply is a permanent failure (RFC 5321); a 4xx or a dropped connection is worth another go.
        const code = error instanceof Error ? (error as Error & { responseCode?: unknown }).responseCode : undefined;
        if (typeof code === 'number' && code >= 500) throw new PermanentSendError((error as Error).message, { cause: error });
        throw error;
      });
      return { messageId, headerMessageId: messageId };
    },
  };
}

/** "Despatch <despatch@x.gov.uk>" → "despatch@x.gov.uk" for MAIL FROM. */
function envelopeAddress(from: string): string {
  return /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
}
