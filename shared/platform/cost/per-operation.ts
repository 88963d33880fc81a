/**
 * What one operation of the pipeline costs in AWS units: Lambda milliseconds, DynamoDB read and
 * write units, SQS requests, log bytes. `npm run bench` measures these on the local stack and
 * writes bench/measured.json; `despatch cost` prefers that file and falls back to the figures
 * below, which are estimates until a benchmark has been run.
 */
import * as z from 'zod';

export const perOperationSchema = z.object({
  measuredAt: z.string(),
  /** Poller: milliseconds of function time per source polled (fetch, parse, normalise, state). */
  pollerMsPerSource: z.number(),
  pollerBaseMs: z.number(),
  /** Classifier milliseconds per item (tag, store, maybe queue an alert). */
  classifierMsPerItem: z.number(),
  alerterMsPerAlert: z.number(),
  briefingMs: z.number(),
  /** DynamoDB units. */
  writeUnitsPerNewItem: z.number(),
  readUnitsPerNewItem: z.number(),
  readUnitsPerSourcePoll: z.number(),
  /** Write units per source poll when the source changed (its state is rewritten). */
  writeUnitsPerChangedSourcePoll: z.number(),
  /** Bytes stored per item, including its index copy. */
  bytesPerItem: z.number(),
  /** Log bytes per invocation (Powertools JSON lines, INFO level). */
  logBytesPerInvocation: z.number(),
});
export type PerOperation = z.infer<typeof perOperationSchema>;

export const defaultPerOperation: PerOperation = {
  measuredAt: 'estimates, not measured: run "npm run bench" to measure on this machine',
  pollerMsPerSource: 6,
  pollerBaseMs: 150,
  classifierMsPerItem: 4,
  alerterMsPerAlert: 60,
  briefingMs: 400,
  writeUnitsPerNewItem: 3,
  readUnitsPerNewItem: 1,
  readUnitsPerSourcePoll: 0.5,
  writeUnitsPerChangedSourcePoll: 4,
  bytesPerItem: 3_000,
  logBytesPerInvocation: 1_200,
};
