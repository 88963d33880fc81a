/**
 * The cloud Mailer: SES v2 SendEmail with the raw MIME we compose ourselves, so the message SES
 * sends is the one the outbox shows locally. Errors from SES propagate: the caller decides whether
 * to retry, and a briefing is recorded as sent only after this resolves (and before anything else
 * runs, so nothing after SES's acceptance can make it send again).
 */
import {
  AccountSuspendedException,
  BadRequestException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  SendEmailCommand,
  SendingPausedException,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import { compose, PermanentSendError, type EmailMessage, type Mailer } from '../../deliver/email/message.js';

/** SES errors that say the request itself is wrong or the account cannot send: retrying in a second changes nothing. */
const PERMANENT = [
  MessageRejected,
  MailFromDomainNotVerifiedException,
  AccountSuspendedException,
  SendingPausedException,
  BadRequestException,
  NotFoundException,
];

/** SES accepted the request but did not say which message it queued: treat as not sent. */
export class EmailSendError extends Error {
  override readonly name = 'EmailSendError';
}

export function createSesMailer(client: SESv2Client, opts: { configurationSetName?: string } = {}): Mailer {
  return {
    async send(message: EmailMessage) {
      const { raw } = await compose(message);
      const out = await client
        .send(
          new SendEmailCommand({
            // With raw content SES reads From, Reply-To and Subject from the MIME headers; the
            // destination is given explicitly so the envelope is exactly the configured recipients.
            Destination: { ToAddresses: message.to },
            Content: { Raw: { Data: raw } },
            ...(opts.configurationSetName ? { ConfigurationSetName: opts.configurationSetName } : {}),
          }),
        )
        .catch((error: unknown) => {
          if (PERMANENT.some((type) => error instanceof type))
            throw new PermanentSendError(`SES refused "${message.subject}" (${(error as Error).name}): ${(error as Error).message}`, { cause: error });
          throw error;
        });
      if (!out.MessageId) throw new EmailSendError(`SES returned no MessageId for "${message.subject}"`);
      return { messageId: out.MessageId, headerMessageId: sesHeaderMessageId(out.MessageId, await client.config.region()) };
    },
  };
}

/**
 * SES replaces the Message-ID we write with its own, made from the id it returns and the sending
 * region (us-east-1 uses email.amazonses.com). A reply must name this one to thread with what
 * recipients received.
 */
export function sesHeaderMessageId(sesMessageId: string, region: string): string {
  return `<${sesMessageId}@${region === 'us-east-1' ? 'email' : region}.amazonses.com>`;
}
