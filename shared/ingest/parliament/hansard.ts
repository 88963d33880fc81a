/**
 * Spoken contributions from the Hansard API (hansard-api.parliament.uk,
 * GET /search/contributions/Spoken.json), searched for the source's terms and by its watched
 * members, sitting since the "since" day (a trailing window: Hansard has no "updated since" and its
 * text is revised from rolling to daily to bound). Every parameter needs its `queryParameters.`
 * prefix, or it is silently ignored. The search splits a phrase into words, so a contribution found
 * by a term is kept only if the phrase really is in its text; one found by member is kept whole.
 * A contribution is one item, by its ContributionExtId (compared case-insensitively).
 */
import * as z from 'zod';
import type { ItemDetails } from '../../platform/model.js';
import type { FeedEntry } from '../feeds/parse.js';
import { escapeHtml } from '../feeds/xml-nodes.js';
import { dayOf, londonInstant, mentions, parliamentSource, parseEnvelope, plain, snippetAround, type ParliamentReadRequest } from './api.js';
import { houseName } from './written-questions.js';

const API = 'Hansard API';
const HANSARD_SITE = 'https://hansard.parliament.uk/';

const contributionSchema = z.object({
  ContributionExtId: z.string().trim().min(1),
  MemberName: z.string().nullish(),
  MemberId: z.number().int().nullish(),
  AttributedTo: z.string().nullish(),
  ContributionText: z.string().nullish(),
  ContributionTextFull: z.string().nullish(),
  DebateSection: z.string().nullish(),
  DebateSectionExtId: z.string().trim().min(1),
  SittingDate: z.string().min(10),
  Section: z.string().nullish(),
  House: z.string().nullish(),
});
type Contribution = z.infer<typeof contributionSchema> & { byMember?: boolean };

const envelopeSchema = z.object({ TotalResultCount: z.number().int().nullish(), Results: z.array(z.unknown()) });

export const readHansard = parliamentSource<Contribution>({
  api: API,
  path: '/search/contributions/Spoken.json',
  feedTitle: 'Hansard',
  // take over 100 has been seen to give HTTP 500.
  paging: { skip: 'queryParameters.skip', take: 'queryParameters.take', size: 100, maxPages: 5 },
  envelope: (json) => {
    const envelope = parseEnvelope(json, envelopeSchema, API);
    return { raw: envelope.Results, total: envelope.TotalResultCount, where: 'Results' };
  },
  record: contributionSchema,
  queries: ({ watch, since }) => {
    const common = { 'queryParameters.startDate': since, 'queryParameters.orderBy': 'SittingDateDesc' };
    return [
      ...watch.terms.map((term) => ({ label: `searching "${term}" (sitting since ${since})`, params: { ...common, 'queryParameters.searchTerm': term } })),
      ...watch.members.map((id) => ({
        label: `contributions by member ${id} (sitting since ${since})`,
        params: { ...common, 'queryParameters.memberId': id },
      })),
    ];
  },
  toEntries: (contribution, request) => toEntries(contribution, request),
  // Found by a term and by a member: the same contribution, whichever came first.
  prefer: (existing) => existing,
});

function toEntries(c: Contribution, request: ParliamentReadRequest): FeedEntry[] {
  const text = plain(c.ContributionTextFull ?? c.ContributionText, 20_000);
  const terms = request.watch.terms.filter((term) => mentions(text, term));
  const byMember = c.MemberId != null && request.watch.members.includes(c.MemberId);
  if (terms.length === 0 && !byMember) return [];
  const day = dayOf(c.SittingDate) ?? c.SittingDate.slice(0, 10);
  const member = plain(c.MemberName, 200);
  const attributed = plain(c.AttributedTo, 300);
  // Party is only the last bracket of AttributedTo, and only for backbenchers ("Name (Seat) (Lab)").
  const party = /\(([^()]{1,30})\)\s*$/.exec(attributed)?.[1];
  const debate = plain(c.DebateSection, 300) || 'a debate';
  const house = houseName(c.House);
  const section = plain(c.Section, 100);
  const snippet = snippetAround(text, terms);
  const details: ItemDetails = { documentType: 'Spoken contribution', debate, sittingDate: day };
  if (house) details.house = house;
  if (member) details.member = member;
  // A minister is "The Minister for X (Name)": that last bracket is the name, not a party.
  if (party && attributed !== party && !/^\d/.test(party) && member !== attributed && party.trim() !== member) details.party = party;
  if (section) details.section = section;
  if (snippet) details.snippet = snippet;
  const who = attributed || member || 'A member';
  const id = c.ContributionExtId.toLowerCase();
  // The debate's page at the contribution: the link cleaner keeps fragments on Parliament's hosts.
  const entry: FeedEntry = {
    guid: `hansard:${id}`,
    guidIsPermaLink: false,
    title: escapeHtml(`${member || who} in ${house ? `the ${house.replace(/^House of /, '')}` : 'Parliament'}: ${debate}`),
    link: `${HANSARD_SITE}${encodeURIComponent(c.House?.trim() || 'Commons')}/${day}/debates/${encodeURIComponent(c.DebateSectionExtId)}/${slug(debate)}#contribution-${encodeURIComponent(c.ContributionExtId.trim())}`,
    summaryHtml: escapeHtml(`${who}${section ? `, ${section}` : ''}: ${snippet}`),
    categories: [],
    kind: 'hansard-contribution',
    details,
  };
  if (member) entry.author = escapeHtml(member);
  const at = londonInstant(c.SittingDate);
  if (at) entry.published = at;
  return [entry];
}

/** The title as Hansard's links write it ("Local Government Finance" → "LocalGovernmentFinance"); optional in the link. */
function slug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .slice(0, 120);
}
