/**
 * Feeds that say more than a headline: ModernGov meetings (committee and date from the title),
 * legislation.gov.uk Atom (type, year, number), GOV.UK finder Atom (announcement or consultation,
 * closing date where the summary gives one). Through fetchSource on loopback, as the poller reads them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { fetchSource, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { closingDateIn } from '../../../../shared/ingest/feeds/item-kinds.js';
import { readMeeting } from '../../../../shared/ingest/feeds/moderngov.js';
import { findDay, findTime, readWrittenDate } from '../../../../shared/ingest/feeds/uk-dates.js';
import { normalisedItemSchema, type NormalisedItem } from '../../../../shared/platform/model.js';
import { startFeedServer, type FeedServer } from '../../../support/feed-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-23T07:00:00.000Z');

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function itemsOf(kind: SourceConfig['kind'], body: string, type = 'application/xml; charset=utf-8'): Promise<NormalisedItem[]> {
  server = await startFeedServer({ '/feed': { headers: { 'Content-Type': type }, body } });
  const source: SourceConfig = { id: 'src', name: 'Source', kind, url: `${server.baseUrl}/feed`, group: 'g', outlet: 'official' };
  const outcome = await fetchSource(source, {}, { network, now });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  for (const item of outcome.items) normalisedItemSchema.parse(item);
  return outcome.items;
}

describe('dates written in running text', () => {
  it.each([
    ['Wednesday, 12th November, 2025 7.00 pm', { year: 2025, month: 11, day: 12 }],
    ['12/11/2026 19:30', { year: 2026, month: 11, day: 12 }],
    ['Published on 02 December 2025', { year: 2025, month: 12, day: 2 }],
    ['December 2, 2025', { year: 2025, month: 12, day: 2 }],
    ['2026-05-07', { year: 2026, month: 5, day: 7 }],
  ])('reads the day in "%s" (day first, as in Britain)', (text, day) => {
    // Act
    const found = findDay(text);
    // Assess
    expect(found?.value).toEqual(day);
  });

  it('refuses days that do not exist', () => {
    // Act
    const found = findDay('31/02/2026');
    // Assess
    expect(found).toBeUndefined();
  });

  it.each([
    ['7.00 pm', { hour: 19, minute: 0 }],
    ['19:30', { hour: 19, minute: 30 }],
    ['10am', { hour: 10, minute: 0 }],
    ['12.30 pm', { hour: 12, minute: 30 }],
    ['12 am', { hour: 0, minute: 0 }],
    ['noon', { hour: 12, minute: 0 }],
  ])('reads the time "%s"', (text, time) => {
    // Act
    const found = findTime(text);
    // Assess
    expect(found?.value).toEqual(time);
  });

  it('reads a listing date on London time, in summer too', () => {
    // Act
    const summer = readWrittenDate('Posted 12 June 2026 at 10.15am');
    const winter = readWrittenDate('12/11/2026 19:30');
    // Assess
    expect(summer?.toISOString()).toBe('2026-06-12T09:15:00.000Z');
    expect(winter?.toISOString()).toBe('2026-11-12T19:30:00.000Z');
  });
});

describe('ModernGov meetings', () => {
  const published = new Date('2026-11-05T10:00:00Z'); // a Thursday

  it.each([
    ['Mayor and Cabinet, Wednesday 7.00 pm', 'Mayor and Cabinet', '2026-11-11T19:00:00.000Z'],
    ['Planning Committee - 12/11/2026 19:30', 'Planning Committee', '2026-11-12T19:30:00.000Z'],
    ['Council - Wednesday, 25th November, 2026 7.30 pm', 'Council', '2026-11-25T19:30:00.000Z'],
    [
      'Housing, Regeneration and Environment Select Committee - Tuesday, 17th November, 2026 7.30 pm',
      'Housing, Regeneration and Environment Select Committee',
      '2026-11-17T19:30:00.000Z',
    ],
    ['Licensing Sub-Committee B, Thursday 10.00 am', 'Licensing Sub-Committee B', '2026-11-05T10:00:00.000Z'],
    ['Strategic Planning Committee - 12/06/2026 19:30', 'Strategic Planning Committee', '2026-06-12T18:30:00.000Z'],
  ])('reads "%s" as %s at %s', (title, committee, meetingDate) => {
    // Act
    const meeting = readMeeting(title, '', published);
    // Assess
    expect(meeting).toEqual({ committee, meetingDate });
  });

  it('gives a day without a time when none is written', () => {
    // Act
    const meeting = readMeeting('Full Council - 26 November 2026', '', published);
    // Assess
    expect(meeting).toEqual({ committee: 'Full Council', meetingDate: '2026-11-26' });
  });

  it('finds the date in the description when the title has none', () => {
    // Act
    const meeting = readMeeting(
      'Children and Young People Select Committee',
      'Meeting of Children and Young People Select Committee on Tuesday, 1st December, 2026, 7.00 pm',
      published,
    );
    // Assess
    expect(meeting).toEqual({ committee: 'Children and Young People Select Committee', meetingDate: '2026-12-01T19:00:00.000Z' });
  });

  it('keeps the raw text and invents no date when it cannot tell', () => {
    // Act
    const weekdayOnly = readMeeting('Overview and Scrutiny, Monday', '', undefined);
    const decision = readMeeting('Decision: Award of cleaning contract', '', published);
    // Assess
    expect(weekdayOnly).toEqual({ committee: 'Overview and Scrutiny' });
    expect(decision).toEqual({});
  });

  it('fetches a ModernGov feed as meetings', async () => {
    // Prepare
    const feed = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Lewisham Council - What's new</title><link>https://councilmeetings.lewisham.gov.uk/mgWhatsNew.aspx</link>
      <item><title>Mayor and Cabinet, Wednesday 7.00 pm</title><link>https://councilmeetings.lewisham.gov.uk/ieListDocuments.aspx?CId=139&amp;MId=8801</link><guid>https://councilmeetings.lewisham.gov.uk/ieListDocuments.aspx?CId=139&amp;MId=8801</guid><pubDate>Thu, 19 Nov 2026 10:00:00 GMT</pubDate><description>Agenda published</description></item>
      <item><title>Planning Committee - 26/11/2026 19:30</title><link>https://councilmeetings.lewisham.gov.uk/ieListDocuments.aspx?CId=140&amp;MId=8802</link><pubDate>Thu, 19 Nov 2026 11:00:00 GMT</pubDate></item>
    </channel></rss>`;
    // Act
    const items = await itemsOf('moderngov', feed);
    // Assess
    expect(items.map((i) => [i.kind, i.title, i.details])).toEqual([
      ['meeting', 'Mayor and Cabinet, Wednesday 7.00 pm', { committee: 'Mayor and Cabinet', meetingDate: '2026-11-25T19:00:00.000Z' }],
      ['meeting', 'Planning Committee - 26/11/2026 19:30', { committee: 'Planning Committee', meetingDate: '2026-11-26T19:30:00.000Z' }],
    ]);
  });

  it('reads the same feed as plain articles when it is configured as rss', async () => {
    // Prepare
    const feed = `<rss version="2.0"><channel><title>t</title><item><title>Planning Committee - 26/11/2026 19:30</title><link>https://meetings.example.gov.uk/1</link></item></channel></rss>`;
    // Act
    const items = await itemsOf('rss', feed);
    // Assess
    expect(items[0]?.kind).toBe('article');
    expect(items[0]?.details).toBeUndefined();
  });
});

describe('legislation.gov.uk Atom', () => {
  const feed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:ukm="http://www.legislation.gov.uk/namespaces/metadata">
  <id>http://www.legislation.gov.uk/new/uksi/data.feed</id><title>New Legislation</title><updated>2026-11-20T09:00:00Z</updated>
  <entry>
    <id>http://www.legislation.gov.uk/id/uksi/2026/1101</id>
    <title>The Homelessness (Suitability of Accommodation) (Amendment) Order 2026</title>
    <link rel="self" href="http://www.legislation.gov.uk/uksi/2026/1101/made/data.feed"/>
    <link rel="alternate" type="text/html" href="http://www.legislation.gov.uk/uksi/2026/1101/made"/>
    <updated>2026-11-20T09:00:00Z</updated>
    <ukm:DocumentMainType Value="UnitedKingdomStatutoryInstrument"/><ukm:Year Value="2026"/><ukm:Number Value="1101"/>
    <summary>This Order amends the Homelessness (Suitability of Accommodation) (England) Order 2012.</summary>
  </entry>
  <entry>
    <id>http://www.legislation.gov.uk/id/ukpga/2026/12</id>
    <title>Renters' Rights Act 2026</title>
    <link rel="alternate" href="http://www.legislation.gov.uk/ukpga/2026/12/contents/enacted"/>
    <updated>2026-11-19T09:00:00Z</updated>
  </entry>
</feed>`;

  it('keeps the type, year and number, in ukm: metadata or in the link', async () => {
    // Act
    const items = await itemsOf('atom', feed, 'application/atom+xml');
    // Assess
    expect(items.map((i) => [i.kind, i.details])).toEqual([
      ['legislation', { legislationType: 'uksi', legislationNumber: 1101, year: 2026, documentType: 'UK Statutory Instrument' }],
      ['legislation', { legislationType: 'ukpga', legislationNumber: 12, year: 2026, documentType: 'UK Public General Act' }],
    ]);
  });
});

describe('GOV.UK finder Atom', () => {
  const feed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>https://www.gov.uk/search/policy-papers-and-consultations</id>
  <title>Policy papers and consultations: Ministry of Housing, Communities and Local Government</title>
  <updated>2026-11-20T10:00:00Z</updated><author><name>HM Government</name></author>
  <entry>
    <id>https://www.gov.uk/government/consultations/local-audit-reform#2026-11-20T10:00:00Z</id>
    <updated>2026-11-20T10:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://www.gov.uk/government/consultations/local-audit-reform"/>
    <title>Local audit reform</title>
    <summary type="html">Proposals to strengthen local audit. This consultation closes at 11:59pm on 15 January 2027.</summary>
  </entry>
  <entry>
    <id>https://www.gov.uk/government/news/extra-funding-to-tackle-homelessness#2026-11-19T10:00:00Z</id>
    <updated>2026-11-19T10:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://www.gov.uk/government/news/extra-funding-to-tackle-homelessness"/>
    <title>Extra funding to tackle homelessness</title>
    <summary type="html">Councils will share additional funding.</summary>
  </entry>
</feed>`;

  it('tells consultations from announcements, with the closing date the summary gives', async () => {
    // Act
    const items = await itemsOf('atom', feed, 'application/atom+xml');
    // Assess
    expect(items.map((i) => [i.kind, i.details])).toEqual([
      ['consultation', { documentType: 'Consultation', closingDate: '2027-01-15T23:59:00.000Z' }],
      ['announcement', { documentType: 'News story or press release' }],
    ]);
  });

  it.each([
    ['The consultation closes on 5 January 2027.', '2027-01-05'],
    ['Closing date: 05/01/2027 at 5pm', '2027-01-05T17:00:00.000Z'],
    ['Respond by email. No date here.', undefined],
  ])('reads the closing date in "%s"', (text, expected) => {
    // Act
    const closing = closingDateIn(text);
    // Assess
    expect(closing).toBe(expected);
  });
});
