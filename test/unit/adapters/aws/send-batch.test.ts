import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { chunkForSqs, MAX_BYTES_PER_CALL, MessageTooLargeError, sendMessages } from '../../../../shared/adapters/aws/sqs-send-batch.js';

const message = (key: string, bytes = 10) => ({ key, body: 'x'.repeat(bytes) });

describe('chunkForSqs', () => {
  it('puts at most 10 messages in a call', () => {
    const chunks = chunkForSqs(Array.from({ length: 23 }, (_, i) => message(String(i))));
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 3]);
  });

  it('keeps each call within 256 KiB', () => {
    const chunks = chunkForSqs(Array.from({ length: 5 }, (_, i) => message(String(i), 100_000)));
    expect(chunks.map((c) => c.length)).toEqual([2, 2, 1]);
    for (const chunk of chunks) expect(chunk.reduce((n, m) => n + m.body.length, 0)).toBeLessThanOrEqual(MAX_BYTES_PER_CALL);
  });

  it('refuses a single message larger than SQS accepts', () => {
    expect(() => chunkForSqs([message('big', MAX_BYTES_PER_CALL + 1)])).toThrow(MessageTooLargeError);
  });
});

describe('sendMessages', () => {
  it('retries entries SQS failed for its own reasons once, and reports sender faults as failed', async () => {
    // Prepare
    const sqs = mockClient(SQSClient);
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [{ Id: '0', MessageId: 'm0', MD5OfMessageBody: '' }],
        Failed: [
          { Id: '1', SenderFault: false, Code: 'InternalError' },
          { Id: '2', SenderFault: true, Code: 'InvalidMessageContents', Message: 'bad char' },
        ],
      })
      .resolvesOnce({ Successful: [{ Id: '0', MessageId: 'm1', MD5OfMessageBody: '' }], Failed: [] });
    // Act
    const result = await sendMessages(new SQSClient({ region: 'eu-west-2' }), 'https://q', [message('a'), message('b'), message('c')]);
    // Assess
    expect(result.sent.sort()).toEqual(['a', 'b']);
    expect(result.failed).toEqual([{ key: 'c', reason: 'InvalidMessageContents: bad char' }]);
    expect(sqs.commandCalls(SendMessageBatchCommand)[1]?.args[0].input.Entries).toHaveLength(1);
    sqs.restore();
  });
});

describe('sendMessages with a message SQS can never take', () => {
  it('reports that one as failed and sends the rest', async () => {
    const sqs = mockClient(SQSClient);
    sqs
      .on(SendMessageBatchCommand)
      .callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `m${e.Id}` })) }));
    const result = await sendMessages(new SQSClient({ region: 'eu-west-2' }), 'https://sqs/q', [
      message('a'),
      message('big', MAX_BYTES_PER_CALL + 1),
      message('b'),
    ]);
    expect(result.sent).toEqual(['a', 'b']);
    expect(result.failed).toEqual([{ key: 'big', reason: expect.stringMatching(/more than SQS accepts/) }]);
    sqs.restore();
  });
});
