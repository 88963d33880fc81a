/**
 * Property-based (fast-check): whatever a listing page, the Bills API or a ModernGov title holds,
 * the readers give entries or their own typed error with a reason — never another exception —
 * and what they give normalises into valid items.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { ListingError, parseListing } from '../../../../shared/ingest/feeds/html-listing.js';
import { readMeeting } from '../../../../shared/ingest/feeds/moderngov.js';
import { normaliseEntries } from '../../../../shared/ingest/feeds/normalise.js';
import { BillsApiError, parseBillsResponse } from '../../../../shared/ingest/parliament/bills.js';
import type { ParsedFeed } from '../../../../shared/ingest/feeds/parse.js';
import { itemDetailsSchema, normalisedItemSchema } from '../../../../shared/platform/model.js';

const now = new Date('2026-11-23T07:00:00Z');
const selectors = { item: 'li', title: 'a', link: 'a', date: '.d', summary: 'p' };

function source(kind: SourceConfig['kind']): SourceConfig {
  return { id: 'prop', name: 'Prop', kind, url: 'https://www.example.gov.uk/news/', group: 'g', outlet: 'local', ...(kind === 'html' ? { selectors } : {}) };
}

/** Runs a reader; its own error is an answer, anything else fails the property. */
function readOrExpected(read: () => ParsedFeed, expected: new (...args: never[]) => Error): ParsedFeed | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof expected && typeof (error as { reason?: unknown }).reason === 'string') return undefined;
    throw error;
  }
}

const htmlPieces = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '<li>',
    '</li>',
    '<a href="/x">',
    '<a href="javascript:alert(1)">',
    '</a>',
    '<p>',
    '<span class="d">12/11/2026</span>',
    '&amp;',
    '&#0;',
    '<script>',
    '<title>Just a moment...</title>',
    '<base href="//evil">',
    '\u0000',
  ),
);

describe('source readers on arbitrary input', () => {
  it('a listing page gives items or a ListingError', () => {
    fc.assert(
      fc.property(fc.array(htmlPieces, { maxLength: 40 }), (pieces) => {
        const feed = readOrExpected(() => parseListing(pieces.join(''), selectors), ListingError);
        if (!feed) return;
        for (const item of normaliseEntries(feed, { source: source('html'), baseUrl: 'https://www.example.gov.uk/news/', now })) {
          normalisedItemSchema.parse(item);
          expect(item.link === '' || /^https?:\/\//.test(item.link)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a Bills API answer gives items or a BillsApiError', () => {
    const stage = fc.record({
      id: fc.oneof(fc.integer(), fc.constant(null)),
      description: fc.string(),
      house: fc.string(),
      stageSittings: fc.array(fc.record({ date: fc.oneof(fc.string(), fc.constant(null)) })),
    });
    const bill = fc.record({
      billId: fc.oneof(fc.integer(), fc.string()),
      shortTitle: fc.string(),
      lastUpdate: fc.oneof(fc.string(), fc.constant('2026-11-20T16:03:21.1233333')),
      isAct: fc.boolean(),
      currentStage: fc.oneof(stage, fc.constant(null)),
    });
    const answer = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.array(bill).map((items) => JSON.stringify({ items })),
    );
    fc.assert(
      fc.property(answer, (text) => {
        const feed = readOrExpected(() => parseBillsResponse(text), BillsApiError);
        if (!feed) return;
        for (const item of normaliseEntries(feed, { source: source('parliament-bills'), baseUrl: 'https://bills-api.parliament.uk/api/v1/Bills', now })) {
          normalisedItemSchema.parse(item);
          expect(item.kind).toBe('bill');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a ModernGov title and description give valid meeting details, never an exception', () => {
    const words = fc.oneof(
      fc.string(),
      fc.constantFrom(' - ', ', ', ' on ', 'Wednesday', '7.00 pm', '19:30', '12/11/2026', '31/02/2026', '12th November, 2026', 'noon', 'Meeting of X on '),
    );
    fc.assert(
      fc.property(
        fc.array(words, { maxLength: 12 }),
        fc.array(words, { maxLength: 12 }),
        fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })),
        (title, description, published) => {
          const meeting = readMeeting(title.join(''), description.join(''), published ?? undefined);
          itemDetailsSchema.parse(meeting);
        },
      ),
      { numRuns: 500 },
    );
  });
});
