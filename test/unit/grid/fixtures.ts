/** Configurations and items for the grid tests, built in code so each test says what it depends on. */
import { createHash } from 'node:crypto';
import { configSchema, type Config } from '../../../shared/platform/config/schema.js';
import { classifiedItemSchema, type ClassifiedItem } from '../../../shared/platform/model.js';
import { testConfig } from '../../support/config.js';

export const MAYOR = 'Sam Okafor';

/** The shared test configuration with the given grid section (raw, as YAML would give it) and priorities. */
export function gridConfig(grid: Record<string, unknown>, priorities?: { id: string; name: string; query?: string; hashtags?: string[] }[]): Config {
  const base = testConfig([{ id: 'paper', url: 'https://paper.example.co.uk/rss' }]);
  return configSchema.parse({
    ...base,
    ...(priorities ? { priorities: priorities.map((p) => ({ query: p.id, hashtags: [], ...p })) } : {}),
    grid,
  });
}

export interface ItemSpec {
  title: string;
  priority?: { id: string; name: string } | undefined;
  sensitive?: boolean;
  seenAt?: string;
  summary?: string;
  link?: string;
  kind?: string;
  details?: Record<string, string>;
  group?: string;
  sourceName?: string;
}

let counter = 0;

export function item(spec: ItemSpec): ClassifiedItem {
  counter++;
  const seenAt = spec.seenAt ?? '2026-11-25T09:00:00.000Z';
  return classifiedItemSchema.parse({
    id: createHash('md5').update(`${spec.title}#${counter}`).digest('hex'),
    sourceId: 'paper',
    sourceName: spec.sourceName ?? 'Hartwell Gazette',
    group: spec.group ?? 'press',
    title: spec.title,
    link: spec.link ?? `https://paper.example.co.uk/news/${counter}`,
    summary: spec.summary ?? '',
    categories: [],
    publishedAt: seenAt,
    seenAt,
    ...(spec.kind ? { kind: spec.kind } : {}),
    ...(spec.details ? { details: spec.details } : {}),
    priorities: spec.priority ? [{ ...spec.priority, query: spec.priority.id, spans: [] }] : [],
    sensitivity: spec.sensitive ? { sensitive: true, reasons: [`Mayor named ("${MAYOR}") with "resign"`], spans: [] } : { sensitive: false, reasons: [], spans: [] },
    classifiedAt: seenAt,
  });
}
