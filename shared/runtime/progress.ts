/**
 * A process-local window onto the poller's progress, for the command line's progress bar. In Lambda
 * nobody listens and it costs nothing.
 */
import { EventEmitter } from 'node:events';
import type { SourcePollResult } from '../ingest/poller/poll-group.js';

interface ProgressEvents {
  source: [SourcePollResult];
}

export const pollProgress = new EventEmitter<ProgressEvents>();
