/**
 * The review page in AWS: an API Gateway HTTP API in front of the review-api function, which serves
 * both the page (a few public files, no data) and its API (behind a Cognito JWT authorizer). A
 * Cognito user pool holds the office's accounts, invited by an administrator (no self sign-up),
 * with MFA, and three groups: "approvers" (may approve posts), "editors" and "readers" (read only). The page signs in through
 * Cognito's hosted sign-in (authorization code with PKCE, no client secret).
 *
 * Serving the page from the function rather than S3 + CloudFront is the cheaper simple option for
 * a page a handful of people open: no bucket, distribution or origin access to run.
 *
 *   browser ─► HTTP API ─┬─ GET / /app.js /style.css /config.json ─► review-api (public files)
 *                        ├─ GET|POST /ack/{token} ─ no authorizer ──► review-api (signed link)
 *                        └─ /api/* ─ JWT authorizer (Cognito) ──────► review-api ─► DynamoDB
 *
 * The acknowledge link in an alert email (shared/workspace/ack-link.ts) is opened from a phone's
 * mail app, signed in or not: its HMAC signature, expiry and single use are the credential, so its
 * route has no authorizer. It can record one acknowledgement of one alert and nothing else.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  ClientAttributes,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  OAuthScope,
  UserPool,
  UserPoolClient,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GRID_ENV, WEB_ASSETS_FILE } from '../shared/runtime/web-assets.js';
import { ROLE_GROUPS } from '../shared/platform/config/roles.js';
import type { DespatchFunction } from './despatch-function.js';
import { buildWebAssets } from './local/web-assets.js';

let pageFile: string | undefined;

/** The review page's files, built once per synth into one JSON file that is copied into the review-api bundle. */
export function reviewPageFiles(): Record<string, string> {
  if (!pageFile) {
    pageFile = join(mkdtempSync(join(tmpdir(), 'despatch-web-')), WEB_ASSETS_FILE);
    writeFileSync(pageFile, JSON.stringify(buildWebAssets()));
  }
  return { [WEB_ASSETS_FILE]: pageFile };
}

export interface ReviewProps {
  /** The review-api function, from the pipeline. */
  readonly fn: DespatchFunction;
  /**
   * Prefix of the Cognito hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`);
   * unique in the region.
   * @default "despatch-review-<account id>"
   */
  readonly domainPrefix?: string;
  /**
   * Requests per second the API accepts, steady and in a burst; a handful of people use it.
   * @default 20 per second, bursts of 40
   */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Requests per second each public file of the page (/, /app.js, /style.css, /config.json) and
   * the acknowledge link (GET and POST /ack/{token}) accepts, apart from the API's own limit: a
   * page load asks for each file once, and an acknowledgement is two requests.
   * @default 5 per second, bursts of 10
   */
  readonly staticThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
}

/** The acknowledge link's route (shared/workspace/http-api.ts): GET shows the confirm page, POST records it. */
export const ACK_ROUTE_PATH = '/ack/{token}';

export class Review extends Construct {
  readonly api: HttpApi;
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly url: string;

  constructor(scope: Construct, id: string, props: ReviewProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.userPool = new UserPool(this, 'Users', {
      userPoolName: `${stack.stackName}-review`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection (risky sign-ins, compromised passwords) needs the Plus plan, billed per
      // active user: pennies a month for an office of a few people.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [name, description] of [
      [ROLE_GROUPS.approver, 'May approve posts, and send them back for changes'],
      [ROLE_GROUPS.editor, 'May read, edit, comment on, submit and plan posts; cannot approve'],
      [ROLE_GROUPS.reader, 'May read the workspace and the grid; cannot change anything'],
    ] as const) {
      new CfnUserPoolGroup(this, `Group-${name}`, { userPoolId: this.userPool.userPoolId, groupName: name, description });
    }

    const domain = new UserPoolDomain(this, 'Domain', {
      userPool: this.userPool,
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `despatch-review-${Aws.ACCOUNT_ID}` },
    });

    this.api = new HttpApi(this, 'Api', {
      apiName: `${stack.stackName}-review`,
      description: 'Despatch: the social media grid review page and its API',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    const throttle = props.throttle ?? { rateLimit: 20, burstLimit: 40 };
    const stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            user: '$context.authorizer.claims.email',
            latencyMs: '$context.responseLatency',
            error: '$context.error.message',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    this.url = `https://${this.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;

    this.client = this.userPool.addClient('PageClient', {
      userPoolClientName: 'review-page',
      generateSecret: false,
      // Sign-in through the hosted page only (SRP, and refresh): no password sent in the clear, no
      // admin or custom flows.
      authFlows: { userSrp: true },
      // Users may change nothing that identifies them (email is what others see in the history):
      // locale alone is writable, since Cognito writes every attribute when the list is empty.
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${this.url}/`],
        logoutUrls: [`${this.url}/`],
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    props.fn.fn.addEnvironment(GRID_ENV.cognitoDomain, domain.baseUrl());
    props.fn.fn.addEnvironment(GRID_ENV.cognitoClientId, this.client.userPoolClientId);

    const integration = new HttpLambdaIntegration('ReviewApi', props.fn.fn);
    const authorizer = new HttpUserPoolAuthorizer('Cognito', this.userPool, { userPoolClients: [this.client] });
    this.api.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH], integration, authorizer });

    // The page's own files are public: they hold no data, and the page must load to sign in.
    const publicPaths = ['/', '/app.js', '/style.css', '/config.json'];
    const publicRoutes: HttpRoute[] = publicPaths.flatMap((path) => this.api.addRoutes({ path, methods: [HttpMethod.GET], integration }));
    // The signature is the credential: a Cognito token is never asked for, so the link works from
    // any mail app. An unsigned, expired or used token gets 403/410 from the function.
    const ackRoutes = this.api.addRoutes({ path: ACK_ROUTE_PATH, methods: [HttpMethod.GET, HttpMethod.POST], integration });
    // Each public file and the acknowledge link have their own, smaller throttle, so anonymous
    // requests for them (anyone can send those) cannot use up what the signed-in API is allowed.
    const staticThrottle = props.staticThrottle ?? { rateLimit: 5, burstLimit: 10 };
    const cfnStage = stage.node.defaultChild as CfnStage;
    const anonymousRouteKeys = [...publicPaths.map((path) => `GET ${path}`), `GET ${ACK_ROUTE_PATH}`, `POST ${ACK_ROUTE_PATH}`];
    // RouteSettings is untyped JSON in CloudFormation's own spelling.
    cfnStage.routeSettings = Object.fromEntries(
      anonymousRouteKeys.map((key) => [key, { ThrottlingRateLimit: staticThrottle.rateLimit, ThrottlingBurstLimit: staticThrottle.burstLimit }]),
    );
    for (const route of [...publicRoutes, ...ackRoutes]) stage.node.addDependency(route);
    for (const route of ackRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          "The alert email's acknowledge link: its HMAC-SHA-256 signature, 72-hour expiry and single use (checked by the function) are the credential, so it works from a mail app without signing in. It can only acknowledge the one alert it names.",
      });
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-COG4',
        reason: 'The signed acknowledge link from an alert email, checked by the function (signature, expiry, single use) rather than by Cognito.',
      });
    }
    for (const route of publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          "The review page's static files (HTML, script, style, sign-in settings) hold no data and must load before sign-in; every /api route has the Cognito JWT authorizer.",
      });
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-COG4',
        reason:
          'A public static file of the review page, served without sign-in so the page can start the Cognito sign-in; /api routes use the Cognito authorizer.',
      });
    }
    Validations.of(props.fn.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked synchronously by API Gateway for each page request: the caller sees any failure at once; a DLQ only applies to asynchronous invocations.',
    });

    new CfnOutput(stack, 'ReviewPageUrl', { value: `${this.url}/`, description: 'The social media grid review page' });
    new CfnOutput(stack, 'ReviewUserPoolId', {
      value: this.userPool.userPoolId,
      description: "Add the office's accounts here, in the approvers, editors or readers group",
    });
  }
}
