import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { decodeFeedBody } from '../../../../shared/ingest/feeds/decode.js';
import { normaliseEntries } from '../../../../shared/ingest/feeds/normalise.js';
import { FeedParseError, parseFeedText } from '../../../../shared/ingest/feeds/parse.js';
import { normalisedItemSchema } from '../../../../shared/platform/model.js';

const source: SourceConfig = { id: 'fuzz', name: 'Fuzz', kind: 'rss', url: 'https://feeds.example.org/rss', group: 'press', outlet: 'local' };
const now = new Date('2024-10-01T07:00:00.000Z');

/** Parse, then normalise: either valid items come out, or a FeedParseError with a reason. Anything else fails the property. */
async function readsOrExplains(text: string): Promise<void> {
  try {
    const feed = await parseFeedText(text);
    for (const item of normaliseEntries(feed, { source, baseUrl: 'https://feeds.example.org/rss', now })) normalisedItemSchema.parse(item);
  } catch (error) {
    if (!(error instanceof FeedParseError) || error.reason.length === 0) throw error;
  }
}

const feedTemplate = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://a.example/</link>
<item><title>One &amp; two</title><link>/one</link><guid isPermaLink="false">1</guid><pubDate>Tue, 01 Oct 2024 06:00:00 GMT</pubDate><description><![CDATA[<p>Hello</p>]]></description></item>
<item><title>Three</title><link>https://a.example/3</link></item></channel></rss>`;
const atomTemplate = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link href="https://a.example/"/>
<entry><id>tag:a,1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt;</title><link href="/e1"/><updated>2024-10-01T06:00:00Z</updated><summary>S</summary></entry></feed>`;

/** Splices random text (often markup-like) into a valid document at a random place, or cuts it short. */
const mutatedDocument = fc
  .tuple(
    fc.constantFrom(feedTemplate, atomTemplate),
    fc.nat(),
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        '<',
        '>',
        '&',
        '&#0;',
        '&bogus;',
        ']]>',
        '<![CDATA[',
        '</item>',
        '<item>',
        '<!--',
        '<!DOCTYPE x [<!ENTITY a "b">]>',
        '\u0000',
        '<__proto__>',
        '"',
        "'",
      ),
    ),
    fc.boolean(),
  )
  .map(([template, at, insert, truncate]) => {
    const cut = at % (template.length + 1);
    return truncate ? template.slice(0, cut) : template.slice(0, cut) + insert + template.slice(cut);
  });

/** The fast reader and the strict one give the same entries, or the same refusal. */
async function readersAgree(text: string): Promise<void> {
  const outcome = async (reader: 'fast' | 'strict') => {
    try {
      return { feed: await parseFeedText(text, { reader }) };
    } catch (error) {
      if (error instanceof FeedParseError) return { refused: error.reason };
      throw error;
    }
  };
  expect(await outcome('fast')).toEqual(await outcome('strict'));
}

describe('parseFeedText properties', () => {
  it('reads a damaged or whole feed the same with the fast reader as with the strict one', async () => {
    await fc.assert(fc.asyncProperty(mutatedDocument, readersAgree), { numRuns: 1500 });
  });

  it('reads any string the same with either reader', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }).map((s) => `<rss version="2.0"><channel><item><title>${s}</title></item></channel></rss>`),
        readersAgree,
      ),
      {
        numRuns: 500,
      },
    );
  });

  it('turns any string into items or a FeedParseError, never another exception', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), readsOrExplains), { numRuns: 300 });
  });

  it('turns any bytes, decoded as the fetcher would, into items or a FeedParseError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.option(fc.constantFrom('text/xml; charset=utf-8', 'text/xml; charset=bogus', 'application/rss+xml; charset=utf-16')),
        async (bytes, contentType) => {
          await readsOrExplains(decodeFeedBody(Buffer.from(bytes), contentType ?? undefined));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('turns a damaged real-looking feed into items or a FeedParseError', async () => {
    await fc.assert(fc.asyncProperty(mutatedDocument, readsOrExplains), { numRuns: 500 });
  });

  it('never pollutes Object.prototype, whatever the input', async () => {
    await fc.assert(fc.asyncProperty(mutatedDocument, readsOrExplains), { numRuns: 100 });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
