/**
 * The SQS batch processor every queue-consuming function uses: Powertools' partial-batch
 * processing, plus one thing it lacks: a failed record's reason is logged with its message id and
 * told to whoever listens. In AWS the log line is what an operator finds for a dead letter; on
 * one machine the local stack listens and keeps the reason beside the message in its queue journal,
 * so `despatch redrive --list` can say why each message failed.
 */
import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import type { FailureResponse } from '@aws-lambda-powertools/batch/types';
import type { SQSRecord } from 'aws-lambda';
import { logger } from './container.js';

export type RecordFailureListener = (messageId: string, reason: string) => void;

const listeners = new Set<RecordFailureListener>();

/** Hears every failed record of every function in this process; returns the way to stop hearing. */
export function onRecordFailure(listener: RecordFailureListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

class ReportingBatchProcessor extends BatchProcessor {
  override failureHandler(record: Parameters<BatchProcessor['failureHandler']>[0], error: Error): FailureResponse {
    const messageId = (record as SQSRecord).messageId;
    logger.error('record failed; it will be retried, then dead-lettered', { messageId, error });
    for (const listener of listeners) listener(messageId, error.message);
    return super.failureHandler(record, error);
  }
}

export function sqsBatchProcessor(): BatchProcessor {
  return new ReportingBatchProcessor(EventType.SQS);
}
