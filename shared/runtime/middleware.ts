/**
 * The one middleware set every function runs with, written middleware-first: the Lambda context
 * (and so the request id) on every log line, and the function's metrics flushed as embedded-metric
 * log lines at the end of each invocation. Handlers add their correlation id (the item id) per log line.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { logger, metrics } from './container.js';

/** Wraps a use-case function as a Lambda handler with the shared middleware. */
export function lambdaHandler<TEvent, TResult>(fn: (event: TEvent, context: Context) => Promise<TResult>) {
  return middy<TEvent, TResult>().use(injectLambdaContext(logger)).use(logMetrics(metrics)).handler(fn);
}
