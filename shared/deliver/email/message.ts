/**
 * The email port: one message shape, one Mailer interface (SES in the cloud, an outbox folder on
 * a laptop), and the MIME composition they share, so what lands in the outbox is byte-for-byte
 * the kind of message SES would send.
 */
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

export interface EmailMessage {
  from: string;
  to: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** The Message-ID to write, angle brackets included (a fresh one when absent); SES replaces it with its own. */
  messageId?: string;
  /** for outbox file names */
  tag?: string;
}

export interface Mailer {
  /** Hands the message to the provider (SES, SMTP, the outbox); resolves once it has accepted it. */
  send(message: EmailMessage): Promise<{ messageId: string; location?: string; headerMessageId?: string }>;
  /**
   * Keeps a copy of a message `send` already delivered (locally, the outbox beside SMTP). Not part
   * of the send: callers run it only once the send is recorded, and a failure here is logged, never
   * a reason to send again.
   */
  keepCopy?(message: EmailMessage): Promise<{ location?: string }>;
}

/**
 * A send that another attempt a second later cannot fix: the provider refused the message itself,
 * or the account or settings cannot send. Adapters translate their provider's errors into this (by
 * the provider's own error types), so the retry policy needs to know no provider's error names.
 */
export class PermanentSendError extends Error {
  override readonly name: string = 'PermanentSendError';
}

/** The message cannot be turned into MIME: no recipient, or a header that would break the message. */
export class EmailCompositionError extends PermanentSendError {
  override readonly name = 'EmailCompositionError';
}

// RFC 5322 field names: printable ASCII except ":". Values must not carry CR/LF (header injection).
const HEADER_NAME = /^[!-9;-~]+$/;
// Headers the composer owns; letting a caller set them would produce a self-contradictory message.
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

/**
 * An RFC 5322 message (CRLF line ends) with a multipart/alternative body: the plain text first,
 * the HTML last, as clients prefer the last part they can show. Non-ASCII in headers becomes
 * UTF-8 encoded-words; bodies are UTF-8 quoted-printable.
 */
export async function composeMime(message: EmailMessage, opts: { date?: Date; messageId?: string } = {}): Promise<Buffer> {
  return (await compose(message, opts)).raw;
}

/** composeMime, also returning the Message-ID it wrote, for the mailers that report it. */
export async function compose(message: EmailMessage, opts: { date?: Date; messageId?: string } = {}): Promise<{ raw: Buffer; messageId: string }> {
  if (message.to.length === 0) throw new EmailCompositionError(`no recipients for "${message.subject}"`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!HEADER_NAME.test(name)) throw new EmailCompositionError(`header name ${JSON.stringify(name)} is not a valid field name`);
    if (RESERVED_HEADERS.has(name.toLowerCase())) throw new EmailCompositionError(`header ${name} is set by the composer, not by callers`);
    if (/[\r\n]/.test(value)) throw new EmailCompositionError(`header ${name} contains a line break`);
    headers[name] = value;
  }
  const node = new MailComposer({
    from: message.from,
    to: message.to,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    // A subject is one line; a headline with a newline in it must not start a new header.
    subject: message.subject.replace(/[\r\n]+/g, ' '),
    text: message.text,
    html: message.html,
    headers,
    date: opts.date ?? new Date(),
    messageId: message.messageId ?? opts.messageId ?? `<${randomUUID()}@${domainOf(message.from)}>`,
    newline: 'windows',
    // The bodies are strings we rendered; nothing should ever make the composer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  }).compile();
  return { raw: await node.build(), messageId: node.messageId() };
}

/** The sender's domain, for the right-hand side of a Message-ID. */
export function domainOf(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'despatch.invalid';
}
