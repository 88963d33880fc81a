/**
 * What alert routes and quiet hours add to the CDK app: SNS text messages for the alerter only when
 * a route texts someone (and never to a topic), and the end-of-quiet-hours schedule invoking the
 * alerter in Europe/London; cdk-nag still finds nothing unacknowledged.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { nagPacks } from '../../../../infra/nag.js';
import { actionsOf, buildStack, functionLogicalId, removeOutdirs, roleStatements, TEST_CONFIG_YAML, testConfig } from '../../../infra/support.js';

afterAll(removeOutdirs);

const ROUTED = TEST_CONFIG_YAML.replace(
  '  from: alerts@press-office.testborough.org.uk\n',
  `  from: alerts@press-office.testborough.org.uk
  quietHours: { from: "22:00", to: "07:00" }
  routes:
    - { level: critical, email: [head@testborough.gov.uk], webhook: { url: "https://teams.example/webhook", kind: teams }, sms: ["+447700900123"] }
`,
);

describe('alert routes in the CDK app', () => {
  it('lets the alerter text phone numbers through SNS, and publish to no topic, only when a route has sms', () => {
    const routed = buildStack({ config: testConfig(ROUTED), nag: false });
    const plain = buildStack({ config: testConfig(), nag: false });

    const sms = roleStatements(Template.fromStack(routed.stack), routed.stack, 'alerter').filter((s) => actionsOf(s).includes('sns:Publish'));
    expect(sms).toEqual([expect.objectContaining({ Effect: 'Allow', Action: 'sns:Publish', NotResource: 'arn:aws:sns:*:*:*' })]);
    for (const id of ['poller', 'classifier', 'briefing'] as const) {
      expect(roleStatements(Template.fromStack(routed.stack), routed.stack, id).filter((s) => actionsOf(s).includes('sns:Publish'))).toEqual([]);
    }
    expect(roleStatements(Template.fromStack(plain.stack), plain.stack, 'alerter').filter((s) => actionsOf(s).includes('sns:Publish'))).toEqual([]);
  });

  it('invokes the alerter at the end of quiet hours, every day, on London time, with the release input', () => {
    const { stack } = buildStack({ config: testConfig(ROUTED), nag: false });

    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 ? * SUN-SAT *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [functionLogicalId(stack, 'alerter'), 'Arn'] },
        Input: JSON.stringify({ v: 1, kind: 'release-held' }),
      }),
    });
  });

  it('passes cdk-nag with routes and quiet hours', () => {
    const { app } = buildStack({ config: testConfig(ROUTED), sesConfigurationSet: 'despatch-events' });

    expect(() => app.synth()).not.toThrow();
    const findings = nagPacks().flatMap((pack) =>
      pack.validateScope(app).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
    );
    expect(findings).toEqual([]);
  });
});
