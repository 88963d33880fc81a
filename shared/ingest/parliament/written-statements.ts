/**
 * Written ministerial statements from the Written Questions and Statements API
 * (GET /api/writtenstatements/statements), searched for the source's terms and taken whole for its
 * departments (answering body ids), made since the day of the last successful poll. A statement
 * made in both Houses comes as two records (ids and uins differ): it is one item, by title and day.
 */
import * as z from 'zod';
import type { SourceConfig } from '../../platform/config/schema.js';
import type { ItemDetails } from '../../platform/model.js';
import type { FeedEntry, ParsedFeed } from '../feeds/parse.js';
import { escapeHtml } from '../feeds/xml-nodes.js';
import {
  apiUrl,
  dayOf,
  followPages,
  londonInstant,
  ParliamentApiError,
  parseEnvelope,
  parseJson,
  parseRecords,
  phrase,
  plain,
  runQueries,
  type GetText,
  type PageRequest,
  type ParliamentWatch,
} from './api.js';
import { houseName } from './written-questions.js';

const API = 'Written Statements API';
const PATH = '/api/writtenstatements/statements';
const PAGE_SIZE = 50;
const MAX_PAGES = 10;
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
const resultSchema = z.object({ value: statementSchema });

export interface WrittenStatementsRequest {
  source: Pick<SourceConfig, 'url' | 'departments'>;
  watch: ParliamentWatch;
  since: string;
  get: GetText;
  reasonOf: (error: unknown) => string;
}

export async function readWrittenStatements(request: WrittenStatementsRequest): Promise<{ feed: ParsedFeed; warnings: string[] }> {
  const { source, watch, since, get } = request;
  const departments = source.departments ?? [];
  if (watch.terms.length === 0 && departments.length === 0)
    throw new ParliamentApiError('this written-statements source has no terms or departments to search for');
  const filters: { label: string; params: Record<string, string | number> }[] = [
    ...watch.terms.map((term) => ({ label: `searching "${term}"`, params: { searchTerm: phrase(term) } })),
    ...departments.map((id) => ({ label: `statements by department ${id}`, params: { answeringBodies: id } })),
  ];
  const queries = filters.map((filter) => ({
    label: `${filter.label} (made since ${since})`,
    run: () =>
      followPages((page) => statementsPage(get, source.url, { ...filter.params, madeWhenFrom: since, expandMember: 'true' }, page), PAGE_SIZE, MAX_PAGES),
  }));
  const { records, warnings } = await runQueries(queries, request.reasonOf);
  const entries = new Map<string, FeedEntry>();
  for (const statement of records) {
    const entry = toEntry(statement);
    // The Commons record first, when both Houses have one: its link is the one most people use.
    const key = entry.guid ?? '';
    const existing = entries.get(key);
    if (!existing || (/^HCWS/i.test(statement.uin) && !/^HCWS/i.test(existing.details?.uin ?? ''))) entries.set(key, entry);
  }
  return { feed: { title: 'Written statements', entries: [...entries.values()] }, warnings };
}

async function statementsPage(get: GetText, base: string, params: Record<string, string | number>, page: PageRequest) {
  const text = await get(apiUrl(base, PATH, { ...params, skip: page.skip, take: page.take }));
  const envelope = parseEnvelope(parseJson(text, API), envelopeSchema, API);
  return {
    raw: envelope.results,
    total: envelope.totalResults,
    read: (raw: readonly unknown[], skip: number) => {
      const parsed = parseRecords(raw, resultSchema, (i) => `results.${skip + i}`);
      return { records: parsed.records.map((r) => r.value), problems: parsed.problems };
    },
  };
}

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
