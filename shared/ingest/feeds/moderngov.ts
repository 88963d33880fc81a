/**
 * ModernGov (mgRss.aspx) items as meetings: which committee, and when. ModernGov titles vary by
 * council and version — "Mayor and Cabinet, Wednesday 7.00 pm", "Planning Committee - 12/11/2026
 * 19:30", "Council - Wednesday, 26th November, 2025 7.30 pm" — so the reading is tolerant: the
 * committee is the text before the first separator that is followed by a date, a weekday or a
 * time; when no such separator exists the whole title is kept as the committee (if the item has
 * a date at all), and a date is given only when one could be read.
 */
import { findDay, findTime, findWeekday, londonIso, nextWeekdayOnOrAfter, startsWithWhen, type CalendarDay } from './uk-dates.js';

const SEPARATOR = /\s+[-–—]\s+|,\s+|\s+on\s+/g;
/** "Meeting of X on ...", "Agenda for X on ...", as descriptions put it. */
const DESCRIBED = /\b(?:meeting of|agenda for|minutes of|agenda and minutes for|decisions? of)\s+(?:the\s+)?(.+?)\s+on\s+(.+)$/i;

export interface MeetingReading {
  /** The committee's name, or the whole title when it could not be told apart from the date. */
  committee?: string;
  /** An instant (UTC ISO) when a time was given, else a day (YYYY-MM-DD). */
  meetingDate?: string;
}

/**
 * Reads a ModernGov item. `published` is the item's own date (undefined when the feed gave none):
 * a title that names only a weekday ("Wednesday 7.00 pm") is the next such day on or after it, as
 * ModernGov lists agendas ahead of their meetings.
 */
export function readMeeting(title: string, description: string, published: Date | undefined): MeetingReading {
  const fromTitle = splitTitle(title);
  const described = DESCRIBED.exec(description);
  const whenTexts = [fromTitle?.when, described?.[2], description].filter((t): t is string => Boolean(t));
  const meetingDate = meetingDateFrom(whenTexts, published);
  // A dated item whose title could not be split keeps its whole title as the committee; an undated
  // one without a split (a published decision, a document) names no committee at all.
  const committee = fromTitle?.committee ?? described?.[1]?.trim() ?? (meetingDate ? title.trim() || undefined : undefined);
  const reading: MeetingReading = {};
  if (committee) reading.committee = committee;
  if (meetingDate) reading.meetingDate = meetingDate;
  return reading;
}

function splitTitle(title: string): { committee: string; when: string } | undefined {
  for (const match of title.matchAll(SEPARATOR)) {
    const committee = title.slice(0, match.index).trim();
    const when = title.slice((match.index ?? 0) + match[0].length);
    if (committee && startsWithWhen(when) && (findDay(when) || findWeekday(when) || findTime(when))) return { committee, when };
  }
  return undefined;
}

/** The first text with a calendar day gives the day; the time comes from the same text, else any text. */
function meetingDateFrom(texts: string[], published: Date | undefined): string | undefined {
  for (const text of texts) {
    const day = findDay(text);
    if (!day) continue;
    const rest = `${text.slice(0, day.index)} ${text.slice(day.index + day.length)}`;
    return londonIso(day.value, findTime(rest)?.value);
  }
  const first = texts[0];
  if (!first || !published) return undefined;
  const weekday = findWeekday(first);
  if (!weekday) return undefined;
  const onDay: CalendarDay = nextWeekdayOnOrAfter(published, weekday.value);
  return londonIso(onDay, findTime(first)?.value);
}
