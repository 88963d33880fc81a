/**
 * The watched members (parliament.members and a source's own `members`), given as the office knows
 * them — a member id, a name ("Vicky Foxcroft") or a seat ("Lewisham North") — resolved through
 * the Members API (members-api.parliament.uk) to id, name, party, house and constituency.
 *
 * Each answer is cached (MemberCache: the store) and asked again after seven days, since by-elections,
 * defections and new peers change the answer but rarely. A name the API cannot settle (no one by
 * that name, several, a vacant seat) is a reason for that name, never a failure of the poll; a
 * lookup that could not be made at all (the API down) keeps the last answer and is tried next poll.
 */
import * as z from 'zod';
import { apiUrl, parseEnvelope, parseJson, type GetText } from './api.js';

export interface WatchedMember {
  id: number;
  name: string;
  party?: string;
  /** "House of Commons" or "House of Lords". */
  house?: string;
  /** The seat (Commons) or the title's place (Lords), as the Members API gives it. */
  constituency?: string;
}

/** What one entry of parliament.members came to: the member, or why not (in words for the office). */
export type MemberLookup = { given: string; at: string; member: WatchedMember } | { given: string; at: string; reason: string };

/** Every lookup made, by the entry as given (see givenKey). */
export interface MemberDirectory {
  lookups: Record<string, MemberLookup>;
}

/** Where the directory is kept between polls (the store: DynamoDB in AWS, dynalite in the data dir locally). */
export interface MemberCache {
  getMemberDirectory(): Promise<MemberDirectory | undefined>;
  putMemberDirectory(directory: MemberDirectory): Promise<void>;
}

export const memberDirectorySchema: z.ZodType<MemberDirectory> = z.object({
  lookups: z.record(
    z.string(),
    z.union([
      z.object({
        given: z.string(),
        at: z.string(),
        member: z.object({
          id: z.number().int(),
          name: z.string(),
          party: z.string().optional(),
          house: z.string().optional(),
          constituency: z.string().optional(),
        }),
      }),
      z.object({ given: z.string(), at: z.string(), reason: z.string() }),
    ]),
  ),
});

/** An answer older than this is asked again. */
export const MEMBER_CACHE_DAYS = 7;
const DAY_MS = 86_400_000;
const API = 'Members API';
/** The Members API's most per page. */
const TAKE = 20;

/** The entry as a key: ids as written, names and seats without case or extra spaces. */
export function givenKey(given: number | string): string {
  return typeof given === 'number' ? String(given) : given.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Names compared without case, titles or punctuation: "Ms Vicky Foxcroft MP" is "Vicky Foxcroft". */
export function memberNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b(mr|mrs|ms|miss|dr|sir|dame|rt hon|the|mp|lord|lady|baroness|baron)\b\.?/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const partySchema = z.object({ name: z.string().nullish(), abbreviation: z.string().nullish() }).nullish();
const memberSchema = z.object({
  id: z.number().int().positive(),
  nameDisplayAs: z.string().trim().min(1),
  latestParty: partySchema,
  latestHouseMembership: z
    .object({
      membershipFrom: z.string().nullish(),
      house: z.union([z.number(), z.string()]).nullish(),
      membershipEndDate: z.string().nullish(),
      membershipStatus: z.object({ statusIsActive: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
});
type ApiMember = z.infer<typeof memberSchema>;

const oneMemberSchema = z.object({ value: memberSchema });
const memberSearchSchema = z.object({ items: z.array(z.object({ value: memberSchema })), totalResults: z.number().int().nullish() });
const constituencySearchSchema = z.object({
  items: z.array(
    z.object({
      value: z.object({
        id: z.number().int(),
        name: z.string().trim().min(1),
        endDate: z.string().nullish(),
        currentRepresentation: z.object({ member: z.object({ value: memberSchema }) }).nullish(),
      }),
    }),
  ),
});

export interface MemberResolverDeps {
  /** The Members API's base (parliament.membersApi). */
  baseUrl: string;
  /** A GET through the safe fetcher (its User-Agent and limits). */
  get: GetText;
  reasonOf: (error: unknown) => string;
  cache?: MemberCache;
  now: Date;
}

export interface ResolvedMembers {
  /** Every member found, once each, in the order given. */
  members: WatchedMember[];
  /** What each entry came to, in the order given. */
  lookups: MemberLookup[];
  /** A member id by the entry as given (see givenKey): how a source's own names are read. */
  idOf: (given: number | string) => number | undefined;
}

/** Resolves every entry, from the cache when its answer is under seven days old; never throws for a name. */
export async function resolveMembers(given: readonly (number | string)[], deps: MemberResolverDeps): Promise<ResolvedMembers> {
  if (given.length === 0) return resolvedFrom([]);
  const cached = await readCache(deps.cache);
  const lookups: MemberLookup[] = [];
  let changed = false;
  const seen = new Set<string>();
  for (const entry of given) {
    const key = givenKey(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    const previous = cached.lookups[key];
    if (previous && deps.now.getTime() - Date.parse(previous.at) < MEMBER_CACHE_DAYS * DAY_MS) {
      lookups.push(previous);
      continue;
    }
    try {
      const found = await lookUp(entry, deps);
      const lookup: MemberLookup = { given: String(entry), at: deps.now.toISOString(), ...found };
      cached.lookups[key] = lookup;
      lookups.push(lookup);
      changed = true;
    } catch (error) {
      // Not an answer about the name: the last answer stands (stale beats none) and the next poll asks again.
      const reason = `could not be looked up in the Members API (${deps.reasonOf(error)})`;
      lookups.push(previous && 'member' in previous ? previous : { given: String(entry), at: deps.now.toISOString(), reason });
    }
  }
  if (changed && deps.cache) await deps.cache.putMemberDirectory(cached).catch(() => undefined);
  return resolvedFrom(lookups);
}

/** The directory as already cached (no network): what the briefing and `despatch sources` read. */
export async function cachedMembers(given: readonly (number | string)[], cache: MemberCache): Promise<ResolvedMembers> {
  if (given.length === 0) return resolvedFrom([]);
  const cached = await readCache(cache);
  const lookups = [...new Set(given.map(givenKey))].flatMap((key) => {
    const lookup = cached.lookups[key];
    return lookup ? [lookup] : [];
  });
  return resolvedFrom(lookups);
}

function resolvedFrom(lookups: MemberLookup[]): ResolvedMembers {
  const members = new Map<number, WatchedMember>();
  const ids = new Map<string, number>();
  for (const lookup of lookups)
    if ('member' in lookup) {
      if (!members.has(lookup.member.id)) members.set(lookup.member.id, lookup.member);
      ids.set(givenKey(lookup.given), lookup.member.id);
    }
  return {
    members: [...members.values()],
    lookups,
    idOf: (given) => (typeof given === 'number' ? given : ids.get(givenKey(given))),
  };
}

async function readCache(cache: MemberCache | undefined): Promise<MemberDirectory> {
  try {
    const directory = await cache?.getMemberDirectory();
    return { lookups: { ...(directory?.lookups ?? {}) } };
  } catch {
    // An unreadable cache is an empty one: every entry is asked again.
    return { lookups: {} };
  }
}

/** One entry to a member or a reason; throws only when the API could not be asked or answered nonsense. */
async function lookUp(entry: number | string, deps: MemberResolverDeps): Promise<{ member: WatchedMember } | { reason: string }> {
  if (typeof entry === 'number') {
    const json = parseJson(await deps.get(apiUrl(deps.baseUrl, `/api/Members/${entry}`, {})), API);
    return { member: watched(parseEnvelope(json, oneMemberSchema, API).value) };
  }
  const wanted = entry.trim().replace(/\s+/g, ' ');
  // A seat first: "Lewisham North" is a constituency, and the search is by substring, so only the exact name counts.
  const seats = parseEnvelope(
    parseJson(await deps.get(apiUrl(deps.baseUrl, '/api/Location/Constituency/Search', { searchText: wanted, skip: 0, take: TAKE })), API),
    constituencySearchSchema,
    API,
  ).items.map((i) => i.value);
  const current = seats.filter((s) => !s.endDate);
  const seat = current.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (seat) {
    const member = seat.currentRepresentation?.member.value;
    return member ? { member: watched(member) } : { reason: `the seat of ${seat.name} is vacant: no member to watch until it is filled` };
  }
  const people = parseEnvelope(
    parseJson(await deps.get(apiUrl(deps.baseUrl, '/api/Members/Search', { Name: wanted, IsCurrentMember: true, skip: 0, take: TAKE })), API),
    memberSearchSchema,
    API,
  );
  const found = people.items.map((i) => i.value);
  const exact = found.filter((m) => memberNameKey(m.nameDisplayAs) === memberNameKey(wanted));
  const only = exact.length === 1 ? exact[0] : exact.length === 0 && found.length === 1 ? found[0] : undefined;
  if (only) return { member: watched(only) };
  const many = exact.length > 1 ? exact : found;
  if (many.length > 1) {
    const more = exact.length <= 1 && (people.totalResults ?? many.length) > many.length ? ', …' : '';
    return {
      reason: `"${wanted}" matches ${many.length}${more ? ' or more' : ''} current members (${many
        .slice(0, 5)
        .map(describe)
        .join('; ')}${many.length > 5 ? '; …' : more}): give the full name, the constituency or the member id`,
    };
  }
  if (current.length > 0)
    return {
      reason: `"${wanted}" is part of the names of ${current.length} constituenc${current.length === 1 ? 'y' : 'ies'} (${current
        .slice(0, 5)
        .map((s) => s.name)
        .join(', ')}): give one of them exactly`,
    };
  return { reason: `no current member or constituency is called "${wanted}"` };
}

function describe(m: ApiMember): string {
  const where = m.latestHouseMembership?.membershipFrom?.trim();
  return `${m.nameDisplayAs}${where ? `, ${where}` : ''}, id ${m.id}`;
}

function watched(m: ApiMember): WatchedMember {
  const out: WatchedMember = { id: m.id, name: m.nameDisplayAs.trim() };
  const party = m.latestParty?.name?.trim();
  if (party) out.party = party;
  const house = houseOf(m.latestHouseMembership?.house);
  if (house) out.house = house;
  const from = m.latestHouseMembership?.membershipFrom?.trim();
  if (from) out.constituency = from;
  return out;
}

/** The Members API writes the house as 1 (Commons) or 2 (Lords); some clients see the names. */
function houseOf(house: number | string | null | undefined): string | undefined {
  if (house === 1 || (typeof house === 'string' && /^(1|commons)$/i.test(house.trim()))) return 'House of Commons';
  if (house === 2 || (typeof house === 'string' && /^(2|lords)$/i.test(house.trim()))) return 'House of Lords';
  return undefined;
}

/** One line per entry for `despatch sources` and `despatch start`: who it is, or why not. */
export function describeLookups(lookups: readonly MemberLookup[]): string[] {
  return lookups.map((lookup) => {
    if ('reason' in lookup) return `${lookup.given}: not watched — ${lookup.reason}`;
    const m = lookup.member;
    const facts = [m.party, m.constituency, m.house].filter(Boolean).join(', ');
    return `${lookup.given}: ${m.name}${facts ? ` (${facts})` : ''}, member ${m.id}`;
  });
}
