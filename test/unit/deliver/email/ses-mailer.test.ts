import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../../../shared/deliver/email/message.js';
import { createSesMailer, EmailSendError } from '../../../../shared/adapters/aws/ses.js';
import { PermanentSendError } from '../../../../shared/deliver/email/message.js';
import { headerValue, readMime } from './mime-helpers.js';

const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());

const message: EmailMessage = {
  from: 'Despatch <despatch@exampleton.gov.uk>',
  to: ['mayors.office@exampleton.gov.uk'],
  replyTo: 'pa@exampleton.gov.uk',
  subject: 'Sensitive: Mayor faces £4m question — Exampleton Echo',
  text: 'Plain words — £4m',
  html: '<p>HTML words — £4m</p>',
};

const client = () => new SESv2Client({ region: 'eu-west-2' });

describe('createSesMailer', () => {
  it('sends the raw MIME, both parts included, to the configured recipients', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: '0102019-ses-id' });

    // Act
    const result = await createSesMailer(client()).send(message);

    // Assess
    // SES writes its own Message-ID from its id and the region: the one a follow-up must reply to.
    expect(result).toEqual({ messageId: '0102019-ses-id', headerMessageId: '<0102019-ses-id@eu-west-2.amazonses.com>' });
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input.Destination).toEqual({ ToAddresses: ['mayors.office@exampleton.gov.uk'] });
    expect(input.ConfigurationSetName).toBeUndefined();
    expect(input.Content?.Simple).toBeUndefined();
    const data = input.Content?.Raw?.Data;
    expect(data).toBeInstanceOf(Uint8Array);
    const { headers, parts } = readMime(data!);
    expect(headerValue(headers, 'Subject')).toBe(message.subject);
    expect(headerValue(headers, 'Reply-To')).toBe('pa@exampleton.gov.uk');
    expect(parts.map((p) => /text\/(plain|html)/.exec(p.headers)?.[1])).toEqual(['plain', 'html']);
    expect(parts[0]!.body).toBe('Plain words — £4m');
    expect(parts[1]!.body).toBe('<p>HTML words — £4m</p>');
  });

  it('names the configuration set when one is given', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'id-2' });

    await createSesMailer(client(), { configurationSetName: 'despatch-events' }).send(message);

    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.ConfigurationSetName).toBe('despatch-events');
  });

  it('turns an SES refusal of the message into a permanent failure (not retried in a second), with the SES error as its cause', async () => {
    const refusal = new MessageRejected({ message: 'Email address is not verified.', $metadata: {} });
    ses.on(SendEmailCommand).rejects(refusal);

    const error = await createSesMailer(client())
      .send(message)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as Error).cause).toBe(refusal);
    expect((error as Error).message).toContain('Email address is not verified.');
  });

  it('lets a passing SES error (throttling) through unchanged, to be retried', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
    ses.on(SendEmailCommand).rejects(throttled);

    const error = await createSesMailer(client())
      .send(message)
      .catch((e: unknown) => e);
    expect(error).toBe(throttled);
    expect(error).not.toBeInstanceOf(PermanentSendError);
  });

  it('treats a response without a MessageId as a failure', async () => {
    ses.on(SendEmailCommand).resolves({});

    await expect(createSesMailer(client()).send(message)).rejects.toThrow(EmailSendError);
  });
});
