import { AuthorizationErrorException, InvalidParameterException, InvalidParameterValueException, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { PermanentSendError } from '../../deliver/email/message.js';

/** SNS errors about the request or the account itself: a retry in a second changes nothing. */
const PERMANENT = [InvalidParameterException, InvalidParameterValueException, AuthorizationErrorException];
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
      const out = await client
        .send(
          new PublishCommand({
            PhoneNumber: to,
            Message: text,
            MessageAttributes: {
              'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
              ...(opts.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: opts.senderId } } : {}),
            },
          }),
        )
        .catch((error: unknown) => {
          if (PERMANENT.some((type) => error instanceof type))
            throw new PermanentSendError(`SNS refused the text message to ${maskNumber(to)} (${(error as Error).name}): ${(error as Error).message}`, {
              cause: error,
            });
          throw error;
        });
      if (!out.MessageId) throw new SmsSendError(`SNS returned no MessageId for the text message to ${maskNumber(to)}`);
      return { messageId: out.MessageId };
    },
  };
}
