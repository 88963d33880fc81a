import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../shared/platform/config/load.js';
import { GRID_ENV, WEB_ASSETS_FILE } from '../../shared/runtime/web-assets.js';
import { repoRoot } from '../../infra/paths.js';
import type { DespatchStack } from '../../infra/stack.js';
import { arnOf, buildStack, functionLogicalId, logicalIdOf, removeOutdirs } from './support.js';

afterAll(removeOutdirs);

describe('Review page and API (HTTP API, Cognito)', () => {
  let stack: DespatchStack;
  let template: Template;

  beforeAll(() => {
    // Prepare / Act
    ({ stack } = buildStack({ config: loadConfigFile(join(repoRoot, 'config/example.yaml')) }));
    template = Template.fromStack(stack);
  });

  it('puts every /api route behind the Cognito JWT authorizer and leaves only the page files and the acknowledge link public', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: logicalIdOf(stack, stack.review.client) }], Issuer: Match.anyValue() },
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    for (const route of routes) {
      if (route.RouteKey.includes('/api/')) expect(route.AuthorizationType, route.RouteKey).toBe('JWT');
      else {
        expect(['GET /', 'GET /app.js', 'GET /style.css', 'GET /config.json', 'GET /ack/{token}', 'POST /ack/{token}']).toContain(route.RouteKey);
        expect([undefined, 'NONE'], route.RouteKey).toContain(route.AuthorizationType);
      }
    }
    expect(routes.filter((r) => r.RouteKey.includes('/api/'))).toHaveLength(3);
  });

  it('routes GET and POST /ack/{token} to the review-api function without the authorizer, the signature being the credential', () => {
    // Assess
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties as { RouteKey: string; AuthorizationType?: string; AuthorizerId?: unknown; Target: unknown },
    );
    const ack = routes.filter((r) => r.RouteKey.endsWith(' /ack/{token}'));
    expect(ack.map((r) => r.RouteKey).sort()).toEqual(['GET /ack/{token}', 'POST /ack/{token}']);
    const api = routes.find((r) => r.RouteKey.includes('/api/'));
    for (const route of ack) {
      expect(route.AuthorizerId, route.RouteKey).toBeUndefined();
      expect([undefined, 'NONE'], route.RouteKey).toContain(route.AuthorizationType);
      // The same Lambda integration as the API: one function checks the link.
      expect(route.Target).toEqual(api?.Target);
    }
    const integrations = Object.values(template.findResources('AWS::ApiGatewayV2::Integration'));
    expect(integrations).toHaveLength(1);
    expect(integrations[0]?.Properties.IntegrationUri).toEqual(arnOf(stack, stack.pipeline.functions['review-api'].fn));
  });

  it('has an invite-only user pool with MFA and the approvers, editors and readers groups', () => {
    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
    for (const group of ['approvers', 'editors', 'readers']) template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false, AllowedOAuthFlows: ['code'] });
  });

  it('tells the review-api function how the page signs in', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: stack.topology.functions['review-api'].description,
      Environment: {
        Variables: Match.objectLike({
          [GRID_ENV.cognitoClientId]: { Ref: logicalIdOf(stack, stack.review.client) },
          [GRID_ENV.cognitoDomain]: Match.anyValue(),
        }),
      },
    });
  });

  it('plans the grid weekly at the configured day and time, Europe/London', () => {
    // Assess: config/example.yaml plans on Thursdays at 10:00.
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 10 ? * THU *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike({ Arn: arnOf(stack, stack.pipeline.functions.planner.fn), Input: JSON.stringify({ v: 1 }) }),
    });
    expect(functionLogicalId(stack, 'planner')).toBeTruthy();
  });

  it('throttles and logs the API as structured JSON', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 }),
      AccessLogSettings: Match.objectLike({ Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') }),
    });
  });

  it('lets the page client sign in by SRP only, and users write no identity attribute', () => {
    // Assess
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]!;
    expect([...(client.Properties.ExplicitAuthFlows as string[])].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(client.Properties.WriteAttributes).toEqual(['locale']);
  });

  it('gives each public file and the acknowledge link its own smaller throttle, apart from the signed-in API', () => {
    // Assess
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const settings = stage.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    expect(Object.keys(settings).sort()).toEqual(['GET /', 'GET /ack/{token}', 'GET /app.js', 'GET /config.json', 'GET /style.css', 'POST /ack/{token}']);
    for (const s of Object.values(settings)) expect(s).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey as string);
    expect(routeKeys).toEqual(expect.arrayContaining(Object.keys(settings)));
  });
});

describe('Review page in the review-api bundle', () => {
  it("copies the page's files beside the bundled function", () => {
    // Prepare / Act: really bundle (stub handlers), as cdk synth does.
    const { stack, outdir } = buildStack({ bundle: true, nag: false });
    const template = Template.fromStack(stack);
    // Assess
    const code = template.toJSON().Resources[functionLogicalId(stack, 'review-api')].Properties.Code as { S3Key: string };
    const dir = join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
    expect(existsSync(join(dir, WEB_ASSETS_FILE))).toBe(true);
  }, 180_000);
});
