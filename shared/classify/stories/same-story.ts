/**
 * "Is this the same event?" beyond word overlap. Three things the MinHash similarity alone got
 * wrong on real feeds (test/corpus/story-pairs.ts):
 *
 * - Boilerplate. Parliament's bills all open "A Bill to make provision … and for connected
 *   purposes", statutory instruments all end "(Amendment) Regulations 2026": that is the form of
 *   the document, not its subject, and it made stories of up to 12 bills. It is taken out first.
 * - Documents. A bill or an instrument is one document with an identity (legislation.gov.uk's
 *   type/year/number, a bill's page): two different ones are never one story, however alike their
 *   titles ("Kew Gardens (Leases)" and "Kew Gardens (Leases) (No. 2)"), and one document listed
 *   twice is.
 * - Distinctive terms. Two items join only if they share a name, a place or a figure (the words
 *   written with a capital inside a sentence, and numbers), and those weigh double in the
 *   similarity: "Westfield" says more than "fire", and two scandals about the same Mayor share
 *   only the Mayor's name, which is not distinctive (compile-rules.ts's common words).
 */
import { scanWords } from '../rules/normalise.js';
import { decodeSignature, isStopword, shingles, signature, similarity, stem, type StoryText } from './signature.js';
import { SAME_STORY_THRESHOLD, type StoryMember, type StoryRecord } from './story.js';

/** What an item brings to the question, computed once per item. */
export interface StoryFeatures {
  readonly signature: Uint8Array;
  /** Its distinctive terms, stemmed and lower-case; "^" marks one seen only at a sentence's start. */
  readonly keys: readonly string[];
  /** Its other words (what happened: "fire", "evacuat", "kidnapp"), stemmed. */
  readonly events: readonly string[];
  /** The legislation or bill it is ("leg:uksi/2026/1050", "bill:3456"), when its link says. */
  readonly document?: string | undefined;
  /** When it was published (ms), when known: reports of one event are published within days. */
  readonly publishedAt?: number | undefined;
}

/** Items published further apart than this are two events, however alike (a committee's inquiry over months). */
export const SAME_EVENT_HOURS = 48;
/**
 * With a distinctive term in common, this much similarity is enough: two outlets' headlines and
 * ledes on one event share few words (Jaccard 0.10–0.18 on the corpus pairs), and the shared name
 * or place is what keeps different events apart.
 */
export const SAME_STORY_WITH_KEY = 0.09;
/** …and this many words of what happened in common besides the names ("kidnapped", "gang"). */
export const SHARED_EVENT_WORDS = 2;
/** At most this many event words are kept per item. */
export const MAX_EVENT_WORDS = 24;
/** Words of every report that say nothing about what happened. */
const NOT_EVENTS = new Set(['sir', 'mp', 'mps', 'son', 'publication', 'first', 'two', 'three', 'year', 'old', 'time'].map(stem));

/** At most this many distinctive terms are kept per item (and stored per story). */
export const MAX_KEYS = 16;

/**
 * The form words of legislation and bills, removed before anything is compared. Phrases, not
 * single words, so that "order" and "act" in a news headline still count.
 */
const BOILERPLATE: readonly RegExp[] = [
  /\ba bill to\b/gi,
  /\bto make (?:new |further )?provision(?:s)?(?: (?:for|about|to|in relation to|relating to|with respect to|in respect of|as to|in connection with))?\b/gi,
  /\band (?:to make provision )?for (?:connected|related|other connected|other related) purposes\b/gi,
  /\bfor connected purposes\b/gi,
  /\bto amend (?:the|certain provisions of the)\b/gi,
  /\b(?:these|the) regulations\b/gi,
  /\bthis (?:order|instrument)\b/gi,
  /\((?:miscellaneous )?(?:amendment|amendments|revocation|emergency|consequential provisions?)\)/gi,
  /\b(?:miscellaneous )?amendment (?:order|regulations|rules)\b/gi,
  /\b(?:regulations|order|rules)\s+(?:19|20)\d\d\b/gi,
  /\(no\.?\s*\d+\)/gi,
];

export function withoutBoilerplate(text: string): string {
  let out = text;
  for (const pattern of BOILERPLATE) out = out.replace(pattern, ' ');
  return out;
}

/** legislation.gov.uk/uksi/2026/123, bills.parliament.uk/bills/3456, services.parliament.uk/bills/2017-19/x.html. */
export function documentIdentity(link: string | undefined): string | undefined {
  if (!link) return undefined;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^www\./, '');
  if (host === 'legislation.gov.uk') {
    const m = /^\/(?:id\/)?([a-z]{2,6})\/(\d{4})\/(\d+)(?:\/|$)/.exec(url.pathname);
    return m ? `leg:${m[1]}/${m[2]}/${m[3]}` : undefined;
  }
  if (host === 'bills.parliament.uk') {
    const m = /^\/bills\/(\d+)(?:\/|$)/.exec(url.pathname);
    return m ? `bill:${m[1]}` : undefined;
  }
  if (host === 'services.parliament.uk') {
    const m = /^\/bills\/(\d{4}-\d{2})\/([a-z0-9-]+)\.html$/i.exec(url.pathname);
    return m ? `bill:${m[1]}/${m[2]!.toLowerCase()}` : undefined;
  }
  return undefined;
}

/** Where a sentence (or a headline's part) starts: a capital there says nothing about the word. */
const SENTENCE_BREAK = /[.:;!?|–—]\s*$|^\s*$|["'‘“(\[]\s*$|\s-\s*$/;

/** Said so often that sharing them says nothing (kept as ordinary words). */
const NOT_DISTINCTIVE = new Set(
  [
    'uk',
    'britain',
    'british',
    'england',
    'english',
    'us',
    'usa',
    'america',
    'american',
    'government',
    'govt',
    'pm',
    'mp',
    'mps',
    'covid',
    'covid-19',
    'coronavirus',
    'nhs',
    'bbc',
    'cnn',
    'sir',
    'dr',
    'prof',
    'mr',
    'mrs',
    'ms',
  ].map(stem),
);

/**
 * The distinctive terms of a text: capitalised words not at a sentence's start (or at it, when the
 * same word is capitalised elsewhere in the item, or when a colon follows, as in "Sudan: …"), and
 * numbers other than years. Headlines in Title Case capitalise every word; then they count as well.
 */
export function distinctiveTerms(text: StoryText, common: ReadonlySet<string> = new Set()): string[] {
  const found = new Map<string, number>();
  const add = (word: string, weight: number) => {
    const s = stem(word);
    if (s.length < 2 && !/\d/.test(s)) return;
    if (isStopword(s) || common.has(s) || NOT_DISTINCTIVE.has(s)) return;
    found.set(s, (found.get(s) ?? 0) + weight);
  };
  const capitalisedInside = new Set<string>();
  const candidates: { word: string; text: string; start: number; end: number }[] = [];
  for (const field of [withoutBoilerplate(text.title), withoutBoilerplate(text.summary)]) {
    scanWords(field, (start, end, word) => candidates.push({ word, text: field, start, end }));
  }
  const starts: typeof candidates = [];
  for (const c of candidates) {
    const raw = c.text.slice(c.start, c.end);
    if (/^\d+$/.test(raw)) {
      // Years are in every dated item; other figures (17 missionaries, £4m, 3,000 homes) are the story's own.
      if (!/^(?:19|20)\d\d$/.test(raw)) add(c.word, 1);
      continue;
    }
    if (!/^\p{Lu}/u.test(raw)) continue;
    if (SENTENCE_BREAK.test(c.text.slice(Math.max(0, c.start - 3), c.start))) starts.push(c);
    else {
      capitalisedInside.add(c.word);
      add(c.word, 1);
    }
  }
  const weak = new Set<string>();
  for (const c of starts) {
    const next = c.text.slice(c.end, c.end + 1);
    if (capitalisedInside.has(c.word) || next === ':') add(c.word, 1);
    else weak.add(c.word);
  }
  const strong = [...found]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_KEYS)
    .map(([term]) => term);
  // A capital at a sentence's start may be a name ("Westfield Stratford closed …"): kept, marked
  // weak, to count when the other item capitalises the word inside a sentence.
  const weakKeys: string[] = [];
  for (const word of weak) {
    const s = stem(word);
    if (s.length < 2 || isStopword(s) || common.has(s) || NOT_DISTINCTIVE.has(s) || strong.includes(s) || weakKeys.includes(`^${s}`)) continue;
    weakKeys.push(`^${s}`);
  }
  return [...strong, ...weakKeys.slice(0, 4)];
}

export function storyFeatures(
  text: StoryText & { readonly link?: string | undefined; readonly publishedAt?: string | undefined },
  common: ReadonlySet<string> = new Set(),
): StoryFeatures {
  const keys = distinctiveTerms(text, common);
  const cleaned = { title: withoutBoilerplate(text.title), summary: withoutBoilerplate(text.summary) };
  const set = shingles(cleaned, common);
  // Distinctive terms count twice: a second, marked copy of each in the set.
  for (const key of keys) if (set.has(key)) set.add(`#${key}`);
  const plainKeys = new Set(keys.map((k) => k.replace(/^\^/, '')));
  const events = [...set]
    .filter((w) => !w.includes(' ') && !w.startsWith('#') && !plainKeys.has(w) && !NOT_EVENTS.has(w) && !/\d/.test(w))
    .slice(0, MAX_EVENT_WORDS);
  const document = documentIdentity(text.link);
  const published = text.publishedAt ? Date.parse(text.publishedAt) : Number.NaN;
  return { signature: signature(set), keys, events, ...(document ? { document } : {}), ...(Number.isFinite(published) ? { publishedAt: published } : {}) };
}

/** Whether two sets of distinctive terms share one: a strong term of either, strong or weak in the other. */
export function shareKey(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const inA = new Set(a);
  const inB = new Set(b);
  for (const k of a) if (!k.startsWith('^') && (inB.has(k) || inB.has(`^${k}`))) return true;
  for (const k of b) if (!k.startsWith('^') && inA.has(`^${k}`)) return true;
  return false;
}

/**
 * Two documents are one story exactly when they are one document; otherwise two items are one
 * story when they share a distinctive term and enough of their words.
 */
export function sameStory(a: StoryFeatures, b: StoryFeatures): boolean {
  if (a.document && b.document) return a.document === b.document;
  if (a.publishedAt !== undefined && b.publishedAt !== undefined && Math.abs(a.publishedAt - b.publishedAt) > SAME_EVENT_HOURS * 3_600_000) return false;
  const score = similarity(a.signature, b.signature);
  if (score >= SAME_STORY_THRESHOLD) return true;
  // Below the plain threshold, a name in common and words of what happened in common: the same
  // person in another story ("Prince Charles … proud of William", "Prince Charles … The Crown")
  // shares the name only.
  return score >= SAME_STORY_WITH_KEY && shareKey(a.keys, b.keys) && sharedCount(a.events, b.events) >= SHARED_EVENT_WORDS;
}

function sharedCount(a: readonly string[], b: readonly string[]): number {
  const set = new Set(a);
  return b.filter((w) => set.has(w)).length;
}

/**
 * How well an item matches a stored story: the best similarity to one of its signatures that
 * sameStory accepts, 0 when none does. A story stored before terms were kept is matched on its
 * signatures alone, as it was then.
 */
export function matchesStory(story: StoryRecord, member: Omit<StoryMember, 'signature'> & { readonly signature: Uint8Array }): number {
  const published = member.publishedAt ? Date.parse(member.publishedAt) : Number.NaN;
  const item: StoryFeatures = {
    signature: member.signature,
    keys: member.keys ?? [],
    events: member.events ?? [],
    ...(member.document ? { document: member.document } : {}),
    ...(Number.isFinite(published) ? { publishedAt: published } : {}),
  };
  if (item.document && story.documents && story.documents.length > 0) return story.documents.includes(item.document) ? 1 : 0;
  const storyPublished = story.publishedAt ? Date.parse(story.publishedAt) : Number.NaN;
  let best = 0;
  for (const stored of story.signatures) {
    const sig = decodeSignature(stored);
    const candidate: StoryFeatures = {
      signature: sig,
      keys: story.keys ?? [],
      events: story.events ?? [],
      ...(Number.isFinite(storyPublished) ? { publishedAt: storyPublished } : {}),
    };
    if (sameStory(item, candidate)) best = Math.max(best, similarity(item.signature, sig));
  }
  return best;
}
