/**
 * The briefing's "Parliament" section: each parliamentary item as one line saying who (member and
 * party) and what it is ("Written question to DLUHC, answered: …"), in a fixed order of parts —
 * questions answered, questions tabled, debates, statements, motions, committees, bill stages, and
 * "Our MPs" (what the watched members said or asked that names neither the borough nor a priority).
 *
 * Built over item kinds, including kinds other readers add (Hansard, early day motions,
 * committees): those are recognised by name and their details read defensively, since a record may
 * lack the member, the party or the state.
 */
import type { ClassifiedItem } from '../../platform/model.js';
import type { Entry } from '../render/layout.js';
import { itemEntry, type ItemClock } from '../render/item-entry.js';
import { clip } from '../render/text.js';

const PARTS = [
  { id: 'answered', label: 'Question answered' },
  { id: 'tabled', label: 'Question tabled' },
  { id: 'debate', label: 'Debate' },
  { id: 'statement', label: 'Statement' },
  { id: 'motion', label: 'Motion' },
  { id: 'committee', label: 'Committee' },
  { id: 'bill', label: 'Bill stage' },
  { id: 'our-mps', label: 'Our MPs' },
] as const;
type PartId = (typeof PARTS)[number]['id'];

/** The part an item's kind puts it in; undefined for items that are not parliamentary. */
function partOfKind(item: ClassifiedItem): Exclude<PartId, 'our-mps'> | undefined {
  // A plain string: kinds added by other readers are matched by name, not by the current enum.
  const kind: string = item.kind;
  if (kind === 'written-question') {
    const state = item.details?.questionState;
    return state === 'answered' || state === 'corrected' ? 'answered' : 'tabled';
  }
  if (kind === 'written-statement') return 'statement';
  if (kind === 'bill') return 'bill';
  if (/hansard|debate|contribution/.test(kind)) return 'debate';
  if (/edm|motion/.test(kind)) return 'motion';
  if (/committee/.test(kind)) return 'committee';
  return undefined;
}

export function isParliamentary(item: ClassifiedItem): boolean {
  return partOfKind(item) !== undefined;
}

/** Names compared without case, titles or spacing: "Vicky Foxcroft" is "Ms Vicky Foxcroft MP". */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b(mr|mrs|ms|miss|dr|sir|dame|rt hon|the|mp|lord|baroness)\b\.?/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface ParliamentLineOptions {
  /** The watched members' names (parliament.members as given by name, and as resolved). */
  readonly watched: readonly string[];
  /** The item names the borough, a place in it, the Mayor or the cabinet. */
  readonly local: (item: ClassifiedItem) => boolean;
  /** The item matched a priority. */
  readonly prioritised: (item: ClassifiedItem) => boolean;
}

/**
 * The part an item goes in: by its kind, unless it is a watched member's and names neither the
 * borough nor a priority — then it is under "Our MPs", so what they said or asked is seen either way.
 */
export function parliamentPart(item: ClassifiedItem, options: ParliamentLineOptions): { rank: number; label: string } {
  const byKind = partOfKind(item) ?? 'debate';
  const watched = new Set(options.watched.map(nameKey).filter(Boolean));
  const member = memberOf(item);
  const ours = member !== undefined && watched.has(nameKey(member));
  const id: PartId = ours && byKind !== 'bill' && !options.local(item) && !options.prioritised(item) ? 'our-mps' : byKind;
  const rank = PARTS.findIndex((p) => p.id === id);
  return { rank, label: PARTS[rank]?.label ?? 'Parliament' };
}

function memberOf(item: ClassifiedItem): string | undefined {
  const member = item.details?.member;
  return typeof member === 'string' && member.trim() ? member.trim() : undefined;
}

/** One line: "Vicky Foxcroft (Labour): Written question to DLUHC, answered: …", under its part's label and time. */
export function parliamentEntry(item: ClassifiedItem, label: string, clock: ItemClock): Entry {
  const base = itemEntry(item, clock);
  const member = memberOf(item);
  const party = typeof item.details?.party === 'string' ? item.details.party.trim() : '';
  const who = member ? `${clip(member, 100)}${party ? ` (${clip(party, 60)})` : ''}: ` : '';
  const house = typeof item.details?.house === 'string' && item.details.house ? ` · ${clip(item.details.house, 60)}` : '';
  // The headline keeps the item's own words and highlights; who it is comes before them, unmarked.
  return {
    ...base,
    outlet: `${label}${house}`,
    headline: who ? [{ text: who, marked: false }, ...base.headline] : base.headline,
    snippet: [],
  };
}
