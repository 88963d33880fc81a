/**
 * Early Day Motions from the Oral Questions and Motions API (GET /EarlyDayMotions/list; every
 * parameter needs its `parameters.` prefix, or it is silently ignored). The API's searchTerm looks
 * at titles only, so each poll asks for every motion tabled since the "since" day and keeps those
 * whose title or text says a term, plus those tabled by a watched member. A watched
 * motion is an item when tabled, and once more when its signatures reach the source's threshold:
 * signatures keep coming after tabling, so each poll also reads the motions of the age window by
 * signature count, highest first, and stops at the first below the threshold.
 */
import * as z from 'zod';
import type { ItemDetails } from '../../platform/model.js';
import type { FeedEntry } from '../feeds/parse.js';
import { escapeHtml } from '../feeds/xml-nodes.js';
import { londonInstant, mentions, parliamentSource, parseEnvelope, plain, sinceDate, snippetAround, type ParliamentReadRequest } from './api.js';

const API = 'Early Day Motions API';
const EDM_PAGE = 'https://edm.parliament.uk/early-day-motion/';
export const DEFAULT_SIGNATURE_THRESHOLD = 50;

const motionSchema = z.object({
  Id: z.number().int(),
  UIN: z.number().int().nullish(),
  UINWithAmendmentSuffix: z.string().nullish(),
  Title: z.string().trim().min(1),
  MotionText: z.string().nullish(),
  // Documented as a string, modelled as an integer by public test suites (0 Published, 1 Withdrawn).
  Status: z.union([z.string(), z.number()]).nullish(),
  DateTabled: z.string().min(10),
  MemberId: z.number().int().nullish(),
  PrimarySponsor: z.object({ Name: z.string().nullish(), Party: z.string().nullish(), Constituency: z.string().nullish() }).nullish(),
  SponsorsCount: z.number().int().nullish(),
});
type Motion = z.infer<typeof motionSchema>;

const envelopeSchema = z.object({ PagingInfo: z.object({ Total: z.number().int().nullish() }).nullish(), Response: z.array(z.unknown()) });
const countSchema = z.object({ SponsorsCount: z.number().nullish() });

function threshold(request: ParliamentReadRequest): number {
  return request.source.signatures ?? DEFAULT_SIGNATURE_THRESHOLD;
}

export const readEarlyDayMotions = parliamentSource<Motion>({
  api: API,
  path: '/EarlyDayMotions/list',
  feedTitle: 'Early Day Motions',
  paging: { skip: 'parameters.skip', take: 'parameters.take', size: 100, maxPages: 5 },
  envelope: (json) => {
    const envelope = parseEnvelope(json, envelopeSchema, API);
    return { raw: envelope.Response, total: envelope.PagingInfo?.Total, where: 'Response' };
  },
  record: motionSchema,
  queries: (request) => {
    const { watch, since } = request;
    const windowStart = sinceDate(undefined, { maxAgeDays: request.source.maxAgeDays }, request.now ?? new Date());
    const min = threshold(request);
    return [
      ...(watch.terms.length > 0
        ? [{ label: `motions tabled since ${since}`, params: { 'parameters.tabledStartDate': since, 'parameters.orderBy': 'DateTabledDesc' } }]
        : []),
      ...watch.members.map((id) => ({
        label: `motions tabled or signed by member ${id} since ${since}`,
        params: { 'parameters.memberId': id, 'parameters.includeSponsoredByMember': true, 'parameters.tabledStartDate': since },
      })),
      {
        label: `motions with ${min} signatures or more since ${windowStart}`,
        params: { 'parameters.tabledStartDate': windowStart, 'parameters.orderBy': 'SignatureCountDesc' },
        stopAfter: (raw: unknown) => (countSchema.safeParse(raw).data?.SponsorsCount ?? 0) < min,
      },
    ];
  },
  toEntries: (motion, request) => toEntries(motion, request),
});

function withdrawn(status: Motion['Status']): boolean {
  return status === 1 || (typeof status === 'string' && /withdrawn/i.test(status));
}

function toEntries(m: Motion, request: ParliamentReadRequest): FeedEntry[] {
  if (withdrawn(m.Status)) return [];
  const title = plain(m.Title, 300);
  const text = plain(m.MotionText, 5000);
  const terms = request.watch.terms.filter((term) => mentions(`${title} ${text}`, term));
  const byMember = m.MemberId != null && request.watch.members.includes(m.MemberId);
  // A motion a watched member only signed is asked for too, but the list does not say who signed, so it is kept only by its terms.
  if (terms.length === 0 && !byMember) return [];
  const sponsor = plain(m.PrimarySponsor?.Name, 200);
  const party = plain(m.PrimarySponsor?.Party, 100);
  const uin = plain(m.UINWithAmendmentSuffix ?? (m.UIN != null ? String(m.UIN) : ''), 30);
  const signatures = m.SponsorsCount ?? undefined;
  const details: ItemDetails = { documentType: 'Early Day Motion', house: 'House of Commons' };
  if (uin) details.uin = uin;
  if (sponsor) details.member = sponsor;
  if (party) details.party = party;
  if (signatures !== undefined) details.signatures = signatures;
  const snippet = snippetAround(text, terms);
  if (snippet) details.snippet = snippet;
  const by = sponsor ? `Tabled by ${sponsor}${party ? ` (${party})` : ''}.` : '';
  const base: Omit<FeedEntry, 'guid' | 'title'> = {
    guidIsPermaLink: false,
    link: `${EDM_PAGE}${m.Id}`,
    summaryHtml: escapeHtml([by, signatures !== undefined ? `${signatures} signature${signatures === 1 ? '' : 's'}.` : '', snippet].filter(Boolean).join(' ')),
    categories: [],
    kind: 'early-day-motion',
    details,
  };
  if (sponsor) base.author = escapeHtml(party ? `${sponsor} (${party})` : sponsor);
  const tabledAt = londonInstant(m.DateTabled);
  const entries: FeedEntry[] = [
    {
      ...base,
      guid: `edm:${m.Id}:tabled`,
      title: escapeHtml(`Early Day Motion${uin ? ` ${uin}` : ''}: ${title}`),
      ...(tabledAt ? { published: tabledAt } : {}),
    },
  ];
  const min = threshold(request);
  if (signatures !== undefined && signatures >= min) {
    // When it crossed is not in the list; it is news when first seen past the threshold.
    const seen = (request.now ?? new Date()).toISOString();
    entries.push({ ...base, guid: `edm:${m.Id}:signatures-${min}`, title: escapeHtml(`Early Day Motion passes ${min} signatures: ${title}`), published: seen });
  }
  return entries;
}
