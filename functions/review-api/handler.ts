/** HTTP API (JWT authorizer) → review-api: the review page and its API, one shared function. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handleReviewRequest } from '../../shared/workspace/http-api.js';
import { pageAuth, webAssets } from '../../shared/runtime/web-assets.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ackSecret, alertActionStore, config, gridRules, gridStore, logger, metrics, store } from '../../shared/runtime/container.js';
import { lambdaHandler } from '../../shared/runtime/middleware.js';

async function review(event: unknown): Promise<APIGatewayProxyStructuredResultV2> {
  const response = await handleReviewRequest(event, {
    config: config('review-api'),
    grid: gridStore(),
    items: store(),
    now: () => new Date(),
    assets: webAssets,
    auth: pageAuth(),
    log: (message, fields) => logger.info(message, fields),
    ...(config('review-api').grid ? { rules: gridRules(config('review-api')) } : {}),
    alerts: { stories: store(), items: store(), briefings: store(), actions: alertActionStore() },
    ackSecret,
  });
  // Client errors and server errors, for the dashboard: a burst of 401s or any 5xx is worth a look.
  const status = response.statusCode ?? 200;
  metrics.addMetric(status >= 500 ? 'ApiServerErrors' : status >= 400 ? 'ApiClientErrors' : 'ApiRequestsOk', MetricUnit.Count, 1);
  return response;
}

export const handler = lambdaHandler(review);
