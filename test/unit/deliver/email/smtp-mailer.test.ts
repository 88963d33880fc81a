import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../../../shared/deliver/email/message.js';
import { alsoToOutbox } from '../../../../shared/adapters/local/outbox.js';
import { DeliveryError, withRetries } from '../../../../shared/deliver/email/retry.js';
import { createSmtpMailer, SmtpConfigError } from '../../../../shared/adapters/local/smtp.js';
import { headerValue, readMime } from './mime-helpers.js';
import { startSmtpServer, type TinySmtpServer } from './smtp-server.js';

const message: EmailMessage = {
  from: 'Despatch <despatch@hartwell.example>',
  to: ['pa@hartwell.example', 'comms@hartwell.example'],
  replyTo: 'pa@hartwell.example',
  subject: 'Political developments — Tue 24 Nov: 1 sensitive, 12 items',
  text: 'Plain words — £4m',
  html: '<p>HTML words — £4m</p>',
};

let smtp: TinySmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => smtp.close());
afterEach(() => {
  smtp.received.length = 0;
  smtp.dataReplies.length = 0;
});

const settings = () => ({ host: '127.0.0.1', port: smtp.port, secure: false });
const noWait = { attempts: 3, delaysMs: [0], sleep: async () => undefined };

describe('createSmtpMailer', () => {
  it('sends the composed message to exactly the configured recipients, both parts included', async () => {
    // Act
    const { messageId } = await createSmtpMailer(settings()).send(message);

    // Assess
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.from).toBe('despatch@hartwell.example');
    expect(mail.to).toEqual(['pa@hartwell.example', 'comms@hartwell.example']);
    const { headers, parts } = readMime(Buffer.from(mail.data, 'latin1'));
    expect(headerValue(headers, 'Message-ID')).toBe(messageId);
    expect(headerValue(headers, 'Reply-To')).toBe('pa@hartwell.example');
    expect(parts.map((p) => p.body)).toEqual(['Plain words — £4m', '<p>HTML words — £4m</p>']);
  });

  it('signs in with the password from the environment variable the configuration names', async () => {
    const mailer = createSmtpMailer({ ...settings(), user: 'despatch', passwordEnv: 'TEST_SMTP_PASSWORD' }, { env: { TEST_SMTP_PASSWORD: 's3cret' } });

    await mailer.send(message);

    expect(smtp.received[0]?.auth).toEqual({ user: 'despatch', pass: 's3cret' });
  });

  it('says which variable to set when the password is missing', () => {
    expect(() => createSmtpMailer({ ...settings(), user: 'despatch', passwordEnv: 'NOT_SET_ANYWHERE' }, { env: {} })).toThrow(SmtpConfigError);
    expect(() => createSmtpMailer({ ...settings(), user: 'despatch', passwordEnv: 'NOT_SET_ANYWHERE' }, { env: {} })).toThrow(
      'email.smtp.passwordEnv names NOT_SET_ANYWHERE, which is not set',
    );
  });

  it('tries again after a temporary refusal (4xx) and the message goes once', async () => {
    smtp.dataReplies.push('451 4.3.0 Try again later');
    const failures: unknown[] = [];

    await withRetries(createSmtpMailer(settings()), { policy: noWait, onFailure: (f) => failures.push(f) }).send(message);

    expect(smtp.received).toHaveLength(1);
    expect(failures).toHaveLength(0);
  });

  it("reports a permanent refusal (5xx) at once, with the recipient count and the server's reason", async () => {
    smtp.dataReplies.push('550 5.7.1 Relaying denied', '550 5.7.1 Relaying denied');
    const failures: { recipients: number; attempts: number; reason: string }[] = [];

    const sending = withRetries(createSmtpMailer(settings()), { policy: noWait, onFailure: (f) => failures.push(f) }).send(message);

    await expect(sending).rejects.toThrow(DeliveryError);
    await expect(sending).rejects.toThrow(
      /Could not send "Political developments — Tue 24 Nov: 1 sensitive, 12 items" to 2 recipients after 1 attempt: .*550 5\.7\.1 Relaying denied/,
    );
    expect(failures).toEqual([expect.objectContaining({ recipients: 2, attempts: 1 })]);
    expect(smtp.received).toHaveLength(0);
  });

  it('reports a server that cannot be reached after every attempt', async () => {
    const closed = await startSmtpServer();
    await closed.close();
    const failures: { attempts: number }[] = [];

    await expect(
      withRetries(createSmtpMailer({ host: '127.0.0.1', port: closed.port, secure: false }), { policy: noWait, onFailure: (f) => failures.push(f) }).send(
        message,
      ),
    ).rejects.toThrow(/after 3 attempts: .*ECONNREFUSED/);
    expect(failures).toEqual([expect.objectContaining({ attempts: 3 })]);
  });

  it('sends by SMTP alone, and keeps the outbox copy as a separate step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'despatch-smtp-'));
    try {
      const mailer = alsoToOutbox(createSmtpMailer(settings()), dir);
      await mailer.send(message);
      // Nothing in the outbox yet: the copy is written once the send is recorded, by keepCopy.
      expect(readdirSync(dir)).toEqual([]);
      const { location } = await mailer.keepCopy!(message);
      smtp.dataReplies.push('550 5.1.1 No such user');
      await expect(mailer.send(message)).rejects.toThrow(/550/);

      expect(location).toMatch(/\.eml$/);
      expect(readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
      expect(smtp.received).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
