/**
 * A meetings listing puts the date in the title ("Full Council - 09/12/2026 19:30", ModernGov's
 * "Cabinet, Wednesday, 9th December, 2026 7.00 pm"), and the post says the date again in words:
 * "Full Council - 09/12/2026 19:30 meets on Wednesday 9 December at 19:30". The hook takes the
 * meeting's name alone; the date and time come from the meeting's own fields.
 */
const WEEKDAY = '(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?';
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const NUMERIC_DATE = '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}';
const WORDED_DATE = `(?:${WEEKDAY},?\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?(?:\\s+\\d{4})?`;
const TIME = '\\d{1,2}(?:[:.]\\d{2})?\\s*(?:am|pm)|\\d{1,2}[:.]\\d{2}';
/** A separator, then a date, then perhaps "at" and a time, to the end of the title. */
const TRAILING_WHEN = new RegExp(`(?:\\s*[-–—,:|]\\s*|\\s+(?:on\\s+)?)(?:${NUMERIC_DATE}|${WORDED_DATE})(?:,?\\s*(?:at\\s+)?(?:${TIME}))?\\s*$`, 'i');

/** The meeting's name without the date and time a listing put at the end of its title. */
export function meetingName(title: string): string {
  const name = title.replace(TRAILING_WHEN, '').trim();
  return name.length > 0 ? name : title.trim();
}
