/** A configuration for tests, built in code so each test says what it depends on. */
import type { Config } from '../../shared/platform/config/schema.js';
import { configSchema } from '../../shared/platform/config/schema.js';

export function testConfig(sources: { id: string; url: string; kind?: 'rss' | 'atom'; group?: string }[], overrides: Partial<Config> = {}): Config {
  return configSchema.parse({
    council: { name: 'London Borough of Hartwell', short: 'Hartwell' },
    mayor: { name: 'Sam Okafor', aliases: ['Mayor of Hartwell', 'Hartwell Mayor'] },
    priorities: [
      { id: 'housing', name: 'Housing', query: '"council homes" OR homeless* OR "temporary accommodation"' },
      { id: 'transport', name: 'Transport', query: '"bus route*" OR TfL OR (road AND safety)' },
    ],
    sensitivity: { triggers: ['investigation', 'resign*', 'criticised', '"calls for"', 'ombudsman'] },
    groups: [
      { id: 'press', every: '10m' },
      { id: 'council', every: '1h' },
    ],
    sources: sources.map((s) => ({ id: s.id, name: s.id.replace(/-/g, ' '), kind: s.kind ?? 'rss', url: s.url, group: s.group ?? 'press' })),
    briefing: { to: ['pa@hartwell.example'], from: 'despatch@hartwell.example' },
    alerts: { to: ['pa@hartwell.example'] },
    network: { allowPrivateHosts: true, contact: 'tests@hartwell.example', timeoutSeconds: 5 },
    ...overrides,
  });
}

export function rss(items: { guid: string; title: string; description?: string; link?: string }[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link ?? `https://news.example/${i.guid}`}</link><guid isPermaLink="false">${i.guid}</guid>` +
        `<pubDate>${new Date(Date.now() - 3_600_000).toUTCString()}</pubDate><description>${i.description ?? ''}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test feed</title><link>https://news.example/</link><description>t</description>${body}</channel></rss>`;
}
