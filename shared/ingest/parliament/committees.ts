/**
 * Committee publications (GET /api/Publications) and inquiries (GET /api/CommitteeBusiness) from
 * the Committees API (committees-api.parliament.uk), searched for the source's terms, published or
 * opened since the "since" day. The API's SearchTerm reads metadata, not documents, and splits
 * words, so a record is kept only if its title (a publication's description), its committee or its
 * inquiries' titles really say a term. Committees are not asked about by member.
 */
import * as z from 'zod';
import type { ItemDetails } from '../../platform/model.js';
import type { FeedEntry } from '../feeds/parse.js';
import { escapeHtml } from '../feeds/xml-nodes.js';
import { londonInstant, mentions, parliamentSource, parseEnvelope, plain, type ParliamentReadRequest } from './api.js';
import { houseName } from './written-questions.js';

const API = 'Committees API';
const SITE = 'https://committees.parliament.uk/';

const committeeSchema = z.object({ id: z.number().int().nullish(), name: z.string().nullish(), house: z.string().nullish() }).nullish();

const publicationSchema = z.object({
  id: z.number().int(),
  description: z.string().trim().min(1),
  publicationStartDate: z.string().min(10),
  type: z.object({ name: z.string().nullish() }).nullish(),
  committee: committeeSchema,
  businesses: z.array(z.object({ title: z.string().nullish() }).passthrough()).nullish(),
  documents: z.array(z.object({ documentId: z.number().int() }).passthrough()).nullish(),
});
const inquirySchema = z.object({
  id: z.number().int(),
  title: z.string().trim().min(1),
  openDate: z.string().min(10),
  type: z.object({ name: z.string().nullish(), isInquiry: z.boolean().nullish() }).nullish(),
  committee: committeeSchema,
});
const recordSchema = z.union([
  publicationSchema.transform((p) => ({ what: 'publication' as const, ...p })),
  inquirySchema.transform((i) => ({ what: 'inquiry' as const, ...i })),
]);
type CommitteeRecord = z.infer<typeof recordSchema>;

const envelopeSchema = z.object({ totalResults: z.number().int().nullish(), items: z.array(z.unknown()) });

export const readCommittees = parliamentSource<CommitteeRecord>({
  api: API,
  path: '/api/Publications',
  feedTitle: 'Committees',
  paging: { skip: 'Skip', take: 'Take', size: 50, maxPages: 5 },
  envelope: (json) => {
    const envelope = parseEnvelope(json, envelopeSchema, API);
    return { raw: envelope.items, total: envelope.totalResults, where: 'items' };
  },
  record: recordSchema,
  queries: ({ watch, since }) =>
    watch.terms.flatMap((term) => [
      {
        label: `publications mentioning "${term}" since ${since}`,
        params: { SearchTerm: term, StartDate: since, SortOrder: 'PublicationDateDescending' },
      },
      { label: `inquiries mentioning "${term}" since ${since}`, path: '/api/CommitteeBusiness', params: { SearchTerm: term, DateFrom: since } },
    ]),
  toEntries: (record, request) => toEntries(record, request),
});

function toEntries(r: CommitteeRecord, request: ParliamentReadRequest): FeedEntry[] {
  const committee = plain(r.committee?.name, 200);
  const title = plain(r.what === 'publication' ? r.description : r.title, 300);
  const inquiries = r.what === 'publication' ? (r.businesses ?? []).map((b) => plain(b.title, 300)).filter(Boolean) : [];
  const said = [title, committee, ...inquiries].join(' \n ');
  if (!request.watch.terms.some((term) => mentions(said, term))) return [];
  const typeName = plain(r.type?.name, 100);
  const details: ItemDetails = { documentType: r.what === 'publication' ? typeName || 'Committee publication' : typeName || 'Committee inquiry' };
  if (committee) details.committee = committee;
  const house = houseName(r.committee?.house);
  if (house) details.house = house;
  const documentId = r.what === 'publication' ? r.documents?.[0]?.documentId : undefined;
  const link =
    r.what === 'inquiry'
      ? `${SITE}work/${r.id}/`
      : documentId !== undefined
        ? `${SITE}publications/${r.id}/documents/${documentId}/default/`
        : `${SITE}publications/${r.id}/html/`;
  const what =
    r.what === 'publication'
      ? `${committee || 'Committee'} ${typeName ? typeName.toLowerCase() : 'publication'}`
      : `New inquiry${committee ? ` by ${committee}` : ''}`;
  const entry: FeedEntry = {
    guid: `committees:${r.what}:${r.id}`,
    guidIsPermaLink: false,
    title: escapeHtml(`${what}: ${title}`),
    link,
    summaryHtml: escapeHtml([inquiries.length ? `Inquiry: ${inquiries.join('; ')}.` : '', title].filter(Boolean).join(' ')),
    categories: [],
    kind: r.what === 'publication' ? 'committee-publication' : 'committee-inquiry',
    details,
  };
  const at = londonInstant(r.what === 'publication' ? r.publicationStartDate : r.openDate);
  if (at) entry.published = at;
  return [entry];
}
