/**
 * Items without a guid are identified by their canonical link alone: tracking parameters, their
 * order, the fragment and the date never make a new item; a parameter that changes the page does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { canonicalUrl, normaliseEntries } from '../../../../shared/ingest/feeds/normalise.js';
import type { FeedEntry } from '../../../../shared/ingest/feeds/parse.js';

const source: SourceConfig = { id: 'local-paper', name: 'Local paper', kind: 'rss', url: 'https://paper.example/rss', group: 'press', outlet: 'local' };
const ctx = { source, baseUrl: 'https://paper.example/rss', now: new Date('2026-11-23T07:00:00.000Z') };

function normalise(entry: Partial<FeedEntry>) {
  const [item] = normaliseEntries({ entries: [{ categories: [], title: 'Mayor opens library', ...entry }] }, ctx);
  if (!item) throw new Error('no item');
  return item;
}

/** Tracking parameters as publishers and platforms add them; none changes what page is served. */
const TRACKING: [string, fc.Arbitrary<string>][] = [
  ...['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'UTM_Source', 'utm_id'].map((k): [string, fc.Arbitrary<string>] => [
    k,
    fc.string(),
  ]),
  ...[
    'ref',
    'ref_src',
    'ref_url',
    'fbclid',
    'gclid',
    'dclid',
    'gbraid',
    'wbraid',
    'msclkid',
    'mc_cid',
    'mc_eid',
    '_ga',
    '_gl',
    'igshid',
    'yclid',
    'twclid',
    's_kwcid',
    'cmpid',
    'ito',
    'at_medium',
    'at_campaign',
    'ocid',
    '__twitter_impression',
    'CMP',
    'ns_source',
  ].map((k): [string, fc.Arbitrary<string>] => [k, fc.string()]),
  ['amp', fc.constantFrom('', '1', 'true')],
  ['outputType', fc.constant('amp')],
];

const trackingPair = fc.oneof(...TRACKING.map(([key, value]) => value.map((v) => `${key}=${encodeURIComponent(v)}`)));
/** Keys no tracker uses: two letters then a digit, so they can never collide with the list above. */
const pageKey = fc.stringMatching(/^[a-z]{2}[0-9]$/);
const pagePair = fc.tuple(pageKey, fc.stringMatching(/^[A-Za-z0-9]{1,8}$/)).map(([k, v]) => `${k}=${v}`);
const path = fc.array(fc.stringMatching(/^[a-z0-9-]{1,10}$/), { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const date = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-11-23T06:00:00Z'), noInvalidDate: true }).map((d) => d.toUTCString());

const withQuery = (base: string, pairs: readonly string[]) => (pairs.length > 0 ? `${base}?${pairs.join('&')}` : base);

describe('identity of an item without a guid', () => {
  it('is one id when the same item is polled with ref=1, then ref=2, then a new pubDate', () => {
    // Act
    const polls = [
      normalise({ link: 'https://paper.example/news/library?ref=1', published: 'Mon, 23 Nov 2026 06:00:00 GMT' }),
      normalise({ link: 'https://paper.example/news/library?ref=2', published: 'Mon, 23 Nov 2026 06:00:00 GMT' }),
      normalise({ link: 'https://paper.example/news/library?ref=2', published: 'Mon, 23 Nov 2026 06:40:00 GMT' }),
    ];
    // Assess
    expect(new Set(polls.map((i) => i.id)).size).toBe(1);
    expect(polls.map((i) => i.link)).toEqual(Array.from({ length: 3 }, () => 'https://paper.example/news/library'));
  });

  it('never changes for tracking parameters, their order, the fragment, the case of the host or the date', () => {
    fc.assert(
      fc.property(
        path,
        fc.uniqueArray(pagePair, { maxLength: 3, selector: (p) => p.split('=')[0] }),
        fc.array(trackingPair, { maxLength: 5 }),
        date,
        fc.boolean(),
        (p, page, tracking, published, shout) => {
          const plain = normalise({ link: withQuery(`https://paper.example${p}`, page) });
          const mixed = [...tracking, ...page.toReversed()];
          const host = shout ? 'https://PAPER.Example:443' : 'https://paper.example';
          const tracked = normalise({ link: `${withQuery(`${host}${p}`, mixed)}#comments`, published });
          expect(tracked.id).toBe(plain.id);
          expect(tracked.link).toBe(plain.link);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changes when a parameter that is not tracking is added or changed', () => {
    fc.assert(
      fc.property(path, pagePair, pagePair, fc.array(trackingPair, { maxLength: 3 }), (p, kept, other, tracking) => {
        fc.pre(kept !== other);
        const one = normalise({ link: withQuery(`https://paper.example${p}`, [kept, ...tracking]) });
        const two = normalise({ link: withQuery(`https://paper.example${p}`, [other, ...tracking]) });
        const both = normalise({ link: withQuery(`https://paper.example${p}`, [kept, other, ...tracking]) });
        expect(new Set([one.id, two.id, both.id]).size).toBe(3);
      }),
      { numRuns: 300 },
    );
  });
});

describe('canonicalUrl: parameters', () => {
  it.each([
    ['https://paper.example/a?ref=rss&page=2', 'https://paper.example/a?page=2'],
    ['https://paper.example/a?ref_src=twsrc%5Etfw&ref_url=x', 'https://paper.example/a'],
    ['https://paper.example/a?_ga=2.1&_gl=1*abc&yclid=9&twclid=8&s_kwcid=AL!1&cmpid=x&ocid=y&__twitter_impression=true', 'https://paper.example/a'],
    ['https://paper.example/a?z=1&b=2&a=3', 'https://paper.example/a?a=3&b=2&z=1'],
    ['https://paper.example/a?tag=x&tag=a', 'https://paper.example/a?tag=x&tag=a'],
    ['https://paper.example/a?amp=1', 'https://paper.example/a'],
    ['https://paper.example/a?amp', 'https://paper.example/a'],
    ['https://paper.example/a?outputType=amp&id=4', 'https://paper.example/a?id=4'],
    ['https://paper.example/a?outputType=print', 'https://paper.example/a?outputType=print'],
    ['http://Paper.Example:80/a', 'http://paper.example/a'],
  ])('canonicalises %s', (raw, expected) => {
    // Act
    const url = canonicalUrl(raw);
    // Assess
    expect(url).toBe(expected);
  });
});
