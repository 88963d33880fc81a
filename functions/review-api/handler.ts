/** HTTP API (JWT authorizer) → review-api: the review page and its API, one shared function. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handleReviewRequest } from '../../shared/workspace/http-api.js';
import { pageAuth, webAssets } from '../../shared/runtime/web-assets.js';
import { config, gridRules, gridStore, logger, store } from '../../shared/runtime/container.js';

async function review(event: unknown): Promise<APIGatewayProxyStructuredResultV2> {
  return handleReviewRequest(event, {
    config: config(),
    grid: gridStore(),
    items: store(),
    now: () => new Date(),
    assets: webAssets,
    auth: pageAuth(),
    log: (message, fields) => logger.info(message, fields),
    ...(config().grid ? { rules: gridRules() } : {}),
  });
}

export const handler = middy(review).use(injectLambdaContext(logger));
