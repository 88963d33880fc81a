/**
 * Written questions from the Written Questions API (questions-statements-api.parliament.uk,
 * GET /api/writtenquestions/questions), searched for the source's terms and asked by its watched
 * members. A question is news when tabled and once more when answered, so its identity is its
 * number, the day it was tabled (numbers are reused across sessions) and its state: tabled (a
 * holding answer keeps it there: it says only that an answer is coming), answered, or corrected
 * (a correction to the answer is news again). Withdrawn questions are not asked for, and any that
 * come back anyway are left out.
 *
 * Each poll asks for what was tabled, answered and corrected since the day of the last successful
 * poll (tabledWhenFrom, answeredWhenFrom, correctedWhenFrom), newest first, page by page.
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
  parseEnvelope,
  parseJson,
  parseRecords,
  phrase,
  plain,
  runQueries,
  type GetText,
  type ParliamentWatch,
  type PageRequest,
} from './api.js';

const API = 'Written Questions API';
const PATH = '/api/writtenquestions/questions';
const PAGE_SIZE = 50;
const MAX_PAGES = 10;
const QUESTION_PAGE = 'https://questions-statements.parliament.uk/written-questions/detail/';
const ANSWER_SNIPPET = 300;

/** The expanded member (expandMember=true); null otherwise. */
const memberSchema = z.object({ name: z.string().nullish(), party: z.string().nullish(), memberFrom: z.string().nullish() }).nullish();

const questionSchema = z.object({
  id: z.number().int(),
  uin: z.string().trim().min(1),
  heading: z.string().nullish(),
  house: z.string().nullish(),
  questionText: z.string().nullish(),
  answerText: z.string().nullish(),
  dateTabled: z.string().min(10),
  dateForAnswer: z.string().nullish(),
  dateAnswered: z.string().nullish(),
  dateHoldingAnswer: z.string().nullish(),
  dateAnswerCorrected: z.string().nullish(),
  askingMemberId: z.number().int().nullish(),
  askingMember: memberSchema,
  answeringBodyName: z.string().nullish(),
  isWithdrawn: z.boolean().nullish(),
  answerIsHolding: z.boolean().nullish(),
  answerIsCorrection: z.boolean().nullish(),
});
type Question = z.infer<typeof questionSchema>;

const envelopeSchema = z.object({
  totalResults: z.number().int().nullish(),
  results: z.array(z.unknown()),
});
const resultSchema = z.object({ value: questionSchema });

export interface WrittenQuestionsRequest {
  source: Pick<SourceConfig, 'url'>;
  watch: ParliamentWatch;
  /** YYYY-MM-DD: the first day to ask about (see sinceDate). */
  since: string;
  get: GetText;
  reasonOf: (error: unknown) => string;
}

/** Every query the source's terms and members make, run; the questions found, one entry per question. */
export async function readWrittenQuestions(request: WrittenQuestionsRequest): Promise<{ feed: ParsedFeed; warnings: string[] }> {
  const { source, watch, since, get } = request;
  const filters: { label: string; params: Record<string, string | number> }[] = [
    ...watch.terms.map((term) => ({ label: `searching "${term}"`, params: { searchTerm: phrase(term) } })),
    ...watch.members.map((id) => ({ label: `questions asked by member ${id}`, params: { askingMemberId: id } })),
  ];
  const windows = [
    { what: 'tabled', param: 'tabledWhenFrom' },
    { what: 'answered', param: 'answeredWhenFrom' },
    { what: 'corrected', param: 'correctedWhenFrom' },
  ];
  const queries = filters.flatMap((filter) =>
    windows.map((w) => ({
      label: `${filter.label} (${w.what} since ${since})`,
      run: () =>
        followPages((page) => questionsPage(get, source.url, { ...filter.params, [w.param]: since, expandMember: 'true' }, page), PAGE_SIZE, MAX_PAGES),
    })),
  );
  const { records, warnings } = await runQueries(queries, request.reasonOf);
  const entries = new Map<string, FeedEntry>();
  for (const question of records) {
    if (question.isWithdrawn) continue;
    const entry = toEntry(question);
    entries.set(entry.guid ?? '', entry);
  }
  return { feed: { title: 'Written questions', entries: [...entries.values()] }, warnings };
}

async function questionsPage(get: GetText, base: string, params: Record<string, string | number>, page: PageRequest) {
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

type QuestionState = NonNullable<ItemDetails['questionState']>;

/** Where the question is now: answerIsHolding is the current state; a holding date stays after the real answer. */
export function questionState(
  q: Pick<Question, 'dateAnswered' | 'answerIsHolding' | 'answerIsCorrection' | 'dateAnswerCorrected' | 'dateHoldingAnswer'>,
): QuestionState {
  if (q.answerIsCorrection || q.dateAnswerCorrected) return 'corrected';
  if (q.answerIsHolding) return 'holding';
  if (q.dateAnswered) return 'answered';
  return 'tabled';
}

function toEntry(q: Question): FeedEntry {
  const state = questionState(q);
  const tabled = dayOf(q.dateTabled) ?? q.dateTabled.slice(0, 10);
  // A holding answer is not the answer: the question stays the item it was when tabled.
  const identityState = state === 'holding' ? 'tabled' : state;
  const body = plain(q.answeringBodyName, 200);
  const heading = plain(q.heading, 200) || `Question ${q.uin}`;
  const said = identityState === 'tabled' ? '' : identityState === 'answered' ? ', answered' : ', answer corrected';
  const title = `Written question${body ? ` to ${body}` : ''}${said}: ${heading}`;
  const member = plain(q.askingMember?.name, 200);
  const party = plain(q.askingMember?.party, 100);
  const questionText = plain(q.questionText, 2000);
  const answer = identityState === 'tabled' ? '' : plain(q.answerText, ANSWER_SNIPPET);
  const details: ItemDetails = { documentType: 'Written question', uin: q.uin, questionState: state, dateTabled: tabled };
  const house = houseName(q.house);
  if (house) details.house = house;
  if (member) details.member = member;
  if (party) details.party = party;
  if (body) details.answeringBody = body;
  const forAnswer = dayOf(q.dateForAnswer);
  if (forAnswer) details.dateForAnswer = forAnswer;
  const answered = dayOf(q.dateAnswered);
  if (answered && state !== 'holding') details.dateAnswered = answered;
  if (answer) details.answer = answer;
  const asker = member ? `${member}${party ? ` (${party})` : ''}` : undefined;
  const summary = [asker ? `Asked by ${asker}.` : '', questionText, answer ? `Answer: ${answer}` : ''].filter(Boolean).join(' ');
  const published = identityState === 'corrected' ? (q.dateAnswerCorrected ?? q.dateAnswered) : identityState === 'answered' ? q.dateAnswered : q.dateTabled;
  const entry: FeedEntry = {
    guid: `wq:${q.uin}:${tabled}:${identityState}`,
    guidIsPermaLink: false,
    title: escapeHtml(title),
    link: `${QUESTION_PAGE}${tabled}/${encodeURIComponent(q.uin.toLowerCase())}`,
    summaryHtml: escapeHtml(summary),
    categories: [],
    kind: 'written-question',
    details,
  };
  if (asker) entry.author = escapeHtml(asker);
  const at = londonInstant(published);
  if (at) entry.published = at;
  return entry;
}

/** "Commons" → "House of Commons"; "Bicameral" and the unknown as written. */
export function houseName(house: string | null | undefined): string | undefined {
  const text = house?.trim();
  if (!text) return undefined;
  if (/^commons$/i.test(text)) return 'House of Commons';
  if (/^lords$/i.test(text)) return 'House of Lords';
  return plain(text, 60) || undefined;
}
