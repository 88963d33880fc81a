/**
 * Issue 11's scenario, as a new user would meet it: their own configuration (Hackney, with its
 * places and a cabinet, not the example's Lewisham) over real captured feeds (BBC and MailOnline
 * from 2021, the 2017–19 Parliament public bills, a legislation.gov.uk publication log with Scottish
 * instruments and one SSI listed twice) plus local stories written for the test (a same-day
 * good-news story from the council, a tragedy naming the borough, criticism of a cabinet member,
 * a 2019 story, a scandal about the Mayor, a national story in two outlets, council meetings).
 * One poll on the local stack, then the briefing, the alerts and the week's grid, each asserted
 * from what the store holds and what was rendered.
 *
 * The bills source keeps ten years (its maxAgeDays) and the legislation log a year, so that
 * dates from other years, bills with shared boilerplate and instruments by extent are all in play;
 * the press keeps the default three days, so the 2021 captures and the 2019 story are not news.
 */
import fs, { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStack } from '../../infra/local/runtime.js';
import { isoWeekOf } from '../../shared/grid/calendar.js';
import type { GridWeek } from '../../shared/grid/model.js';
import { planWeek } from '../../shared/grid/plan-week.js';
import { configSchema, type Config } from '../../shared/platform/config/schema.js';
import type { ClassifiedItem } from '../../shared/platform/model.js';
import { londonDate, londonParts } from '../../shared/platform/time.js';
import { gridStore, store } from '../../shared/runtime/container.js';
import { headerValue, readMime } from '../unit/deliver/email/mime-helpers.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { available } from '../support/required.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const realDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'feeds', 'real');
const present = available(
  'corpus',
  fs.existsSync(realDir),
  `[corpus] ${realDir} is missing: the judgement scenario is skipped (a fresh clone has no ../shared).`,
);

const DAY_MS = 86_400_000;
const NOW = new Date();
const THIS_YEAR = londonParts(NOW).year;
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

/** The real captures, served as they are. */
const CAPTURES = {
  bbc: 'bbc-news-home-2021.xml',
  mail: 'dailymail-2021.xml',
  bills: 'parliament-public-bills-2018.rss',
  legislation: 'legislation-publication-log-2026-09-24.feed',
} as const;

/** How old an item of each source may be, in days: the oracle the assertions use. */
const LIMIT_DAYS: Record<string, number> = {
  bbc: 3,
  mail: 3,
  bills: 3650,
  legislation: 365,
  'hackney-news': 7,
  'hackney-gazette': 3,
  'london-wire': 3,
  'uk-daily': 3,
};

const STORY = {
  goodNews: {
    guid: 'g1',
    title: 'New adventure playground opens in Dalston for young people',
    description: 'The council has opened a free adventure playground at Dalston Square, built with local families.',
    at: ago(2),
  },
  tragedy: {
    guid: 't1',
    title: 'Two die in Homerton flat fire',
    description: 'Firefighters were called to a block in Homerton, Hackney, where two residents died.',
    at: ago(3),
  },
  criticism: {
    guid: 'c1',
    title: 'Cllr Rafi Mensah criticised as repairs backlog passes 3,000 council homes',
    description: 'Tenants in Hoxton say the cabinet member has not acted.',
    at: ago(4),
  },
  old: {
    guid: 'o1',
    title: 'Mayor Dana Whitfield urged to resign over Haggerston housing contract',
    description: 'Opposition councillors call for an inquiry.',
    at: new Date('2019-03-14T10:00:00Z'),
  },
  localHousing: {
    guid: 'h1',
    title: '240 council homes approved in Clapton',
    description: 'The planning committee backed the scheme on the old depot site.',
    at: ago(5),
  },
  scandal: {
    guid: 's1',
    title: 'Mayor of Hackney faces calls to resign over Hoxton contract',
    description: 'Dana Whitfield is urged to resign after leaked emails.',
    at: ago(1),
  },
  national: {
    guid: 'n1',
    title: 'Councils across England warn of homelessness rise as council homes run short',
    description: 'A survey of councils finds temporary accommodation costs doubling.',
    at: ago(6),
  },
  nationalAgain: {
    guid: 'n2',
    title: 'Homelessness rise: councils across England warn council homes are running short',
    description: 'Temporary accommodation costs have doubled, a survey of councils finds.',
    at: ago(5),
  },
};

/** A London calendar date `days` from today, as DD/MM/YYYY (how ModernGov titles give it). */
function meetingDay(days: number): string {
  const [y, m, d] = londonDate(new Date(NOW.getTime() + days * DAY_MS)).split('-');
  return `${d}/${m}/${y}`;
}
const FULL_COUNCIL = `Full Council - ${meetingDay(2)} 19:00`;
const FAR_MEETING = `Licensing Sub-Committee - ${meetingDay(9)} 10:00`;

function rss(items: { guid: string; title: string; description: string; at: Date }[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>https://news.example/${i.guid}</link><guid isPermaLink="false">${i.guid}</guid><pubDate>${i.at.toUTCString()}</pubDate><description>${i.description}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed</title><link>https://news.example/</link><description>t</description>${body}</channel></rss>`;
}

function hackneyConfig(baseUrl: string): Config {
  const example = parse(readFileSync(join(repoRoot, 'config', 'example.yaml'), 'utf8')) as Record<string, unknown>;
  const { quietHours: _quiet, ...alerts } = example.alerts as Record<string, unknown>;
  const source = (id: string, kind: string, group: string, outlet: string, name: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    kind,
    url: `${baseUrl}/${id}`,
    group,
    outlet,
    ...extra,
  });
  return configSchema.parse({
    ...example,
    council: { name: 'London Borough of Hackney', short: 'Hackney' },
    mayor: { name: 'Dana Whitfield', aliases: ['Mayor of Hackney', 'Hackney Mayor', 'Mayor Whitfield'] },
    places: ['Dalston', 'Hoxton', 'Homerton', 'Stoke Newington', 'Clapton', 'Haggerston'],
    sensitivity: {
      ...(example.sensitivity as Record<string, unknown>),
      cabinet: [
        { name: 'Rafi Mensah', role: 'Cabinet Member for Housing', aliases: ['Cllr Mensah'] },
        { name: 'Joan Pereira', role: 'Cabinet Member for Finance', aliases: ['Cllr Pereira'] },
      ],
    },
    sources: [
      source('bbc', 'rss', 'press', 'national', 'BBC News'),
      source('mail', 'rss', 'press', 'national', 'MailOnline'),
      source('bills', 'rss', 'legislation', 'official', 'UK Parliament public bills', { maxAgeDays: LIMIT_DAYS.bills }),
      source('legislation', 'atom', 'legislation', 'official', 'legislation.gov.uk publication log', { maxAgeDays: LIMIT_DAYS.legislation }),
      source('hackney-news', 'rss', 'council', 'official', 'Hackney Council press office'),
      source('hackney-meetings', 'moderngov', 'council', 'official', 'Hackney Council meetings'),
      source('hackney-gazette', 'rss', 'press', 'local', 'Hackney Gazette'),
      source('london-wire', 'rss', 'press', 'national', 'London Wire'),
      source('uk-daily', 'rss', 'press', 'national', 'UK Daily'),
    ],
    briefing: {
      ...(example.briefing as Record<string, unknown>),
      to: ['mayors.office@hackney.example'],
      from: 'despatch@hackney.example',
      replyTo: 'mayors.office@hackney.example',
    },
    alerts: { ...alerts, to: ['mayors.office@hackney.example'], replyTo: 'mayors.office@hackney.example', routes: [] },
    network: { allowPrivateHosts: true, contact: 'tests@hackney.example', timeoutSeconds: 5 },
  });
}

/** The headlines of a section of the briefing's text part ("* headline" lines up to the next heading). */
function headlinesIn(text: string, section: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(`${section} (`));
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (/^=+$/.test(line)) break;
    if (line.startsWith('* ')) out.push(line.slice(2).replace(/^\[[A-Z]+\] /, ''));
  }
  return out;
}

/** When an item was published, or first seen when it gave no date (it is news on that poll). */
const publishedMs = (item: ClassifiedItem) => Date.parse(item.dateFlag ? item.seenAt : item.publishedAt);
const tooOld = (item: ClassifiedItem) => item.kind !== 'meeting' && publishedMs(item) < NOW.getTime() - (LIMIT_DAYS[item.sourceId] ?? 0) * DAY_MS;

describe.skipIf(!present)("judgement on real feeds: a new user's own configuration (issue 11)", () => {
  let server: FeedServer;
  let stack: LocalStack | undefined;
  let dataDir: string;
  let config: Config;
  let stored: ClassifiedItem[];
  let briefingText: string;
  let briefingHtml: string;
  let alertSubjects: string[];
  let grid: GridWeek;

  beforeAll(async () => {
    // Prepare: the captures and the written stories on loopback, the user's configuration.
    const capture = (file: string) => ({ body: readFileSync(join(realDir, file)) });
    server = await startFeedServer({
      '/bbc': capture(CAPTURES.bbc),
      '/mail': capture(CAPTURES.mail),
      '/bills': capture(CAPTURES.bills),
      '/legislation': capture(CAPTURES.legislation),
      '/hackney-news': { body: rss([STORY.goodNews]) },
      '/hackney-gazette': { body: rss([STORY.tragedy, STORY.criticism, STORY.old, STORY.localHousing, STORY.scandal]) },
      '/london-wire': { body: rss([STORY.national]) },
      '/uk-daily': { body: rss([STORY.nationalAgain]) },
      '/hackney-meetings': {
        body: rss([
          { guid: 'm1', title: FULL_COUNCIL, description: 'Agenda: the budget and the council tax support scheme.', at: ago(30) },
          { guid: 'm2', title: FAR_MEETING, description: 'Agenda: premises licences.', at: ago(30) },
        ]),
      },
    });
    config = hackneyConfig(server.baseUrl);
    dataDir = mkdtempSync(join(tmpdir(), 'despatch-judgement-'));
    stack = await LocalStack.start({ config, dataDir, inMemory: true, visibilityTimeoutSeconds: 1 });

    // Act: the first run, then the briefing, the alerts it queued, and this week's grid.
    await stack.pollAllGroups();
    await stack.drain();
    stored = await store().itemsSeenBetween(new Date(NOW.getTime() - DAY_MS), new Date(Date.now() + 60_000));
    const outcome = await stack.briefing(new Date(Date.now() + 60_000));
    expect(outcome.status).toBe('sent');
    const outbox = readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
    const briefingFile = outbox.find((f) => f.includes('briefing-'));
    const mime = readMime(readFileSync(join(dataDir, 'outbox', briefingFile!)));
    briefingText = mime.parts.find((p) => /text\/plain/i.test(p.headers))?.body ?? '';
    briefingHtml = mime.parts.find((p) => /text\/html/i.test(p.headers))?.body ?? '';
    alertSubjects = outbox
      .filter((f) => f !== briefingFile)
      .map((f) => headerValue(readMime(readFileSync(join(dataDir, 'outbox', f))).headers, 'Subject') ?? '');
    grid = (await planWeek(isoWeekOf(londonDate(NOW)), { config, items: store(), grid: gridStore(), now: () => new Date() })).grid;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores as news only what is within its source's maxAgeDays: none of the 2021 captures, not the 2019 story", () => {
    expect(stored.length).toBeGreaterThan(10);
    expect(stored.filter(tooOld).map((i) => `${i.sourceId}: ${i.title} (${i.publishedAt})`)).toEqual([]);
    expect(stored.some((i) => i.sourceId === 'bbc' || i.sourceId === 'mail')).toBe(false);
    expect(stored.map((i) => i.title)).not.toContain(STORY.old.title);
    // The ones that are news are there: the written stories, the bills (kept ten years), the log.
    for (const s of [STORY.goodNews, STORY.tragedy, STORY.criticism, STORY.localHousing, STORY.scandal]) expect(stored.map((i) => i.title)).toContain(s.title);
    expect(stored.filter((i) => i.sourceId === 'bills').length).toBeGreaterThan(10);
  });

  it('keeps one instrument one item: the SSI the log lists as a PDF and as XML is stored once', () => {
    const climate = stored.filter((i) =>
      i.title.startsWith('The Climate Change (Duties of Public Bodies: Reporting Requirements) (Scotland) Amendment Order 2026'),
    );
    expect(climate).toHaveLength(1);
  });

  it('puts no two different bills in one story, though their descriptions share the same boilerplate', () => {
    const bills = stored.filter((i) => i.sourceId === 'bills');
    const byStory = new Map<string, Set<string>>();
    for (const bill of bills) byStory.set(bill.clusterId ?? bill.id, (byStory.get(bill.clusterId ?? bill.id) ?? new Set()).add(bill.link));
    const shared = [...byStory.values()].filter((links) => links.size > 1).map((links) => [...links]);
    expect(shared).toEqual([]);
  });

  it('keeps two council meetings two stories, though their listings read alike', () => {
    const meetings = stored.filter((i) => i.kind === 'meeting');
    expect(meetings.map((m) => m.title).sort()).toEqual([FAR_MEETING, FULL_COUNCIL].sort());
    expect(new Set(meetings.map((m) => m.clusterId)).size).toBe(2);
  });

  it('briefs nothing older than its limit, and the dates outside this year carry the year', () => {
    const $ = load(briefingHtml);
    const shown = $.text();
    expect(shown).not.toContain(STORY.old.title);
    const tooOldTitles = readFileSync(join(realDir, CAPTURES.bbc), 'utf8').match(/<title><!\[CDATA\[([^\]]{20,})\]\]><\/title>/g) ?? [];
    expect(tooOldTitles.length).toBeGreaterThan(5);
    for (const t of tooOldTitles) expect(shown).not.toContain(t.replace(/^<title><!\[CDATA\[|\]\]><\/title>$/g, ''));
    // Every bill the briefing lists (stages of 2017–2019, read from the bills RSS's p4:stage, so they are
    // in the Parliament section as "Bill stage · <date>") says its year where it gives its date.
    const billLines = briefingText.split('\n').filter((line) => stored.some((i) => i.sourceId === 'bills' && line.includes(i.link)));
    expect(billLines.length).toBeGreaterThan(0);
    const billDates = briefingText.match(/Bill stage · [^\n]*/g) ?? [];
    expect(billDates.length).toBeGreaterThan(0);
    for (const line of billDates) expect(line, line).toMatch(/\b(2017|2018|2019)\b/);
    expect(briefingText).not.toMatch(new RegExp(`Bill stage · [^\\n]*\\b${THIS_YEAR}\\b`));
  });

  it("leads each section with the borough's own story: Clapton's council homes above the national story in two outlets", () => {
    const housing = headlinesIn(briefingText, 'Housing');
    const national = housing.indexOf(STORY.national.title);
    expect(national).toBeGreaterThan(0);
    expect(housing.indexOf(STORY.localHousing.title)).toBeGreaterThanOrEqual(0);
    expect(housing.indexOf(STORY.localHousing.title)).toBeLessThan(national);
    // Everything above the national story names the borough, a place in it or a cabinet member.
    for (const title of housing.slice(0, national)) expect(title).toMatch(/Hackney|Clapton|Hoxton|Dalston|Homerton|Mensah|Whitfield/);
    // The two national outlets are one story, the second listed as "Also", not a second entry.
    expect(housing).not.toContain(STORY.nationalAgain.title);
    expect(headlinesIn(briefingText, 'Children and young people')[0]).toBe(STORY.goodNews.title);
  });

  it('lists legislation by extent: no Scottish instrument for an English borough, each instrument once', () => {
    const $ = load(briefingHtml);
    const legislation = $('h2')
      .filter((_, el) => $(el).text().startsWith('Legislation'))
      .next('table')
      .text();
    expect(legislation).toContain('The Firearms (Amendment) Rules 2026');
    expect(legislation).not.toMatch(/\(Scotland\)/);
    expect(legislation.split('The Firearms (Amendment) Rules 2026')).toHaveLength(2);
  });

  it('shows the full Council meeting two days out under "Council this week", and not one nine days out', () => {
    const $ = load(briefingHtml);
    const council = $('h2')
      .filter((_, el) => $(el).text().startsWith('Council this week'))
      .next('table')
      .text();
    expect(council).toContain('Full Council');
    expect(council).not.toContain('Licensing Sub-Committee');
  });

  it('alerts the scandal about the Mayor and nothing older than its limit', () => {
    expect(alertSubjects.some((s) => s.includes(STORY.scandal.title))).toBe(true);
    expect(alertSubjects.filter((s) => s.includes(STORY.old.title))).toEqual([]);
    const oldTitles = stored.filter(tooOld).map((i) => i.title);
    expect(alertSubjects.filter((s) => oldTitles.some((t) => s.includes(t.slice(0, 60))))).toEqual([]);
    expect(alertSubjects.filter((s) => /Scotland/.test(s))).toEqual([]);
  });

  it("drafts nothing from the tragedy, the criticism, the scandal or anything past its limit, and lists every draft's checks", () => {
    const byTitle = new Map(stored.map((i) => [i.title, i]));
    const forbidden = new Set(
      [STORY.tragedy, STORY.criticism, STORY.scandal, STORY.old].map((s) => byTitle.get(s.title)?.id).filter((id): id is string => id !== undefined),
    );
    const recencyDays = config.grid!.recencyDays;
    for (const slot of grid.slots) {
      expect(slot.checks.length, slot.text).toBeGreaterThan(0);
      for (const used of slot.hook.items) {
        expect(forbidden.has(used.id), `${slot.date} ${slot.channel}: ${used.title}`).toBe(false);
        const item = stored.find((i) => i.id === used.id);
        if (!item) continue;
        expect(tooOld(item), used.title).toBe(false);
        // News is posted within grid.recencyDays of its publication; a meeting is a hook on its own date
        // (published when the agenda went up), so the clock does not apply to it.
        if (item.kind === 'meeting') continue;
        expect(Date.parse(`${slot.date}T23:59:59Z`) - publishedMs(item), `${slot.date}: ${used.title}`).toBeLessThanOrEqual((recencyDays + 1) * DAY_MS);
      }
    }
    expect(grid.slots.some((s) => /die|fire|criticised|resign/i.test(s.text))).toBe(false);
  });

  it('drafts the same-day good-news story from the council, or offers it', () => {
    const drafted = grid.slots.some((s) => s.hook.items.some((i) => i.title === STORY.goodNews.title));
    const offered = grid.talkingPoints.some((t) => t.title === STORY.goodNews.title);
    expect(drafted || offered).toBe(true);
  });
});
