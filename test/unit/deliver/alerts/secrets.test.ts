import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../shared/platform/config/load.js';
import { createSsmSecrets } from '../../../../shared/adapters/aws/ssm-secrets.js';
import {
  extractAlertSecrets,
  parameterValue,
  sealAlertSecrets,
  secretParameters,
  SecretsError,
  unsealAlertSecrets,
} from '../../../../shared/deliver/alerts/secrets.js';

const WEBHOOK = 'https://hooks.slack.com/services/T000/B000/SecretToken42';
const YAML = `
council: { name: Test Borough Council, short: Testborough }
mayor: { name: Pat Example }
priorities: [{ id: housing, name: Housing, query: '"council homes"' }]
sensitivity: { triggers: [inquiry] }
groups: [{ id: press, every: 10m }]
sources: [{ id: paper, name: Paper, kind: rss, url: "https://paper.example.co.uk/rss", group: press }]
briefing: { to: [office@testborough.gov.uk], from: despatch@testborough.gov.uk }
alerts:
  to: [office@testborough.gov.uk]
  routes:
    - { id: on-call, level: critical, webhook: { url: "${WEBHOOK}", kind: slack }, sms: ["+447700900987", "+447700900988"] }
    - { level: high, email: [press@testborough.gov.uk] }
`;
const config = parseConfig(YAML, 'test.yaml');
const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());

describe('alert secrets', () => {
  it('seals the webhook and numbers out, and the sealed configuration still validates', () => {
    const sealed = sealAlertSecrets(config);
    const text = JSON.stringify(sealed);
    expect(text).not.toContain('SecretToken42');
    expect(text).not.toContain('447700900987');
    expect(parseConfig(text, 'bundled').alerts.routes[0]?.sealed).toEqual({ webhook: 'slack', sms: true });
    expect(secretParameters(sealed).map((p) => p.name)).toEqual(['on-call/webhook', 'on-call/sms']);
  });

  it('puts them back as they were', () => {
    expect(unsealAlertSecrets(sealAlertSecrets(config), extractAlertSecrets(config))).toEqual(config);
  });

  it('refuses to alert a sealed route whose secret is missing', () => {
    expect(() => unsealAlertSecrets(sealAlertSecrets(config), {})).toThrow(SecretsError);
    expect(() => unsealAlertSecrets(sealAlertSecrets(config), {})).toThrow(/on-call.*webhook/);
  });

  it('reads them from Parameter Store, decrypted, and unseals the configuration', async () => {
    const secrets = extractAlertSecrets(config);
    const params = secretParameters(config);
    ssm.on(GetParametersCommand).resolves({
      Parameters: params.map((p) => ({ Name: `/despatch/Despatch/alerts/${p.name}`, Value: parameterValue(secrets, p), Type: 'SecureString' })),
      InvalidParameters: [],
    });
    const sealed = sealAlertSecrets(config);
    const loaded = await createSsmSecrets(new SSMClient({ region: 'eu-west-2' }), '/despatch/Despatch/alerts').load(secretParameters(sealed));
    expect(unsealAlertSecrets(sealed, loaded)).toEqual(config);
    const call = ssm.commandCalls(GetParametersCommand)[0]?.args[0].input;
    expect(call).toEqual({ Names: ['/despatch/Despatch/alerts/on-call/webhook', '/despatch/Despatch/alerts/on-call/sms'], WithDecryption: true });
  });

  it('names a missing parameter, and rejects a bad value without echoing it', async () => {
    const port = createSsmSecrets(new SSMClient({ region: 'eu-west-2' }), '/p');
    const wanted = secretParameters(config);
    ssm.on(GetParametersCommand).resolves({ Parameters: [], InvalidParameters: ['/p/on-call/sms'] });
    await expect(port.load(wanted)).rejects.toThrow(/\/p\/on-call\/sms/);
    ssm.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: '/p/on-call/webhook', Value: 'javascript:alert(1)' },
        { Name: '/p/on-call/sms', Value: '07700 900987' },
      ],
    });
    const error = await port.load(wanted).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretsError);
    expect(String(error)).toContain('/p/on-call/webhook');
    expect(String(error)).not.toContain('javascript');
  });
});
