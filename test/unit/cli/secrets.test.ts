import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { secretsCommand } from '../../../cli/commands/secrets.js';

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
    - { id: on-call, level: critical, webhook: { url: "https://hooks.slack.com/services/T/B/Secret42", kind: slack }, sms: ["+447700900987"] }
`;

const ssm = mockClient(SSMClient);
afterEach(() => {
  ssm.reset();
  vi.restoreAllMocks();
});

describe('despatch secrets push', () => {
  it('writes each webhook and route numbers as a SecureString under the stack prefix, printing names only', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'despatch-secrets-')), 'config.yaml');
    writeFileSync(file, YAML);
    ssm.on(PutParameterCommand).resolves({ Version: 1 });
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const code = await secretsCommand(['push', '--config', file, '--stack', 'Despatch-Test'], new SSMClient({ region: 'eu-west-2' }));
    expect(code).toBe(0);
    expect(ssm.commandCalls(PutParameterCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({
        Name: '/despatch/Despatch-Test/alerts/on-call/webhook',
        Value: 'https://hooks.slack.com/services/T/B/Secret42',
        Type: 'SecureString',
        Overwrite: true,
      }),
      expect.objectContaining({ Name: '/despatch/Despatch-Test/alerts/on-call/sms', Value: '+447700900987', Type: 'SecureString', Overwrite: true }),
    ]);
    expect(lines.join('\n')).not.toContain('Secret42');
    expect(lines.join('\n')).not.toContain('447700900987');
  });

  it('needs the push subcommand', async () => {
    await expect(secretsCommand(['pull'])).rejects.toThrow(/push/);
  });
});
