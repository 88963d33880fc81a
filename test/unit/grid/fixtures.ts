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
    groups: [...base.groups, { id: 'legislation', every: '1h' }],
    sensitivity: { ...base.sensitivity, cabinet: [{ name: 'Priya Lal', role: 'Cabinet Member for Housing', aliases: ['Cllr Lal'] }] },
    // A local paper and a national one (press), the council's own press office and meetings, and
    // official sources (GOV.UK, Parliament): the grid drafts from some and not others.
    sources: [
      ...base.sources,
      { id: 'london-daily', name: 'London Daily', kind: 'rss', url: 'https://daily.example.co.uk/rss', group: 'press', outlet: 'national' },
      {
        id: 'council-news',
        name: 'Hartwell Council press office',
        kind: 'rss',
        url: 'https://www.hartwell.example/news.rss',
        group: 'council',
        outlet: 'official',
      },
      {
        id: 'council-meetings',
        name: 'Hartwell Council meetings',
        kind: 'moderngov',
        url: 'https://democracy.hartwell.example/mgRss.aspx',
        group: 'council',
        outlet: 'official',
      },
      { id: 'govuk', name: 'GOV.UK housing', kind: 'atom', url: 'https://www.gov.uk/search/news.atom', group: 'press', outlet: 'official' },
      {
        id: 'parliament-bills',
        name: 'UK Parliament bills',
        kind: 'parliament-bills',
        url: 'https://bills-api.parliament.uk/api/v1/Bills',
        group: 'legislation',
        outlet: 'official',
      },
    ],
    ...(priorities ? { priorities: priorities.map((p) => ({ query: p.id, hashtags: [], ...p })) } : {}),
    grid,
  });
}

/** The source ids gridConfig sets up, by what they are. */
export const SOURCES = {
  press: 'paper',
  national: 'london-daily',
  council: 'council-news',
  meetings: 'council-meetings',
  govuk: 'govuk',
  bills: 'parliament-bills',
} as const;
const SOURCE_NAMES: Record<string, string> = {
  paper: 'Hartwell Gazette',
  'london-daily': 'London Daily',
  'council-news': 'Hartwell Council press office',
  'council-meetings': 'Hartwell Council meetings',
  govuk: 'GOV.UK housing',
  'parliament-bills': 'UK Parliament bills',
};
const SOURCE_GROUPS: Record<string, string> = { 'council-news': 'council', 'council-meetings': 'council', 'parliament-bills': 'legislation' };

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
  /** One of SOURCES; 'paper' (the local paper) when left out. */
  sourceId?: string;
  /** When the publisher says it was published; seenAt when left out. */
  publishedAt?: string;
  dateFlag?: 'missing' | 'future';
  /** A sensitivity level below the alert level leaves `sensitive` false. */
  level?: 'none' | 'watch' | 'high' | 'critical';
  reasons?: string[];
  id?: string;
}

let counter = 0;

export function item(spec: ItemSpec): ClassifiedItem {
  counter++;
  const seenAt = spec.seenAt ?? '2026-11-25T09:00:00.000Z';
  const sourceId = spec.sourceId ?? 'paper';
  const level = spec.level ?? (spec.sensitive ? 'high' : 'none');
  const reasons =
    spec.reasons ?? (spec.sensitive ? [`Mayor named ("${MAYOR}") with "resign"`] : level !== 'none' ? [`watch: "criticised" near a cabinet member`] : []);
  return classifiedItemSchema.parse({
    id: spec.id ?? createHash('md5').update(`${spec.title}#${counter}`).digest('hex'),
    sourceId,
    sourceName: spec.sourceName ?? SOURCE_NAMES[sourceId] ?? sourceId,
    group: spec.group ?? SOURCE_GROUPS[sourceId] ?? 'press',
    title: spec.title,
    link: spec.link ?? `https://paper.example.co.uk/news/${counter}`,
    summary: spec.summary ?? '',
    categories: [],
    publishedAt: spec.publishedAt ?? seenAt,
    seenAt,
    ...(spec.dateFlag ? { dateFlag: spec.dateFlag } : {}),
    ...(spec.kind ? { kind: spec.kind } : {}),
    ...(spec.details ? { details: spec.details } : {}),
    priorities: spec.priority ? [{ ...spec.priority, query: spec.priority.id, spans: [] }] : [],
    sensitivity: { sensitive: spec.sensitive ?? (level === 'high' || level === 'critical'), level, score: level === 'none' ? 0 : 2, reasons, spans: [] },
    classifiedAt: seenAt,
  });
}
