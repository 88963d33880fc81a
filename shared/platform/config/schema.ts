/**
 * The one configuration file: what the Mayor's office watches, what it cares about, who hears.
 * Everything read from it is validated here; the types below are derived from the schema.
 */
import * as z from 'zod';
import { roles } from './roles.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens (e.g. "bbc-london")');

const email = z.email('must be an email address');

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * A name or label on one line. These reach email headers and subjects (From names, "Despatch:
 * Hartwell" subjects), the User-Agent and the terminal: a CR/LF there adds a header, a NUL or an
 * escape sequence cuts or rewrites what is shown. Tabs are refused too; nobody means one in a name.
 */
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const oneLine = z
  .string()
  .min(1)
  .refine((v) => !CONTROL_CHARACTERS.test(v), 'must be on one line, without control characters (line breaks, tabs, NUL, escape): write it as plain text');

/**
 * A local user's name: how the review page's history tells people apart, and what `despatch users`
 * takes on the command line. Letters, digits and a few marks only, so it is safe in a terminal, a
 * file name and a page, and a space only between words.
 */
export const userNameSchema = z
  .string()
  .regex(
    /^[\p{L}\p{N}](?:[\p{L}\p{N}._'@-]| (?! ))*$/u,
    'must start with a letter or digit and have only letters, digits, single spaces and . _ \' @ - (e.g. "priya" or "Sam Jones")',
  )
  .max(64, 'must be at most 64 characters')
  .refine((v) => !v.endsWith(' '), 'must not end with a space');

/**
 * The people who may sign in to the review page on a laptop (`despatch start` makes each a sign-in
 * link; in AWS, Cognito's users and groups say who may). Names and roles only: links are made by
 * `despatch start` and `despatch users add`, and only their hashes kept in the data dir.
 */
const localUsersSchema = z
  .array(z.strictObject({ name: userNameSchema, role: z.enum(roles, { error: `must be one of ${roles.join(', ')}` }) }))
  .default([])
  .superRefine((users, ctx) => {
    const seen = new Set<string>();
    users.forEach((user, i) => {
      const key = user.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${user.name}" is listed twice (names are compared ignoring case)` });
      seen.add(key);
    });
  });

/** The largest response body a source may be read up to: a feed is kilobytes, a big listing page a few MB. */
export const MAX_BODY_BYTES_LIMIT = 50 * 1024 * 1024;

/**
 * Where alerts are POSTed, with a secret in the address: https only, so neither the secret nor the
 * alert crosses the network in clear, and never an address on our own network. Teams and Slack give
 * hostnames, never IP addresses, so any IP literal is refused: that covers every spelling of the
 * metadata, private, loopback and link-local addresses (the URL parser has already turned
 * "2130706433", "0x7f.1" and the like into dotted quads) without the fetcher's address classifier,
 * which uses node:net and sits in ingest/, above this layer and out of the page's browser bundle.
 * The one exception is plain http to 127.0.0.1: the local stack's and the demo's stand-in server.
 */
const webhookUrl = httpUrl.superRefine((value, ctx) => {
  const problem = webhookUrlProblem(new URL(value));
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const GIVE_PUBLIC = 'give the public https address Teams or Slack gave you';

function webhookUrlProblem(url: URL): string | undefined {
  const host = url.hostname.toLowerCase();
  // demo.invalid: the demo configuration's placeholder for its server (.invalid never resolves).
  if (url.protocol === 'http:' && (host === '127.0.0.1' || host === 'demo.invalid')) return undefined;
  if (url.protocol !== 'https:') return 'must be an https URL (the webhook address carries its secret): write https://…';
  if (url.username || url.password) return 'must not carry a user name or password: the webhook address has its own secret';
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return `is an IP address (${host}), which a webhook never is: ${GIVE_PUBLIC}`;
  if (host === 'localhost' || /\.(localhost|local|internal|lan|home\.arpa)$/.test(host) || !host.includes('.')) {
    return `points at a name on the local network (${host}): ${GIVE_PUBLIC}`;
  }
  return undefined;
}

/** "10m", "1h", "90s": how often a source group is polled. At least one minute, as EventBridge Scheduler allows. */
export const durationPattern = /^(\d+)(s|m|h|d)$/;
const every = z
  .string()
  .regex(durationPattern, 'must be a duration such as "10m", "1h" or "1d"')
  .refine((v) => parseDurationSeconds(v) >= 60, 'must be at least 1m (the shortest schedule EventBridge allows)')
  .refine((v) => parseDurationSeconds(v) % 60 === 0, 'must be a whole number of minutes (EventBridge schedules in minutes)');

export function parseDurationSeconds(value: string): number {
  const match = durationPattern.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  const n = Number(match[1]);
  const unit = match[2] as 's' | 'm' | 'h' | 'd';
  return n * { s: 1, m: 60, h: 3600, d: 86400 }[unit];
}

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as "07:00"');

/**
 * rss / atom / rdf: feeds (the format is detected from the document, whichever is named);
 * html: a listing page read with CSS selectors; parliament-bills: the UK Parliament Bills API;
 * moderngov: a council's ModernGov meetings feed (mgRss.aspx), read as meetings;
 * written-questions / written-statements: the Written Questions and Statements API, searched for
 * the source's terms and members (url: the API's base); hansard: spoken contributions from the
 * Hansard API that mention the terms or are by the watched members (url: the API's base); edm:
 * Early Day Motions (the Oral Questions and Motions API) naming the terms or tabled by the members;
 * committees: committee publications and inquiries (the Committees API) whose titles name the terms.
 */
export const sourceKinds = [
  'rss',
  'atom',
  'rdf',
  'html',
  'parliament-bills',
  'moderngov',
  'written-questions',
  'written-statements',
  'hansard',
  'edm',
  'committees',
] as const;

/** The kinds that ask a Parliament API for the source's terms and members, rather than reading one URL. */
export const parliamentSearchKinds = ['written-questions', 'written-statements', 'hansard', 'edm', 'committees'] as const;

/** A member of either House by their Parliament (MNIS) id, the same in every Parliament API. */
const memberId = z.number().int('must be a member id (a whole number)').positive('must be a member id (a whole number)');
/**
 * A watched member as the office knows them: the member id, their name ("Vicky Foxcroft") or their
 * seat ("Lewisham North"); names and seats are resolved through the Members API (parliament.membersApi).
 */
const watchedMember = z.union([memberId, oneLine.pipe(z.string().min(3, 'must be a member id, a name or a constituency'))], {
  error: 'must be a member id (a whole number), a name ("Vicky Foxcroft") or a constituency ("Lewisham North")',
});
/** The Members API's base: configurable so that a test (or a mirror) can stand in for members-api.parliament.uk. */
export const DEFAULT_MEMBERS_API = 'https://members-api.parliament.uk';
export type SourceKind = (typeof sourceKinds)[number];

const selector = z.string().trim().min(1, 'must be a CSS selector such as "article h2"');

/** Where a listing page keeps its items: `item` on the page, the others inside each item. */
const selectorsSchema = z.strictObject({
  item: selector,
  title: selector,
  link: selector,
  date: selector.optional(),
  summary: selector.optional(),
});

/**
 * How old an item may be and still be news, in days, by what the source carries. An item published
 * earlier is remembered as seen (so it is never queued later) but is not stored, briefed, alerted
 * or planned: a first run over a feed that keeps two years of stories is not two years of news.
 * - press: newspapers, broadcasters, blogs (outlet national, local or blog): 3 days;
 * - official: government and council press offices, consultations (outlet official): 7 days;
 * - parliament: bills and their stages (the Bills API, Parliament's feeds): 14 days;
 * - legislation: legislation.gov.uk instruments and Acts: 14 days;
 * - meetings: a council's meeting listings are judged by the meeting's date, not by when it was
 *   listed (agendas go up weeks ahead): a meeting held more than this many days ago is skipped;
 *   a meeting whose date cannot be read is kept.
 * Items the publisher gave no date count as published when first seen, and say so.
 * The top-level `maxAgeDays` changes these for every source (a number sets them all); a source's
 * own `maxAgeDays` wins over both.
 */
export const ageClasses = ['press', 'official', 'parliament', 'legislation', 'meetings'] as const;
export type AgeClass = (typeof ageClasses)[number];
export const DEFAULT_MAX_AGE_DAYS: Readonly<Record<AgeClass, number>> = { press: 3, official: 7, parliament: 14, legislation: 14, meetings: 1 };

/** Fractions are allowed ("0.5" is 12 hours) for feeds that move fast; at most ten years. */
const maxAgeDays = z.number().positive('must be more than 0 days').max(3650, 'must be at most 3650 days');

const maxAgeDefaultsSchema = z.preprocess(
  (value) => (typeof value === 'number' ? Object.fromEntries(ageClasses.map((c) => [c, value])) : value),
  z.strictObject({
    press: maxAgeDays.default(DEFAULT_MAX_AGE_DAYS.press),
    official: maxAgeDays.default(DEFAULT_MAX_AGE_DAYS.official),
    parliament: maxAgeDays.default(DEFAULT_MAX_AGE_DAYS.parliament),
    legislation: maxAgeDays.default(DEFAULT_MAX_AGE_DAYS.legislation),
    meetings: maxAgeDays.default(DEFAULT_MAX_AGE_DAYS.meetings),
  }),
);

/**
 * How many new items one poll takes from one source, newest first; the rest are left unseen, so the
 * next polls take them. One feed once gave 10,000 new items in a single poll.
 */
export const DEFAULT_MAX_ITEMS_PER_POLL = 500;
const maxItemsPerPoll = z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000');

const sourceSchema = z
  .strictObject({
    id,
    name: oneLine,
    kind: z.enum(sourceKinds),
    url: httpUrl,
    group: id,
    /** Outlet class, used to weigh sensitivity later; "press" by default. */
    outlet: z.enum(['national', 'local', 'blog', 'official']).default('local'),
    /** For kind html only: CSS selectors for the items on the page. */
    selectors: selectorsSchema.optional(),
    /** Items older than this many days are skipped (see ageClasses for the defaults by kind of source). */
    maxAgeDays: maxAgeDays.optional(),
    /** New items taken from this source per poll (default: the top-level maxItemsPerPoll). */
    maxItemsPerPoll: maxItemsPerPoll.optional(),
    /** Parliament kinds: what to search for (default: the council's names, its places, the Mayor's names). */
    terms: z.array(z.string().trim().min(2, 'must be a search term of 2 characters or more')).optional(),
    /** Parliament kinds: watched members by id, name or constituency (default: parliament.members). */
    members: z.array(watchedMember).optional(),
    /** written-statements: answering bodies (departments) by id, whose statements are all taken. */
    departments: z.array(z.number().int().positive()).optional(),
    /** edm: a watched motion with this many signatures or more is news again, once (default 50). */
    signatures: z.number().int('must be a whole number').positive('must be at least 1').optional(),
    /**
     * CPU for reading one response (parse + normalise), in ms (default 10,000): past it the source
     * fails this poll with a reason and backs off, and the rest of its group goes on.
     */
    parseBudgetMs: z.number().int('must be a whole number').min(1, 'must be at least 1').max(300_000, 'must be at most 300000 (5 minutes)').optional(),
  })
  .superRefine((source, ctx) => {
    if (source.kind === 'html' && !source.selectors) {
      ctx.addIssue({
        code: 'custom',
        path: ['selectors'],
        message: 'is required for kind html: give item, title and link (CSS selectors), e.g. { item: "article", title: "h2", link: "a" }',
      });
    }
    if (source.kind !== 'html' && source.selectors) {
      ctx.addIssue({
        code: 'custom',
        path: ['selectors'],
        message: `is only used by kind html (this source is kind ${source.kind}): remove it or change the kind`,
      });
    }
  });

const prioritySchema = z.strictObject({
  id,
  name: oneLine,
  query: z.string().min(1),
  hashtags: z.array(z.string()).default([]),
});

// --- The social media grid (shared/grid/). ---

/** The channels the grid plans for; each counts length its own way (shared/grid/counter.ts). */
export const gridChannelIds = ['x', 'bluesky', 'threads', 'mastodon', 'instagram', 'linkedin', 'facebook'] as const;
export type GridChannelId = (typeof gridChannelIds)[number];

/** The kinds of hook a post can hang on; templates are keyed by them. */
export const hookKinds = ['awareness', 'meeting', 'priority', 'legislation', 'consultation'] as const;
export type HookKind = (typeof hookKinds)[number];

const isoDate = z.iso.date('must be a date such as "2026-05-07"');

/** What a post template may name, in braces: "{priority}: {title}. {link} {hashtags}". */
export const templatePlaceholders = ['title', 'summary', 'link', 'hashtags', 'date', 'time', 'mayor', 'place', 'council', 'priority', 'signOff'] as const;

const gridChannelSchema = z.strictObject({
  id: z.enum(gridChannelIds),
  days: z.array(z.enum(weekdays)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
  /** Posting times, Europe/London, earliest first. */
  times: z.array(clockTime).min(1),
  maxPerDay: z.number().int().min(1).max(12).default(1),
  /** Run by council staff: the Code of Recommended Practice on Local Authority Publicity applies. */
  staffRun: z.boolean().default(true),
  /** Posts carry an image (alt text then required before approval). Default: Instagram only. */
  images: z.boolean().optional(),
});

/** The grid's tragedy guard: words that name a death, crime, disaster or tragedy. */
export const DEFAULT_TRAGEDY_GUARD = [
  'kill*',
  'murder*',
  'stabbed',
  'stabbing*',
  'knifed',
  'died',
  'dies',
  'death*',
  'dead',
  'fatal*',
  'crash*',
  'fire',
  'fires',
  'blaze',
  'flood*',
  'attack*',
  'terror*',
  'abuse*',
  'assault*',
  'rape*',
  'manslaughter',
  'inquest',
  'funeral*',
  'tragedy',
  'tragic',
  'victim*',
  'missing',
  'shooting*',
  'shot',
  'explosion',
  'drowned',
  'injured',
  'injuries',
  'jailed',
  'sentenced',
  'convicted',
  'arrested',
  'collapse*',
  'disaster*',
  'mourn*',
  'tribute*',
  'vigil',
  'bereave*',
].join(' OR ');

/** The grid's criticism words, looked for near the council, the Mayor and the cabinet. */
export const DEFAULT_CRITICISM = [
  'criticised',
  'criticized',
  'criticises',
  'criticism',
  'critics',
  'slammed',
  'slams',
  'blasted',
  'blasts',
  'condemned',
  'condemns',
  'failure*',
  'failing',
  'failed',
  'scandal*',
  'row',
  'resign*',
  '"no confidence"',
  'backlash',
  'fury',
  'furious',
  'anger',
  'angry',
  'accused',
  'accuses',
  'blamed',
  'blames',
  '"special measures"',
  'ombudsman',
  'apologis*',
  'apologiz*',
  'u-turn',
  'shambles',
  'chaos',
].join(' OR ');

const gridObjectSchema = z.strictObject({
  /** When the weekly planner runs (Europe/London); it plans the following ISO week. */
  planner: z.strictObject({ day: z.enum(weekdays).default('thu'), time: clockTime.default('10:00') }).default({ day: 'thu', time: '10:00' }),
  channels: z.array(gridChannelSchema).min(1),
  /** Relative share of posts per priority id; a priority not listed weighs 1. */
  weights: z.record(z.string(), z.number().min(0).max(100)).default({}),
  /** How far a priority's share of posts may stray from its weighted share (0.2 = 20 points). */
  tolerance: z.number().min(0).max(1).default(0.2),
  /**
   * Four eyes (default on): the person who last changed a post's text cannot approve it, so every
   * word in the Mayor's name is seen by two people; false is for an office of one.
   */
  fourEyes: z.boolean().default(true),
  /** Days of coverage before the planned week that can become hooks. */
  lookbackDays: z.number().int().min(1).max(60).default(14),
  voice: z
    .strictObject({
      /** "mayor": first person for the Mayor; "council": the council's office speaking of the Mayor. */
      persona: z.enum(['mayor', 'council']).default('mayor'),
      signOff: z.string().default(''),
      /** Link used when a hook has none of its own (e.g. the council's Mayor page). */
      link: httpUrl.optional(),
      /** Your own templates per hook kind; see README for the {placeholders}. */
      templates: z.partialRecord(z.enum(hookKinds), z.array(z.string().min(1)).min(1)).default({}),
    })
    .default({ persona: 'mayor', signOff: '', templates: {} }),
  /** Pre-election periods: from the notice of election to polling day, inclusive. */
  preElection: z.array(z.strictObject({ noticeOfElection: isoDate, poll: isoDate, name: z.string().optional() })).default([]),
  /** Politically controversial matters (query syntax): never proposed on staff-run channels in a pre-election period. */
  controversial: z
    .array(z.string().min(1))
    .default([
      'election*',
      'candidate*',
      'manifesto*',
      'ballot*',
      'hustings',
      'Labour',
      'Conservative*',
      'Tory',
      'Tories',
      '"Liberal Democrat*"',
      '"Lib Dem*"',
      '"Green Party"',
      '"Reform UK"',
    ]),
  /** News is drafted only on days within this many days of its publication (first seen when undated): older news is stale. */
  recencyDays: z.number().int().min(0).max(14).default(3),
  /** Words that name a death, crime, disaster or tragedy (query syntax): nothing naming one is drafted in the Mayor's voice. */
  tragedyGuard: z.string().min(1).default(DEFAULT_TRAGEDY_GUARD),
  /**
   * Criticism words (query syntax, words and OR-groups so a distance means something): near the
   * council, the Mayor or a cabinet member (within sensitivity.proximity words) nothing is drafted.
   */
  criticism: z.string().min(1).default(DEFAULT_CRITICISM),
  /** The council's own sources (its press office, its meetings) by source id. Default: the sources in group "council". */
  ownSources: z.array(z.string().min(1)).optional(),
  /** Priorities whose press coverage may be drafted in the Mayor's voice; otherwise press coverage is a talking point. */
  draftPress: z.array(z.string().min(1)).default([]),
});

/**
 * The grid section, reading the key fourEyes replaced: `approval: anyone` is `fourEyes: false`,
 * `approval: someone-else` is `fourEyes: true`, so configurations written before keep working.
 * Both keys at once is refused, as they could disagree.
 */
const gridSchema = z.preprocess((input, ctx) => {
  if (typeof input !== 'object' || input === null || !('approval' in input)) return input;
  const { approval, ...rest } = input as Record<string, unknown>;
  if ('fourEyes' in rest) {
    ctx.addIssue({ code: 'custom', path: ['approval'], message: 'was replaced by grid.fourEyes: remove approval and keep fourEyes' });
    return rest;
  }
  if (approval !== 'anyone' && approval !== 'someone-else') {
    ctx.addIssue({ code: 'custom', path: ['approval'], message: 'was replaced by grid.fourEyes (true: someone else approves; false: anyone may)' });
    return rest;
  }
  return { ...rest, fourEyes: approval !== 'anyone' };
}, gridObjectSchema);

/** Checks that need the whole configuration: weights name real priorities, channels are unique, periods run forwards. */
function checkGrid(
  config: { priorities: { id: string }[]; sources: { id: string }[]; grid?: z.infer<typeof gridSchema> | undefined },
  ctx: z.RefinementCtx,
): void {
  const grid = config.grid;
  if (!grid) return;
  const priorityIds = new Set(config.priorities.map((p) => p.id));
  for (const key of Object.keys(grid.weights)) {
    if (!priorityIds.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['grid', 'weights', key],
        message: `names priority "${key}", which is not under priorities (${[...priorityIds].join(', ')})`,
      });
    }
  }
  const seenChannels = new Set<string>();
  grid.channels.forEach((channel, i) => {
    if (seenChannels.has(channel.id)) ctx.addIssue({ code: 'custom', path: ['grid', 'channels', i, 'id'], message: `duplicate channel "${channel.id}"` });
    seenChannels.add(channel.id);
    if (channel.maxPerDay > channel.times.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['grid', 'channels', i, 'maxPerDay'],
        message: `is ${channel.maxPerDay} but only ${channel.times.length} time(s) are listed`,
      });
    }
  });
  for (const [kind, templates] of Object.entries(grid.voice.templates)) {
    (templates ?? []).forEach((template, i) => {
      const unknown = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').filter((name) => !(templatePlaceholders as readonly string[]).includes(name));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['grid', 'voice', 'templates', kind, i],
          message: `names {${unknown.join('}, {')}}, which drafting does not know (use ${templatePlaceholders.map((p) => `{${p}}`).join(' ')})`,
        });
      }
    });
  }
  grid.draftPress.forEach((key, i) => {
    if (!priorityIds.has(key))
      ctx.addIssue({
        code: 'custom',
        path: ['grid', 'draftPress', i],
        message: `names priority "${key}", which is not under priorities (${[...priorityIds].join(', ')})`,
      });
  });
  const sourceIds = new Set(config.sources.map((s) => s.id));
  (grid.ownSources ?? []).forEach((key, i) => {
    if (!sourceIds.has(key)) ctx.addIssue({ code: 'custom', path: ['grid', 'ownSources', i], message: `names source "${key}", which is not under sources` });
  });
  grid.preElection.forEach((period, i) => {
    if (period.noticeOfElection > period.poll) {
      ctx.addIssue({ code: 'custom', path: ['grid', 'preElection', i, 'poll'], message: `is before the notice of election (${period.noticeOfElection})` });
    }
  });
}

// --- Sensitivity (shared/classify/sensitivity/score.ts): who is named near which trigger, where, how widely. ---

/** Sensitivity levels, lowest first. */
export const sensitivityLevels = ['none', 'watch', 'high', 'critical'] as const;
export type SensitivityLevel = (typeof sensitivityLevels)[number];

const weight = z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100');

/**
 * A trigger is a word, phrase or OR-group in query syntax; written bare it weighs 1. Words that count
 * only together can be written `{ phrase: calls for }`, so nobody has to nest quotes in YAML
 * (`'"calls for"'`); it is the same trigger as the quoted phrase.
 */
const triggerSchema = z.preprocess(
  (value) => {
    if (typeof value === 'string') return { term: value };
    if (value && typeof value === 'object' && 'phrase' in value && !('term' in value)) {
      const { phrase, ...rest } = value as { phrase: unknown };
      return typeof phrase === 'string' && !phrase.includes('"') && phrase.trim() !== '' ? { term: `"${phrase.trim()}"`, ...rest } : { phrase, ...rest };
    }
    return value;
  },
  z
    .union([
      z.strictObject({ term: z.string().min(1), weight: weight.default(1) }),
      z.strictObject({
        phrase: z
          .string()
          .min(1)
          .refine((p) => !p.includes('"'), 'write the words without quotes: { phrase: calls for }'),
        weight: weight.optional(),
      }),
    ])
    .transform((t) => ('term' in t ? t : { term: `"${t.phrase}"`, weight: t.weight ?? 1 })),
);

const cabinetMemberSchema = z.strictObject({
  name: z.string().min(1),
  /** Shown in reasons: "Cabinet Member for Housing". */
  role: z.string().min(1),
  /** Other ways the press names them ("Cllr Bell"). */
  aliases: z.array(z.string().min(1)).default([]),
});

export const DEFAULT_NAMED_WEIGHTS = { mayor: 3, cabinet: 2, council: 1 } as const;
export const DEFAULT_OUTLET_WEIGHTS = { national: 1.5, local: 1, blog: 0.5, official: 0.5 } as const;
export const DEFAULT_THRESHOLDS = { watch: 1, high: 3, critical: 8 } as const;

const sensitivityConfigSchema = z
  .strictObject({
    triggers: z.array(triggerSchema).min(1),
    /** Cabinet members (and others the office watches for), named like the Mayor. */
    cabinet: z.array(cabinetMemberSchema).default([]),
    /** A trigger counts only within this many words of the person or body named (NEAR/n). */
    proximity: z.number().int().min(1).max(50).default(8),
    /** How much naming each weighs: the score is this times the weights of the triggers near the name. */
    named: z
      .strictObject({
        mayor: weight.default(DEFAULT_NAMED_WEIGHTS.mayor),
        cabinet: weight.default(DEFAULT_NAMED_WEIGHTS.cabinet),
        council: weight.default(DEFAULT_NAMED_WEIGHTS.council),
      })
      .default({ ...DEFAULT_NAMED_WEIGHTS }),
    /** The score is multiplied by the weight of the outlet that carries the story (sources[].outlet). */
    outletWeights: z
      .strictObject({
        national: weight.default(DEFAULT_OUTLET_WEIGHTS.national),
        local: weight.default(DEFAULT_OUTLET_WEIGHTS.local),
        blog: weight.default(DEFAULT_OUTLET_WEIGHTS.blog),
        official: weight.default(DEFAULT_OUTLET_WEIGHTS.official),
      })
      .default({ ...DEFAULT_OUTLET_WEIGHTS }),
    /** Added to the score for each outlet beyond the first that carries the same story. */
    spreadWeight: weight.default(1),
    /** The score from which each level starts. */
    thresholds: z
      .strictObject({
        watch: weight.default(DEFAULT_THRESHOLDS.watch),
        high: weight.default(DEFAULT_THRESHOLDS.high),
        critical: weight.default(DEFAULT_THRESHOLDS.critical),
      })
      .default({ ...DEFAULT_THRESHOLDS })
      .refine((t) => t.watch > 0 && t.watch <= t.high && t.high <= t.critical, 'must rise: 0 < watch ≤ high ≤ critical'),
    /** The office is alerted about a story from this level (and again when it rises). */
    alertLevel: z.enum(['watch', 'high', 'critical']).default('high'),
    /** A sensitive story is alerted again when this many outlets carry it. */
    spreadAlerts: z
      .array(z.number().int().min(2).max(100))
      .default([3, 6])
      .refine((list) => list.every((n, i) => i === 0 || n > (list[i - 1] ?? 0)), 'must be in rising order, e.g. [3, 6]'),
  })
  .superRefine((sensitivity, ctx) => {
    const seen = new Set<string>();
    sensitivity.triggers.forEach((trigger, i) => {
      if (seen.has(trigger.term)) ctx.addIssue({ code: 'custom', path: ['triggers', i, 'term'], message: `duplicate trigger "${trigger.term}"` });
      seen.add(trigger.term);
    });
  });
export type SensitivityConfig = z.infer<typeof sensitivityConfigSchema>;

// --- Alerts (shared/deliver/alerts/): who hears about a sensitive story, how, and when. ---

/** International form, as SNS needs it: "+447700900123". */
const phoneNumber = z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be a phone number in international form, e.g. "+447700900123"');

const alertRouteSchema = z
  .strictObject({
    /** Names the route in logs and delivery records; defaults to its level (give one when two routes share a level). */
    id: id.optional(),
    /** The route hears about stories at this level and above. */
    level: z.enum(['watch', 'high', 'critical']),
    email: z.array(email).default([]),
    /** A Teams (Workflows / incoming webhook) or Slack incoming-webhook address. */
    webhook: z.strictObject({ url: webhookUrl, kind: z.enum(['teams', 'slack']) }).optional(),
    /** Text messages through Amazon SNS (in AWS; locally written to the outbox). */
    sms: z.array(phoneNumber).default([]),
    /**
     * Written by the build, never by hand: this route's webhook and numbers were taken out of the
     * bundled configuration and are read from SSM Parameter Store by the alerter alone
     * (shared/deliver/alerts/secrets.ts). Says which of the two there are, and the webhook's kind.
     */
    sealed: z.strictObject({ webhook: z.enum(['teams', 'slack']).optional(), sms: z.literal(true).optional() }).optional(),
  })
  .refine((r) => r.email.length > 0 || r.webhook !== undefined || r.sms.length > 0 || r.sealed !== undefined, 'sends nowhere: give email, webhook or sms');
export type AlertRouteConfig = z.infer<typeof alertRouteSchema>;

const alertsSchema = z.strictObject({
  /** The default route: these addresses hear about every alerted story (sensitivity.alertLevel and above). */
  to: z.array(email).default([]),
  from: email.optional(),
  replyTo: email.optional(),
  routes: z.array(alertRouteSchema).default([]),
  /**
   * Europe/London. Alerts below critical that fall in these hours are held and sent when they end;
   * critical ones always go. `from` after `to` runs over midnight ("22:00" to "07:00").
   */
  quietHours: z
    .strictObject({ from: clockTime, to: clockTime })
    .refine((q) => q.from !== q.to, 'from and to are the same time: give the hours to keep quiet, e.g. from "22:00" to "07:00"')
    .optional(),
});

const emailSchema = z
  .strictObject({
    /** Local runs only: send through this SMTP server as well as writing to the outbox. */
    smtp: z
      .strictObject({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(587),
        /** true: TLS from the start (port 465); false: STARTTLS when the server offers it (587, 25). */
        secure: z.boolean().default(false),
        user: z.string().min(1).optional(),
        /** The environment variable that holds the password; never the password itself. */
        passwordEnv: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable, e.g. "DESPATCH_SMTP_PASSWORD"')
          .optional(),
        password: z
          .undefined({ error: "must not be written in the configuration file: put it in an environment variable and give that variable's name as passwordEnv" })
          .optional(),
      })
      .refine((s) => (s.user === undefined) === (s.passwordEnv === undefined), 'needs both user and passwordEnv, or neither')
      .optional(),
  })
  .default({});

/** Every alerted story reaches someone, and no route waits for a level that is never alerted. */
function checkAlerts(config: { sensitivity: { alertLevel: 'watch' | 'high' | 'critical' }; alerts: z.infer<typeof alertsSchema> }, ctx: z.RefinementCtx): void {
  const order = ['watch', 'high', 'critical'] as const;
  const floor = order.indexOf(config.sensitivity.alertLevel);
  const { alerts } = config;
  if (alerts.to.length === 0 && alerts.routes.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['alerts', 'to'], message: 'is empty and there are no routes: give at least one address to alert' });
    return;
  }
  alerts.routes.forEach((route, i) => {
    if (order.indexOf(route.level) < floor) {
      ctx.addIssue({
        code: 'custom',
        path: ['alerts', 'routes', i, 'level'],
        message: `is ${route.level}, below sensitivity.alertLevel (${config.sensitivity.alertLevel}): nothing below ${config.sensitivity.alertLevel} is alerted, so this route would never be used`,
      });
    }
  });
  const lowest = Math.min(...alerts.routes.map((r) => order.indexOf(r.level)), alerts.to.length > 0 ? floor : Infinity);
  if (lowest > floor) {
    ctx.addIssue({
      code: 'custom',
      path: ['alerts', 'routes'],
      message: `start at ${order[lowest] ?? 'critical'}, so a ${config.sensitivity.alertLevel} story would alert nobody: add alerts.to, or a route with level ${config.sensitivity.alertLevel}`,
    });
  }
  const ids = alerts.routes.map((r) => r.id ?? r.level);
  ids.forEach((routeId, i) => {
    if (ids.indexOf(routeId) !== i)
      ctx.addIssue({ code: 'custom', path: ['alerts', 'routes', i, 'id'], message: `two routes are called "${routeId}": give each an id` });
  });
}

/** operations.alarms: which alarms the stack deploys (shared/platform/alarms.ts lists them). Here, so the page's bundle, which reads this schema, needs nothing of the platform's. */
export const ALARM_LEVELS = ['essential', 'full'] as const;

export const configSchema = z
  .strictObject({
    council: z.strictObject({ name: oneLine, short: oneLine }),
    mayor: z.strictObject({ name: oneLine, aliases: z.array(oneLine).default([]) }),
    /** The borough's towns, neighbourhoods and wards: items naming them lead their briefing section. */
    places: z.array(z.string().trim().min(1)).default([]),
    /**
     * Where the legislation the office sees applies (legislation.gov.uk's type says it: an SSI is
     * Scotland's, an NISR Northern Ireland's). Default: an English council's.
     */
    legislation: z
      .strictObject({
        extents: z
          .array(z.enum(['uk', 'great-britain', 'england-and-wales', 'england', 'wales', 'scotland', 'northern-ireland']))
          .min(1)
          .default(['uk', 'great-britain', 'england-and-wales', 'england']),
      })
      .default({ extents: ['uk', 'great-britain', 'england-and-wales', 'england'] }),
    priorities: z.array(prioritySchema).min(1),
    sensitivity: sensitivityConfigSchema,
    sources: z.array(sourceSchema).min(1),
    /** How old an item may be and still be news, by kind of source, for every source (see ageClasses). */
    maxAgeDays: maxAgeDefaultsSchema.default({ ...DEFAULT_MAX_AGE_DAYS }),
    /** New items taken from one source per poll, newest first (default DEFAULT_MAX_ITEMS_PER_POLL); a source may set its own. */
    maxItemsPerPoll: maxItemsPerPoll.optional(),
    groups: z.array(z.strictObject({ id, every })).min(1),
    briefing: z.strictObject({
      time: clockTime.default('07:00'),
      days: z.array(z.enum(weekdays)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
      to: z.array(email).min(1),
      from: email,
      /** A source failing for longer than this (hours) is listed in the briefing; 0 lists every source failing at the time. */
      failingSourceHours: z
        .number()
        .min(0)
        .max(24 * 30)
        .default(12),
      /** Where replies to the briefing go (e.g. the political assistant), when not to `from`. */
      replyTo: email.optional(),
      /** The review page's address: a capped section's "+N more" links there. Without it the email says how many more. */
      reviewUrl: httpUrl.optional(),
    }),
    alerts: alertsSchema,
    /** How email leaves a laptop: the outbox folder always, and an SMTP server when one is given. AWS uses SES. */
    email: emailSchema,
    network: z
      .strictObject({
        allowPrivateHosts: z.boolean().default(false),
        /** Who to contact about our requests: goes into the User-Agent, as publishers ask. */
        contact: oneLine.pipe(z.string().min(3)).default('despatch@example.gov.uk'),
        timeoutSeconds: z.number().int().min(1).max(60).default(20),
        maxBodyBytes: z
          .number()
          .int('must be a whole number of bytes')
          .min(1024, 'must be at least 1024 bytes')
          .max(MAX_BODY_BYTES_LIMIT, `must be at most ${MAX_BODY_BYTES_LIMIT} bytes (50 MB): no feed or listing page is bigger`)
          .default(5 * 1024 * 1024),
        /** At most this many requests at once to one host (publishers count them), whatever the group's size. */
        perHostConcurrency: z.number().int().min(1).max(8).default(2),
      })
      .default({ allowPrivateHosts: false, contact: 'despatch@example.gov.uk', timeoutSeconds: 20, maxBodyBytes: 5 * 1024 * 1024, perHostConcurrency: 2 }),
    retention: z.strictObject({ days: z.number().int().min(1).max(3650) }).default({ days: 400 }),
    /** AWS only: who hears about alarms, which alarms, and whether to deploy a dashboard (docs/runbook.md). */
    operations: z
      .strictObject({
        alarmEmail: email.optional(),
        /** `essential` (five alarms, always free) or `full` (also errors and throttles per function). */
        alarms: z.enum(ALARM_LEVELS, { error: `must be one of ${ALARM_LEVELS.join(', ')}` }).default('essential'),
        /** A CloudWatch dashboard costs $3 a month at list price; the console's automatic dashboards are free. */
        dashboard: z.boolean().default(false),
      })
      .default({ alarms: 'essential', dashboard: false }),
    grid: gridSchema.optional(),
    users: localUsersSchema,
    /**
     * The borough's MPs and any peer the office follows, by member id, name or constituency:
     * Parliament sources watch them by default, and the briefing's "Our MPs" is what they said or asked.
     */
    parliament: z.strictObject({ members: z.array(watchedMember).default([]), membersApi: httpUrl.default(DEFAULT_MEMBERS_API) }).optional(),
  })
  .superRefine((config, ctx) => {
    const groupIds = new Set(config.groups.map((g) => g.id));
    config.sources.forEach((source, i) => {
      if (!groupIds.has(source.group)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'group'],
          message: `names group "${source.group}", which is not under groups (${[...groupIds].join(', ')})`,
        });
      }
    });
    reportDuplicates(
      config.sources.map((s) => s.id),
      'sources',
      ctx,
    );
    reportDuplicates(
      config.priorities.map((p) => p.id),
      'priorities',
      ctx,
    );
    reportDuplicates(
      config.groups.map((g) => g.id),
      'groups',
      ctx,
    );
    checkGrid(config, ctx);
    checkAlerts(config, ctx);
  });

function reportDuplicates(ids: string[], list: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  ids.forEach((value, i) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `duplicate id "${value}"` });
    seen.add(value);
  });
}

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = Config['sources'][number];
type PriorityConfig = Config['priorities'][number];
type GroupConfig = Config['groups'][number];
export type GridConfig = NonNullable<Config['grid']>;
export type GridChannelConfig = GridConfig['channels'][number];
