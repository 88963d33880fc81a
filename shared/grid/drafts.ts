/**
 * Draft posts from templates: one set per hook kind, in the voice the assistant configures
 * (the Mayor in the first person, or the office speaking of the Mayor), adapted to each channel
 * (no link on Instagram, where links do not work; shortened to fit the channel's limit as the
 * channel counts it). In a pre-election period a staff-run channel gets the neutral set: facts,
 * no Mayor's voice. The templates are the product; nothing here calls a model.
 */
import { removeInvisible } from '../platform/invisible.js';
import { templatePlaceholders, type GridChannelConfig, type HookKind } from '../platform/config/schema.js';
import type { GridSideConfig } from '../platform/config/projections.js';
import { longDate } from './calendar.js';
import { countLength, graphemes } from './counter.js';
import type { Hook } from './model.js';

const PLACEHOLDERS = templatePlaceholders;
type Placeholder = (typeof PLACEHOLDERS)[number];

type TemplateSet = Readonly<Record<HookKind, readonly string[]>>;

/** Awareness posts follow the occasion's tone: a commemoration is never "celebrated". */
const AWARENESS_MAYOR: Readonly<Record<NonNullable<Hook['tone']>, readonly string[]>> = {
  commemoration: ['Today is {title}. I join everyone in {place} in remembering. {hashtags}', 'On {title}, {place} remembers. {hashtags}'],
  celebration: ["Today is {title}, and I'm proud to mark it with everyone in {place}. {hashtags}", 'Happy {title} to everyone in {place}! {hashtags}'],
  awareness: ['Today is {title}. {place} stands with everyone marking it. {hashtags}', 'Today is {title}. Find out more and get involved: {link} {hashtags}'],
};

/*
 * News posts are drafted only from the council's own and official sources (and press a priority
 * opts in to), so the headline is one the council can stand behind; still, no template opens with
 * "<Priority>:" in front of a pasted headline, which reads as a feed, not a person.
 */
const MAYOR: TemplateSet = {
  awareness: [],
  meeting: [
    '{title} meets on {date}{time}. Decisions that matter to {place}, made in public: {link} {hashtags}',
    'Coming up: {title}, {date}{time}. Agenda and papers: {link} {hashtags}',
    'Want to see how decisions are made in {place}? {title} meets {date}{time}, and anyone can watch: {link} {hashtags}',
  ],
  priority: [
    'News for {place}: {title}. Find out more: {link} {hashtags}',
    'This matters for people in {place}. {title}. Read more: {link} {hashtags}',
    'Something I want everyone in {place} to know about: {title}. Details here: {link} {hashtags}',
  ],
  legislation: [
    'New from Parliament: {title}. What it means for {place}: {link} {hashtags}',
    "I'm following this in Parliament for {place}: {title}. {link} {hashtags}",
    'Worth knowing in {place}: {title} is going through Parliament. Read it here: {link} {hashtags}',
  ],
  consultation: [
    'Have your say: {title} closes on {date}. {link} {hashtags}',
    'Last chance to respond: {title} closes {date}. {link} {hashtags}',
    'I want to hear from {place} before {date}: {title}. Tell us what you think: {link} {hashtags}',
  ],
};

const COUNCIL: TemplateSet = {
  awareness: [],
  meeting: MAYOR.meeting,
  priority: [
    'News for {place}: {title}. Find out more: {link} {hashtags}',
    'For everyone in {place}: {title}. Read more: {link} {hashtags}',
    'From the Mayor\u2019s office in {place}: {title}. Details here: {link} {hashtags}',
  ],
  legislation: [
    'New from Parliament: {title}. What it means for {place}: {link} {hashtags}',
    'Worth knowing in {place}: {title} is going through Parliament. Read it here: {link} {hashtags}',
  ],
  consultation: ['Have your say: {title} closes on {date}. {link} {hashtags}', 'Last chance to respond: {title} closes {date}. {link} {hashtags}'],
};

/** Facts only, no Mayor: for staff-run channels in a pre-election period. */
const NEUTRAL: TemplateSet = {
  awareness: ['Today is {title}. {hashtags}'],
  meeting: ['{title} meets on {date}{time}. Agenda and papers: {link}', 'Council meeting: {title}, {date}{time}. {link}'],
  priority: ['{title}. {link}'],
  legislation: ['{title}. {link}'],
  consultation: ['Have your say: {title} closes on {date}. {link}'],
};

const AWARENESS_NEUTRAL: Readonly<Record<NonNullable<Hook['tone']>, readonly string[]>> = {
  commemoration: ['Today is {title}. {place} remembers. {hashtags}'],
  celebration: ['Today is {title}. {hashtags}'],
  awareness: ['Today is {title}. {hashtags}'],
};

export interface DraftInput {
  readonly config: GridSideConfig;
  readonly hook: Hook;
  readonly channel: GridChannelConfig;
  readonly date: string;
  /** Which template of the set; wraps around, so "regenerate" can simply add one. */
  readonly variant: number;
  /** A pre-election period on a staff-run channel: the neutral set, no Mayor's voice. */
  readonly neutral: boolean;
}

/** The templates a hook may be drafted from, in order. */
export function templatesFor(config: GridSideConfig, hook: Hook, neutral: boolean): readonly string[] {
  if (neutral) return hook.kind === 'awareness' ? AWARENESS_NEUTRAL[hook.tone ?? 'awareness'] : NEUTRAL[hook.kind];
  const own = config.grid?.voice.templates[hook.kind];
  if (own && own.length > 0) return own;
  if (hook.kind === 'awareness') {
    const set = AWARENESS_MAYOR[hook.tone ?? 'awareness'];
    if (hook.windowFrom !== hook.windowTo)
      return set.map((t) => t.replace('Today is {title}', 'This week is {title}').replace('On {title}', 'This week, for {title}'));
    return set;
  }
  return (config.grid?.voice.persona ?? 'mayor') === 'mayor' ? MAYOR[hook.kind] : COUNCIL[hook.kind];
}

/** Writes the post for one slot, shortened if need be to fit the channel. */
export function draftPost(input: DraftInput): string {
  const { config, hook, channel } = input;
  const templates = templatesFor(config, hook, input.neutral);
  const template = templates[input.variant % templates.length] ?? '{title}';
  const voice = config.grid?.voice;
  const link = hook.link || voice?.link || '';
  const values: Record<Placeholder, string> = {
    // Feed text can carry characters the approver cannot see (see invisible.ts).
    title: removeInvisible(hook.title).text,
    summary: removeInvisible(hook.summary).text,
    // Instagram captions cannot carry a working link.
    link: channel.id === 'instagram' ? (link ? 'Link in bio.' : '') : link,
    hashtags: hook.hashtags.join(' '),
    date: longDate(hook.date ?? input.date),
    time: hook.time ? ` at ${hook.time}` : '',
    mayor: config.mayor.name,
    place: config.council.short,
    council: config.council.name,
    priority: hook.priorityName ?? 'Our borough',
    signOff: input.neutral ? '' : (voice?.signOff ?? ''),
  };
  const render = (v: Record<Placeholder, string>) => {
    let text = fill(template, v);
    if (v.signOff && !template.includes('{signOff}')) text = `${text}\n${v.signOff}`;
    return tidy(text);
  };
  const fits = (text: string) => !countLength(channel.id, text).over;
  const full = render(values);
  if (fits(full)) return full;
  // Too long for the channel: shorten the headline; if it would be cut to nothing, drop the
  // hashtags and sign-off too and shorten again.
  const title = graphemes(hook.title);
  const shortened = (v: Record<Placeholder, string>, minimum: number): string | undefined => {
    let lo = minimum;
    let hi = title.length;
    let best: string | undefined;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const candidate = render({ ...v, title: `${title.slice(0, mid).join('').trimEnd()}\u2026` });
      if (fits(candidate)) {
        best = candidate;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  };
  const bare = { ...values, hashtags: '', signOff: '' };
  return shortened(values, 30) ?? (fits(render(bare)) ? render(bare) : undefined) ?? shortened(bare, 0) ?? render(bare);
}

function fill(template: string, values: Record<Placeholder, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}

/** Removes the gaps an empty placeholder leaves: double spaces, space before punctuation, empty lines. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t]+/g, ' ')
        .replace(/ ([.,:;!?])/g, '$1')
        .replace(/(^|[^.])\.\./g, '$1.')
        // A headline that ends in its own "?" or "!" (or "…" when shortened) needs no full stop or colon after it.
        .replace(/([?!\u2026])[.:]/g, '$1')
        .trim(),
    )
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .trim();
}
