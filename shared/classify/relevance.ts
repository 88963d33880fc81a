/**
 * Relevance to the borough: does an item name the council, the borough, one of its places, the
 * Mayor or a cabinet member? The briefing lists those first in every section, so the borough's own
 * story of the day is not pushed down by a national story many outlets carry. And legislation by
 * extent: an English council has no use for a Scottish or Northern Irish statutory instrument.
 */
import type { Config } from '../platform/config/schema.js';
import type { ClassifiedItem } from '../platform/model.js';
import { compileQuery, prepareText, type CompiledQuery } from './rules/index.js';

export interface BoroughNames {
  readonly council: Pick<Config['council'], 'name' | 'short'>;
  readonly mayor: Pick<Config['mayor'], 'name' | 'aliases'>;
  readonly places?: readonly string[] | undefined;
  readonly sensitivity?: { readonly cabinet?: readonly { readonly name: string; readonly aliases: readonly string[] }[] } | undefined;
}

const phrase = (words: string): string => `"${words.replace(/["“”„]/g, ' ').trim()}"`;

/** Every name the office answers to, as one query; undefined when there are none to look for. */
export function boroughQuery(names: BoroughNames): CompiledQuery | undefined {
  const all = [
    names.council.name,
    names.council.short,
    names.mayor.name,
    ...names.mayor.aliases,
    ...(names.places ?? []),
    ...(names.sensitivity?.cabinet ?? []).flatMap((c) => [c.name, ...c.aliases]),
  ]
    .map((n) => n.trim())
    .filter((n) => /[\p{L}\p{N}]/u.test(n));
  if (all.length === 0) return undefined;
  return compileQuery([...new Set(all)].map(phrase).join(' OR '));
}

/** Whether an item's own headline or snippet names the borough, its places or its people. */
export function namesBorough(query: CompiledQuery | undefined, item: Pick<ClassifiedItem, 'title' | 'summary'>): boolean {
  if (!query) return false;
  return query.match(prepareText({ title: item.title, summary: item.summary })) !== null;
}

/** Where legislation applies, as the configuration names it. */
export const legislationExtents = ['uk', 'great-britain', 'england-and-wales', 'england', 'wales', 'scotland', 'northern-ireland'] as const;
export type LegislationExtent = (typeof legislationExtents)[number];
/** An English council's: UK-wide, GB, England and Wales, and England-only instruments. */
export const ENGLISH_COUNCIL_EXTENTS: readonly LegislationExtent[] = ['uk', 'great-britain', 'england-and-wales', 'england'];

/**
 * What the legislation.gov.uk type says of where an instrument applies. The type is all the feed
 * gives: UK types (UKSI, UKPGA, …) are made for the whole UK or parts of it and are kept for any
 * UK extent; the devolved types apply to their nation only.
 */
const TYPE_EXTENT: Record<string, LegislationExtent> = {
  asp: 'scotland',
  ssi: 'scotland',
  sdsi: 'scotland',
  asc: 'wales',
  anaw: 'wales',
  mwa: 'wales',
  wsi: 'wales',
  wdsi: 'wales',
  nia: 'northern-ireland',
  nisr: 'northern-ireland',
  nidsr: 'northern-ireland',
  nisi: 'northern-ireland',
  apni: 'northern-ireland',
};

/** Whether the office sees this item: anything but legislation always; legislation when its extent is configured. */
export function withinExtent(item: Pick<ClassifiedItem, 'kind' | 'details'>, extents: readonly LegislationExtent[]): boolean {
  if (item.kind !== 'legislation') return true;
  const type = item.details?.legislationType;
  if (!type) return true;
  const devolved = TYPE_EXTENT[type];
  if (devolved) return extents.includes(devolved);
  // A UK type: its own extent may be any of the UK's; kept when the office watches any of them.
  return extents.some((e) => e === 'uk' || e === 'great-britain' || e === 'england-and-wales' || e === 'england');
}
