import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { SmsSendError, type SmsSender } from '../../deliver/ports.js';
import { maskNumber } from '../../deliver/alerts/redact.js';

/**
 * SNS Publish straight to a phone number, as a transactional message (delivered ahead of
 * promotional ones, and not subject to their opt-out lists). The sender id shows where the network
 * supports one; UK networks do.
 */
export function createSnsSmsSender(client: SNSClient, opts: { senderId?: string } = {}): SmsSender {
  return {
    async send(to, text) {
      const out = await client.send(
        new PublishCommand({
          PhoneNumber: to,
          Message: text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(opts.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: opts.senderId } } : {}),
          },
        }),
      );
      if (!out.MessageId) throw new SmsSendError(`SNS returned no MessageId for the text message to ${maskNumber(to)}`);
      return { messageId: out.MessageId };
    },
  };
}
