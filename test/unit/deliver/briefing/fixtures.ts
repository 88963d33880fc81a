/**
 * Test items for the briefing and alert renderers: valid against classifiedItemSchema (the
 * factory parses what it builds), with spans computed from the text so offsets are right.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../../../shared/platform/config/schema.js';
import {
  classifiedItemSchema,
  type ClassifiedItem,
  type ItemDetails,
  type ItemKind,
  type MatchSpan,
  type PriorityTag,
} from '../../../../shared/platform/model.js';

export const testConfig: Pick<Config, 'council' | 'mayor' | 'priorities'> = {
  council: { name: 'London Borough of Exampleton', short: 'Exampleton' },
  mayor: { name: 'Alex Example', aliases: ['Mayor of Exampleton', 'Mayor Example'] },
  priorities: [
    { id: 'housing', name: 'Housing', query: 'housing OR homes', hashtags: [] },
    { id: 'air-quality', name: 'Air quality', query: '"air quality" OR ULEZ', hashtags: [] },
    { id: 'youth', name: 'Young people', query: 'youth OR "young people"', hashtags: [] },
  ],
};

let counter = 0;

export interface ItemOptions {
  title?: string;
  summary?: string;
  link?: string;
  sourceName?: string;
  publishedAt?: string;
  seenAt?: string;
  dateFlag?: 'missing' | 'future';
  /** Priority ids; each gets the spans of the given words found in title or summary. */
  priorities?: string[];
  priorityWords?: string[];
  sensitive?: boolean;
  reasons?: string[];
  sensitiveWords?: string[];
  id?: string;
  /** Defaults to a slug of the outlet name, so two outlets are two sources. */
  sourceId?: string;
  kind?: ItemKind;
  details?: ItemDetails;
  /** The story the item belongs to; items of one story share it. */
  clusterId?: string;
  /** Defaults to high when sensitive, none otherwise. */
  level?: 'none' | 'watch' | 'high' | 'critical';
  score?: number;
}

export function makeItem(o: ItemOptions = {}): ClassifiedItem {
  counter += 1;
  const title = o.title ?? `Council update number ${counter}`;
  const summary = o.summary ?? `A short summary of update ${counter} for the test.`;
  const publishedAt = o.publishedAt ?? '2026-11-23T18:05:00.000Z';
  const priorities: PriorityTag[] = (o.priorities ?? []).map((id) => {
    const config = testConfig.priorities.find((p) => p.id === id);
    return {
      id,
      name: config?.name ?? id,
      query: config?.query ?? id,
      spans: spansOf(title, summary, o.priorityWords ?? []),
    };
  });
  const sourceName = o.sourceName ?? 'Exampleton Echo';
  const level = o.level ?? (o.sensitive ? 'high' : 'none');
  return classifiedItemSchema.parse({
    id: o.id ?? createHash('md5').update(`item-${counter}`).digest('hex'),
    sourceId:
      o.sourceId ??
      (sourceName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') ||
        'source'),
    sourceName,
    group: 'press',
    title,
    link: o.link ?? `https://news.example.co.uk/story/${counter}?ref=rss&utm_source=feed`,
    summary,
    categories: [],
    publishedAt,
    seenAt: o.seenAt ?? publishedAt,
    ...(o.dateFlag ? { dateFlag: o.dateFlag } : {}),
    kind: o.kind ?? 'article',
    ...(o.details ? { details: o.details } : {}),
    ...(o.clusterId ? { clusterId: o.clusterId } : {}),
    priorities,
    sensitivity: {
      sensitive: o.sensitive ?? (level === 'high' || level === 'critical'),
      level,
      score: o.score ?? { none: 0, watch: 1, high: 4, critical: 9 }[level],
      reasons: o.reasons ?? (o.sensitive ? ['Mayor named with "resign*"'] : []),
      spans: spansOf(title, summary, o.sensitiveWords ?? []),
    },
    classifiedAt: o.seenAt ?? publishedAt,
  });
}

/** Every occurrence of each word in title and summary, as the classifier would record it. */
export function spansOf(title: string, summary: string, words: readonly string[]): MatchSpan[] {
  const spans: MatchSpan[] = [];
  for (const [field, text] of [
    ['title', title],
    ['summary', summary],
  ] as const) {
    for (const word of words) {
      let at = text.toLowerCase().indexOf(word.toLowerCase());
      while (at >= 0) {
        spans.push({ field, start: at, end: at + word.length, text: text.slice(at, at + word.length) });
        at = text.toLowerCase().indexOf(word.toLowerCase(), at + word.length);
      }
    }
  }
  return spans;
}

/** Minutes after a base time, as ISO, for ordering tests. */
export function at(base: string, minutes: number): string {
  return new Date(new Date(base).getTime() + minutes * 60_000).toISOString();
}
