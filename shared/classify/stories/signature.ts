/**
 * "Is this the same story?" for headlines and ledes from different outlets, which rarely share a
 * sentence but do share the specifics: names, places, numbers, the event. Each item becomes a set of
 * shingles (its distinctive words, lightly stemmed, plus the word pairs of its headline) and a
 * MinHash signature of that set, so two items compare in 64 byte comparisons and a signature can be
 * stored with the story (64 bytes) for items that arrive later.
 */
import { scanWords } from '../rules/normalise.js';

/** Number of hash functions; the Jaccard estimate's standard error is about sqrt(J(1-J)/128) ≈ 0.04. */
export const SIGNATURE_LENGTH = 128;
/** How much of the summary counts as the lede. */
const LEDE_WORDS = 40;

/**
 * Words that say nothing about which story it is: function words, reporting verbs and the
 * vocabulary of every local-government story. Compared after stemming (see stem()).
 */
const STOPWORDS = new Set(
  `a about above across after again against ago all almost also am amid among an and another any are around as at
  back be because been before being below between both but by can could day did do does doing down during each
  either even ever every few for from further get gets got had has have having he her here hers him his how however
  i if in into is it its itself just last least less like made make many may me might more most much must my near
  new next no nor not now of off on once one only or other our out over own per said same say says she should
  since so some still such than that the their them then there these they this those though through to today too
  under until up upon us very via was we week were what when where whether which while who whom whose why will
  with within without would year yesterday you your
  after amid says said told tell tells report reports reported claim claims claimed warn warns warned latest news
  update live watch video exclusive breaking face faces facing call calls called calling urge urged urges
  vow vows slam slams hit hits back backs set sets move moves bid row
  council councils borough local london mayor mayors cllr councillor councillors resident residents people`
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => stem(w)),
);

/** Whether a stemmed word says nothing about which story it is. */
export function isStopword(stemmed: string): boolean {
  return STOPWORDS.has(stemmed);
}

/** Trims common English endings so "resigns", "resigned" and "resigning" count as one word. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && /(s|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  return w;
}

export interface StoryText {
  readonly title: string;
  readonly summary: string;
}

/**
 * The shingles of an item: distinctive words of the headline and lede, and the pairs of adjacent
 * distinctive words in the headline. `common` adds words to ignore (the council's and the Mayor's
 * names, which appear in nearly every item the office sees and so cannot tell stories apart).
 */
export function shingles(text: StoryText, common: ReadonlySet<string> = new Set()): Set<string> {
  const keep = (word: string): string | undefined => {
    const s = stem(word);
    if (s.length < 2 && !/\d/.test(s)) return undefined;
    if (STOPWORDS.has(s) || common.has(s)) return undefined;
    return s;
  };
  const out = new Set<string>();
  const titleWords: string[] = [];
  scanWords(text.title, (_start, _end, word) => {
    const kept = keep(word);
    if (kept) titleWords.push(kept);
  });
  for (const word of titleWords) out.add(word);
  for (let i = 1; i < titleWords.length; i++) out.add(`${titleWords[i - 1]} ${titleWords[i]}`);
  let count = 0;
  scanWords(text.summary, (_start, _end, word) => {
    if (count++ >= LEDE_WORDS) return;
    const kept = keep(word);
    if (kept) out.add(kept);
  });
  return out;
}

/** Words to ignore for an office: the words of its council's and Mayor's names. */
export function commonWordsFor(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) scanWords(name, (_s, _e, word) => out.add(stem(word)));
  return out;
}

/** FNV-1a over UTF-16 units. */
function hash32(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The murmur3 finaliser: turns (hash xor seed) into an independent-looking permutation per seed. */
function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds: signatures stored today must compare with ones computed after a redeploy. */
const SEEDS = Array.from({ length: SIGNATURE_LENGTH }, (_, i) => mix((i + 1) * 0x9e3779b1));

/**
 * MinHash of a shingle set, keeping the low 8 bits of each minimum (b-bit MinHash): 64 bytes that
 * estimate Jaccard similarity nearly as well as the full 32-bit minima (see similarity()).
 */
export function signature(set: ReadonlySet<string>): Uint8Array {
  const minima = new Array<number>(SIGNATURE_LENGTH).fill(0xffffffff);
  for (const shingle of set) {
    const h = hash32(shingle);
    for (let i = 0; i < SIGNATURE_LENGTH; i++) {
      const v = mix(h ^ (SEEDS[i] ?? 0));
      if (v < (minima[i] ?? 0)) minima[i] = v;
    }
  }
  const out = new Uint8Array(SIGNATURE_LENGTH);
  // An empty set (a headline of stopwords only) keeps every minimum at 0xffffffff: all bytes 0xff,
  // which similarity() treats as "nothing to compare" (a real set gives that 1 time in 256^64).
  for (let i = 0; i < SIGNATURE_LENGTH; i++) out[i] = (minima[i] ?? 0) & 0xff;
  return out;
}

function isEmpty(sig: Uint8Array): boolean {
  return sig.every((byte) => byte === 0xff);
}

/**
 * Estimated Jaccard similarity of the two sets behind two signatures, 0…1. With 8 bits kept, two
 * different minima agree by chance 1 time in 256, so that rate is taken out of the raw agreement.
 */
export function similarity(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  // Two headlines with nothing distinctive are not thereby the same story.
  if (n === 0 || isEmpty(a) || isEmpty(b)) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  const chance = 1 / 256;
  return Math.max(0, (same / n - chance) / (1 - chance));
}

export function encodeSignature(sig: Uint8Array): string {
  return Buffer.from(sig).toString('base64');
}

export function decodeSignature(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Exact Jaccard similarity, for measuring how far the MinHash estimate strays. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}
