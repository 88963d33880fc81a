/** Values in the configuration that would reach the network, an email header or the terminal: refused at load. */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../../shared/platform/config/schema.js';
import { testConfig } from '../../../support/config.js';

const base = testConfig([{ id: 'paper', url: 'https://paper.example.co.uk/rss' }]);

/** The messages for a configuration changed from the test one, with their paths. */
function problems(change: (raw: Record<string, unknown>) => Record<string, unknown>): string[] {
  const result = configSchema.safeParse(change(structuredClone(base) as unknown as Record<string, unknown>));
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const withWebhook = (url: string) => (raw: Record<string, unknown>) => ({
  ...raw,
  alerts: { to: ['pa@hartwell.example'], routes: [{ level: 'critical', webhook: { url, kind: 'teams' } }] },
});

describe('config: webhook addresses', () => {
  it.each([
    ['http://hooks.slack.com/services/T/B/X', /must be an https URL/],
    ['https://169.254.169.254/latest/meta-data/', /is an IP address/],
    ['https://[fd00:ec2::254]/', /is an IP address/],
    ['https://[::ffff:169.254.169.254]/', /is an IP address/],
    ['https://10.0.0.5/hook', /is an IP address/],
    ['https://2130706433/hook', /is an IP address \(127\.0\.0\.1\)/],
    ['https://0x7f.1/hook', /is an IP address/],
    ['https://192.168.1.1/hook', /is an IP address/],
    ['https://localhost/hook', /a name on the local network/],
    ['https://metadata.google.internal/computeMetadata/v1/', /a name on the local network/],
    ['https://intranet/hook', /a name on the local network/],
    ['https://user:pw@hooks.slack.com/services/T/B/X', /user name or password/],
    ['http://169.254.169.254/', /must be an https URL/],
    ['http://localhost:4000/teams', /must be an https URL/],
  ])('refuses %s', (url, message) => {
    expect(problems(withWebhook(url))).toEqual([expect.stringMatching(message)]);
  });

  it.each(['https://hartwell.webhook.office.com/webhookb2/abc', 'https://hooks.slack.com/services/T/B/X', 'http://127.0.0.1:4123/webhook/teams'])(
    'accepts %s',
    (url) => {
      expect(problems(withWebhook(url))).toEqual([]);
    },
  );
});

describe('config: bounded numbers', () => {
  const withBody = (maxBodyBytes: number) => (raw: Record<string, unknown>) => ({ ...raw, network: { ...(raw.network as object), maxBodyBytes } });

  it('refuses a maxBodyBytes over 50 MB, saying the limit', () => {
    expect(problems(withBody(50 * 1024 * 1024 + 1))).toEqual([expect.stringMatching(/^network\.maxBodyBytes: must be at most 52428800 bytes \(50 MB\)/)]);
    expect(problems(withBody(Number.MAX_SAFE_INTEGER))).toHaveLength(1);
    expect(problems(withBody(50 * 1024 * 1024))).toEqual([]);
  });
});

describe('config: names and contact on one line', () => {
  it.each([
    [
      'contact with CR/LF',
      (raw: Record<string, unknown>) => ({ ...raw, network: { ...(raw.network as object), contact: 'ops@hartwell.example\r\nX-Injected: 1' } }),
      'network.contact',
    ],
    [
      'a council name with LF',
      (raw: Record<string, unknown>) => ({ ...raw, council: { name: 'Hartwell\nBcc: x@evil.example', short: 'Hartwell' } }),
      'council.name',
    ],
    ['a short name with NUL', (raw: Record<string, unknown>) => ({ ...raw, council: { name: 'Hartwell', short: 'Hart\u0000well' } }), 'council.short'],
    [
      'a mayor name with an escape sequence',
      (raw: Record<string, unknown>) => ({ ...raw, mayor: { name: 'Sam \u001b]52;c;aGk=\u0007Okafor', aliases: [] } }),
      'mayor.name',
    ],
    [
      'a source name with a line separator',
      (raw: Record<string, unknown>) => ({ ...raw, sources: [{ ...(raw.sources as object[])[0], name: 'Paper\u2028Subject: forged' }] }),
      'sources.0.name',
    ],
  ])('refuses %s, saying what to write', (_what, change, path) => {
    expect(problems(change)).toEqual([`${path}: must be on one line, without control characters (line breaks, tabs, NUL, escape): write it as plain text`]);
  });
});
