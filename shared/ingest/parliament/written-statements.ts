/**
 * Written ministerial statements from the Written Questions and Statements API
 * (GET /api/writtenstatements/statements), searched for the source's terms and taken whole for its
 * departments (answering body ids), made since the day of the last successful poll. A statement
 * made in both Houses comes as two records (ids and uins differ): it is one item, by title and day.
 */
import * as z from 'zod';
import type { ItemDetails } from '../../platform/model.js';
import type { FeedEntry } from '../feeds/parse.js';
import { escapeHtml } from '../feeds/xml-nodes.js';
import { dayOf, londonInstant, ParliamentApiError, parliamentSource, parseEnvelope, phrase, plain } from './api.js';
import { houseName } from './written-questions.js';

const API = 'Written Statements API';
const STATEMENT_PAGE = 'https://questions-statements.parliament.uk/written-statements/detail/';

const statementSchema = z.object({
  id: z.number().int(),
  uin: z.string().trim().min(1),
  title: z.string().trim().min(1),
  text: z.string().nullish(),
  dateMade: z.string().min(10),
  house: z.string().nullish(),
  member: z.object({ name: z.string().nullish(), party: z.string().nullish() }).nullish(),
  memberRole: z.string().nullish(),
  answeringBodyName: z.string().nullish(),
});
type Statement = z.infer<typeof statementSchema>;

const envelopeSchema = z.object({ totalResults: z.number().int().nullish(), results: z.array(z.unknown()) });
const recordSchema = z.object({ value: statementSchema }).transform((r): Statement => r.value);

export const readWrittenStatements = parliamentSource<Statement>({
  api: API,
  path: '/api/writtenstatements/statements',
  feedTitle: 'Written statements',
  paging: { skip: 'skip', take: 'take', size: 50, maxPages: 10 },
  envelope: (json) => {
    const envelope = parseEnvelope(json, envelopeSchema, API);
    return { raw: envelope.results, total: envelope.totalResults, where: 'results' };
  },
  record: recordSchema,
  queries: ({ source, watch, since }) => {
    const departments = source.departments ?? [];
    if (watch.terms.length === 0 && departments.length === 0)
      throw new ParliamentApiError('this written-statements source has no terms or departments to search for');
    const filters = [
      ...watch.terms.map((term) => ({ label: `searching "${term}"`, params: { searchTerm: phrase(term) } })),
      ...departments.map((id) => ({ label: `statements by department ${id}`, params: { answeringBodies: id } })),
    ];
    return filters.map((filter) => ({
      label: `${filter.label} (made since ${since})`,
      params: { ...filter.params, madeWhenFrom: since, expandMember: 'true' },
    }));
  },
  toEntries: (statement) => [toEntry(statement)],
  // The Commons record first, when both Houses have one: its link is the one most people use.
  prefer: (existing, candidate) => (/^HCWS/i.test(candidate.details?.uin ?? '') && !/^HCWS/i.test(existing.details?.uin ?? '') ? candidate : existing),
});

function toEntry(s: Statement): FeedEntry {
  const day = dayOf(s.dateMade) ?? s.dateMade.slice(0, 10);
  const title = plain(s.title, 300);
  const body = plain(s.answeringBodyName, 200);
  const member = plain(s.member?.name, 200);
  const party = plain(s.member?.party, 100);
  const details: ItemDetails = { documentType: 'Written statement', uin: s.uin };
  const house = houseName(s.house);
  if (house) details.house = house;
  if (member) details.member = member;
  if (party) details.party = party;
  if (body) details.answeringBody = body;
  const by = [member, plain(s.memberRole, 200)].filter(Boolean).join(', ');
  const entry: FeedEntry = {
    guid: `wms:${day}:${title.toLowerCase().replace(/\s+/g, ' ')}`,
    guidIsPermaLink: false,
    title: escapeHtml(`Written statement${body ? ` from ${body}` : ''}: ${title}`),
    link: `${STATEMENT_PAGE}${day}/${encodeURIComponent(s.uin.toLowerCase())}`,
    summaryHtml: escapeHtml([by ? `Made by ${by}.` : '', plain(s.text, 600)].filter(Boolean).join(' ')),
    categories: [],
    kind: 'written-statement',
    details,
  };
  if (member) entry.author = escapeHtml(party ? `${member} (${party})` : member);
  const at = londonInstant(s.dateMade);
  if (at) entry.published = at;
  return entry;
}
