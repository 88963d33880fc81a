/**
 * How many items and stories, said one way everywhere the office reads a count: the briefing's
 * subject, preheader and header, the run summary, the demo's terminal and `despatch status`.
 * "Sensitive: 4" beside "2 sensitive" (items in one place, stories in the other) read as a
 * contradiction; saying both counts, in the same words, does not.
 */

export interface StoryCounts {
  /** Items listed, each once. */
  readonly items: number;
  /** The stories they make (several outlets' reports of one story are one). */
  readonly stories: number;
  readonly sensitiveItems: number;
  readonly sensitiveStories: number;
}

/** "19 items in 14 stories"; "1 item in 1 story". */
export function itemsInStories(items: number, stories: number): string {
  return `${count(items, 'item')} in ${count(stories, 'story', 'stories')}`;
}

/** "2 sensitive stories (5 items)"; "no sensitive stories". */
export function sensitiveStoriesText(stories: number, items: number): string {
  if (stories === 0) return 'no sensitive stories';
  return `${count(stories, 'sensitive story', 'sensitive stories')} (${count(items, 'item')})`;
}

/** "2 sensitive stories (5 items), 19 items in 14 stories": the sensitive first, as the office reads them first. */
export function countsText(c: StoryCounts): string {
  return `${sensitiveStoriesText(c.sensitiveStories, c.sensitiveItems)}, ${itemsInStories(c.items, c.stories)}`;
}

/**
 * The counts a briefing record keeps, said as above; records written before the story counts were
 * kept say what they have ("19 items, 2 sensitive stories").
 */
export function recordCountsText(record: {
  itemCount: number;
  sensitiveCount: number;
  storyCount?: number | undefined;
  sensitiveItemCount?: number | undefined;
}): string {
  if (record.storyCount === undefined || record.sensitiveItemCount === undefined) {
    return `${count(record.sensitiveCount, 'sensitive story', 'sensitive stories')}, ${count(record.itemCount, 'item')}`;
  }
  return countsText({
    items: record.itemCount,
    stories: record.storyCount,
    sensitiveItems: record.sensitiveItemCount,
    sensitiveStories: record.sensitiveCount,
  });
}

function count(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
