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
import type { ItemDetails } from '../../platform/model.js';
import type { FeedEntry } from '../feeds/parse.js';
import { escapeHtml } from '../feeds/xml-nodes.js';
import {
  apiUrl,
  dayOf,
  londonInstant,
  parseEnvelope,
  parseJson,
  parliamentSource,
  phrase,
  plain,
  type ParliamentQuery,
  type ParliamentReadRequest,
} from './api.js';

const API = 'Written Questions API';
const PATH = '/api/writtenquestions/questions';
const QUESTION_PAGE = 'https://questions-statements.parliament.uk/written-questions/detail/';
/** The answer kept on the item (the briefing and search read it); the summary is shorter still. */
const ANSWER_MAX = 4000;
/** The list endpoint cuts questionText at exactly 255 characters and answerText at 255 plus "...". */
const LIST_CUT = 255;
/** Full answers fetched one by one, at most this many a poll: the rest keep the start, and say so. */
const MAX_FULL_FETCHES = 25;
const SNIPPET_NOTE = " [the start of the answer only: the full answer is on the question's page]";

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
/** As listed, plus whether the answer is still the list's cut-down start (the full one could not be read). */
type Question = z.infer<typeof questionSchema> & { answerIsSnippet?: boolean };

const envelopeSchema = z.object({
  totalResults: z.number().int().nullish(),
  results: z.array(z.unknown()),
});
const resultSchema = z.object({ value: questionSchema });
const recordSchema = resultSchema.transform((r): Question => r.value);

/** Every query the source's terms and members make, run; the questions found, one entry per question. */
export const readWrittenQuestions = parliamentSource<Question>({
  api: API,
  path: PATH,
  feedTitle: 'Written questions',
  paging: { skip: 'skip', take: 'take', size: 50, maxPages: 10 },
  envelope: (json) => {
    const envelope = parseEnvelope(json, envelopeSchema, API);
    return { raw: envelope.results, total: envelope.totalResults, where: 'results' };
  },
  record: recordSchema,
  queries: ({ watch, since }) => {
    const filters = [
      ...watch.terms.map((term) => ({ label: `searching "${term}"`, params: { searchTerm: phrase(term) } })),
      ...watch.members.map((id) => ({ label: `questions asked by member ${id}`, params: { askingMemberId: id } })),
    ];
    const windows = [
      { what: 'tabled', param: 'tabledWhenFrom' },
      { what: 'answered', param: 'answeredWhenFrom' },
      { what: 'corrected', param: 'correctedWhenFrom' },
    ];
    return filters.flatMap((filter) =>
      windows.map((w): ParliamentQuery => ({
        label: `${filter.label} (${w.what} since ${since})`,
        params: { ...filter.params, [w.param]: since, expandMember: 'true' },
      })),
    );
  },
  enrich: fullTexts,
  toEntries: (question) => (question.isWithdrawn ? [] : [toEntry(question)]),
});

const singleSchema = z.object({ value: z.object({ questionText: z.string().nullish(), answerText: z.string().nullish() }) });

/**
 * The list cuts long questions and answers short; the single-question endpoint has them whole (the
 * answer as HTML). Asked only for answered questions that were cut, once per question per poll.
 */
async function fullTexts(questions: Question[], request: ParliamentReadRequest, warnings: string[]): Promise<Question[]> {
  const full = new Map<number, { questionText?: string | null; answerText?: string | null } | 'failed'>();
  const failures: string[] = [];
  const out: Question[] = [];
  for (const q of questions) {
    const answered = questionState(q) === 'answered' || questionState(q) === 'corrected';
    const cut = (q.questionText?.length ?? 0) === LIST_CUT || (answered && /\.\.\.\s*$/.test(q.answerText ?? ''));
    if (!cut || q.isWithdrawn) {
      out.push(q);
      continue;
    }
    if (!full.has(q.id)) {
      if (full.size >= MAX_FULL_FETCHES) full.set(q.id, 'failed');
      else
        try {
          const text = await request.get(apiUrl(request.source.url, `${PATH}/${q.id}`, {}));
          full.set(q.id, parseEnvelope(parseJson(text, API), singleSchema, API).value);
        } catch (error) {
          full.set(q.id, 'failed');
          failures.push(`${q.uin}: ${request.reasonOf(error)}`);
        }
    }
    const whole = full.get(q.id);
    if (whole === 'failed' || whole === undefined) out.push({ ...q, answerIsSnippet: answered });
    else out.push({ ...q, questionText: whole.questionText || q.questionText, answerText: whole.answerText || q.answerText });
  }
  if (failures.length > 0)
    warnings.push(
      `the full text could not be read for ${failures.length} question${failures.length === 1 ? '' : 's'}, whose item gives the start (${failures.slice(0, 3).join('; ')})`,
    );
  return out;
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
  const answer = identityState === 'tabled' ? '' : plain(q.answerText, ANSWER_MAX);
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
  if (answer) details.answer = q.answerIsSnippet ? `${answer}${SNIPPET_NOTE}` : answer;
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
