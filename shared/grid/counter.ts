/**
 * Post length, counted the way each platform counts it, so the number the assistant sees is the
 * number the platform will enforce. Runs in the browser too (the review page's live counter):
 * no Node-only imports here.
 *
 * - X: 280 weighted; twitter-text's parseTweet (NFC, CJK and emoji weigh 2, every URL 23).
 * - Bluesky: 300 graphemes (what the app calls characters); links count in full.
 * - Threads: 500; an emoji counts as its UTF-8 bytes (Meta's API documentation); at most 5 links.
 * - Mastodon: 500 graphemes, every http(s) URL counts 23, a remote mention counts its user part
 *   only (as the server's StatusLengthValidator does).
 * - Instagram 2,200, LinkedIn 3,000, Facebook 63,206: characters (code points). Links in an
 *   Instagram caption are not clickable, which earns a warning.
 */
import twitter from 'twitter-text';
import type { GridChannelId } from '../platform/config/schema.js';

export interface ChannelRule {
  readonly id: GridChannelId;
  readonly name: string;
  readonly limit: number;
  /** How the platform counts, in plain words (shown beside the counter). */
  readonly counting: string;
}

export const CHANNEL_RULES: Readonly<Record<GridChannelId, ChannelRule>> = {
  x: { id: 'x', name: 'X', limit: 280, counting: 'weighted: emoji and CJK count 2, every link 23' },
  bluesky: { id: 'bluesky', name: 'Bluesky', limit: 300, counting: 'graphemes (what you see as characters); links count in full' },
  threads: { id: 'threads', name: 'Threads', limit: 500, counting: 'characters, an emoji as its bytes; at most 5 links' },
  mastodon: { id: 'mastodon', name: 'Mastodon', limit: 500, counting: 'characters; every link counts 23' },
  instagram: { id: 'instagram', name: 'Instagram', limit: 2200, counting: 'characters; links are not clickable' },
  linkedin: { id: 'linkedin', name: 'LinkedIn', limit: 3000, counting: 'characters' },
  facebook: { id: 'facebook', name: 'Facebook', limit: 63_206, counting: 'characters' },
};

export interface LengthCount {
  readonly channel: GridChannelId;
  readonly count: number;
  readonly limit: number;
  readonly remaining: number;
  readonly over: boolean;
  /** Things that will go wrong on the platform besides length ("links are not clickable"). */
  readonly warnings: string[];
}

export const URL_WEIGHT = 23;
const THREADS_MAX_LINKS = 5;
const INSTAGRAM_MAX_HASHTAGS = 30;
/** Any http(s) or www. link, whatever its domain (twitter-text only knows real top-level domains). */
const PLAIN_LINK = /\b(?:https?:\/\/|www\.)\S+/i;
const PLAIN_LINKS = /\b(?:https?:\/\/|www\.)\S+/gi;

let segmenter: Intl.Segmenter | undefined;

/** Extended grapheme clusters, as Unicode defines them (Intl.Segmenter). */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
let encoder: InstanceType<typeof TextEncoder> | undefined;

function utf8Bytes(text: string): number {
  encoder ??= new TextEncoder();
  return encoder.encode(text).length;
}

/** http(s) links as twitter-text finds them (the extractor Mastodon also uses). */
function linksWithProtocol(text: string): { url: string; indices: [number, number] }[] {
  return twitter.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
}

function mastodonCountable(text: string): string {
  let out = '';
  let at = 0;
  for (const { indices } of linksWithProtocol(text)) {
    out += text.slice(at, indices[0]) + 'x'.repeat(URL_WEIGHT);
    at = indices[1];
  }
  out += text.slice(at);
  // "@user@example.social" counts as "@user".
  return out.replace(/(^|[^/\w])@(([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]+)/gi, '$1@$3');
}

function count(channel: GridChannelId, text: string): number {
  switch (channel) {
    case 'x':
      return twitter.parseTweet(text).weightedLength;
    case 'bluesky':
      return graphemes(text).length;
    case 'threads':
      return graphemes(text).reduce((n, g) => n + (EMOJI.test(g) ? utf8Bytes(g) : 1), 0);
    case 'mastodon':
      return graphemes(mastodonCountable(text)).length;
    case 'instagram':
    case 'linkedin':
    case 'facebook':
      return Array.from(text).length;
  }
}

function warningsFor(channel: GridChannelId, text: string): string[] {
  const warnings: string[] = [];
  if (channel === 'instagram') {
    if (PLAIN_LINK.test(text) || twitter.extractUrls(text).length > 0)
      warnings.push('Links in an Instagram caption are not clickable: say "link in bio" instead.');
    const hashtags = twitter.extractHashtags(text).length;
    if (hashtags > INSTAGRAM_MAX_HASHTAGS) warnings.push(`Instagram allows at most ${INSTAGRAM_MAX_HASHTAGS} hashtags; this has ${hashtags}.`);
  }
  if (channel === 'threads') {
    const links = (text.match(PLAIN_LINKS) ?? []).length;
    if (links > THREADS_MAX_LINKS) warnings.push(`Threads allows at most ${THREADS_MAX_LINKS} links in a post; this has ${links}.`);
  }
  return warnings;
}

/** The length of `text` on `channel`, its limit, and what else the platform will object to. */
export function countLength(channel: GridChannelId, text: string): LengthCount {
  const limit = CHANNEL_RULES[channel].limit;
  const n = count(channel, text);
  return { channel, count: n, limit, remaining: limit - n, over: n > limit, warnings: warningsFor(channel, text) };
}
