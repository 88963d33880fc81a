/**
 * What people do to a slot on the review page: edit, submit for review, approve, request changes,
 * regenerate, comment. Each is a plain function over the store: it reads the slot, checks the
 * caller's role and the version they saw, applies the change with a history line (who, when,
 * what), and writes it back conditionally. Approved slots are locked until an approver asks for
 * changes; only approvers approve; an image post needs alt text before it can be approved.
 */
import { removeInvisible } from '../platform/invisible.js';
import { roleOfGroups, type Role } from '../platform/config/roles.js';
import type { GridChannelConfig } from '../platform/config/schema.js';
import type { GridSideConfig } from '../platform/config/projections.js';
import { countLength, CHANNEL_RULES } from './counter.js';
import { draftPost } from './drafts.js';
import { SlotTooLargeError, ConflictError, ForbiddenError, NotFoundError, ReviewRuleError } from './errors.js';
import type { HistoryEntry, Slot } from './model.js';
import { mustBeNeutral } from './publicity.js';
import type { GridStore } from './ports.js';

/** Who is asking, from the sign-in (Cognito groups in AWS, the local user's role on a laptop). */
export interface Reviewer {
  readonly id: string;
  readonly groups: readonly string[];
  /** How people know them (a Cognito name or email, a local user's name); the id when absent. */
  readonly name?: string | undefined;
}

export const roleOf = (r: Reviewer): Role | undefined => roleOfGroups(r.groups);
const canRead = (r: Reviewer) => roleOf(r) !== undefined;
export const canEdit = (r: Reviewer) => roleOf(r) === 'approver' || roleOf(r) === 'editor';
export const canApprove = (r: Reviewer) => roleOf(r) === 'approver';

export function requireReader(reviewer: Reviewer): void {
  if (!canRead(reviewer)) throw new ForbiddenError(`${reviewer.id} is in none of the "approvers", "editors" or "readers" groups, so cannot see the workspace.`);
}

/** Editing, submitting, commenting and planning: editors and approvers, never readers. */
export function requireEditor(reviewer: Reviewer, what: string): void {
  requireReader(reviewer);
  if (!canEdit(reviewer))
    throw new ForbiddenError(`${reviewer.name ?? reviewer.id} is a reader, so can read the grid but not ${what}. An approver can make them an editor.`);
}

export interface ReviewDeps {
  readonly store: GridStore;
  readonly config: GridSideConfig;
  readonly now: () => Date;
}

export interface SlotRef {
  readonly week: string;
  readonly id: string;
}

export type SlotChange =
  | { readonly kind: 'edit'; readonly text?: string | undefined; readonly altText?: string | undefined; readonly image?: boolean | undefined }
  | { readonly kind: 'submit' }
  | { readonly kind: 'approve' }
  | { readonly kind: 'request-changes'; readonly note: string }
  | { readonly kind: 'regenerate' }
  | { readonly kind: 'comment'; readonly text: string };

/** Each change in plain words, for the message that says who may not make it. */
const CHANGE_WORDS: Record<SlotChange['kind'], string> = {
  edit: 'edit posts',
  submit: 'send posts for review',
  approve: 'approve posts',
  'request-changes': 'send a post back for changes',
  regenerate: 'redraft posts',
  comment: 'comment on posts',
};

/**
 * Applies one change to a slot. `expectedVersion` is the version the person saw; a comment may
 * leave it out (a comment loses nothing if it lands on a newer version).
 */
export async function changeSlot(ref: SlotRef, change: SlotChange, expectedVersion: number | undefined, reviewer: Reviewer, deps: ReviewDeps): Promise<Slot> {
  requireEditor(reviewer, CHANGE_WORDS[change.kind]);
  if ((change.kind === 'approve' || change.kind === 'request-changes') && !canApprove(reviewer)) {
    throw new ForbiddenError(`Only members of the "approvers" group can ${CHANGE_WORDS[change.kind]}.`);
  }
  // A comment retries on a race by itself; everything else is the person's decision to remake.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.store.getSlot(ref.week, ref.id);
    if (!current) throw new NotFoundError(`There is no slot ${ref.id} in ${ref.week}.`);
    const expected = expectedVersion ?? (change.kind === 'comment' ? current.version : undefined);
    if (expected === undefined) throw new ReviewRuleError('Say which version of the slot you are changing.');
    if (current.version !== expected) throw new ConflictError(current);
    const next = withinItemLimit(apply(current, change, reviewer, deps));
    try {
      await deps.store.putSlot(next, current.version);
      return next;
    } catch (error) {
      if (error instanceof ConflictError && change.kind === 'comment' && expectedVersion === undefined) continue;
      throw error;
    }
  }
  throw new ConflictError(await deps.store.getSlot(ref.week, ref.id));
}

function apply(slot: Slot, change: SlotChange, reviewer: Reviewer, deps: ReviewDeps): Slot {
  const at = deps.now().toISOString();
  const entry = (action: HistoryEntry['action'], detail: string): HistoryEntry => ({ at, by: reviewer.id, action, detail });
  const bump = (changes: Partial<Slot>, history: HistoryEntry): Slot => ({
    ...slot,
    ...changes,
    history: [...slot.history, history],
    version: slot.version + 1,
    updatedAt: at,
    updatedBy: reviewer.id,
  });
  const locked = () => {
    if (slot.status === 'approved') throw new ReviewRuleError('This post is approved and locked. An approver can send it back for changes first.');
  };

  switch (change.kind) {
    case 'edit': {
      locked();
      const parts: string[] = [];
      // Pasted text can carry characters nobody sees; they never reach a post.
      const text = removeInvisible(change.text ?? slot.text).text;
      const altText = removeInvisible(change.altText ?? slot.altText).text;
      const image = change.image ?? slot.image;
      const changed: NonNullable<HistoryEntry['changed']> = [];
      if (text !== slot.text) changed.push('text');
      if (altText !== slot.altText) changed.push('altText');
      if (image !== slot.image) changed.push('image');
      if (text !== slot.text)
        parts.push(`text (${countLength(slot.channel, slot.text).count} → ${countLength(slot.channel, text).count} characters): "${text}"`);
      if (altText !== slot.altText) parts.push(altText ? `alt text: "${altText}"` : 'alt text removed');
      if (image !== slot.image) parts.push(image ? 'image added' : 'image removed');
      if (parts.length === 0) throw new ReviewRuleError('Nothing changed.');
      const status = slot.status === 'changes-requested' ? 'draft' : slot.status;
      return bump({ text, altText, image, status }, { ...entry('edited', parts.join('; ')), changed });
    }
    case 'submit': {
      locked();
      if (slot.status === 'in-review') throw new ReviewRuleError('This post is already waiting for review.');
      return bump({ status: 'in-review' }, entry('submitted', 'Sent for review.'));
    }
    case 'approve': {
      locked();
      if (slot.text.trim() === '') throw new ReviewRuleError('The post has no text.');
      const author = lastWriter(slot);
      if (author === reviewer.id && deps.config.grid?.fourEyes !== false) {
        throw new ReviewRuleError(
          'Four eyes: you made the last change to this text, so another approver must approve it. Send it for review. (An office of one can set grid.fourEyes: false.)',
        );
      }
      if (slot.image && slot.altText.trim() === '') throw new ReviewRuleError('This post has an image: describe it in the alt text before approving.');
      const length = countLength(slot.channel, slot.text);
      if (length.over) throw new ReviewRuleError(`Too long for ${CHANNEL_RULES[slot.channel].name}: ${length.count} of ${length.limit}.`);
      return bump({ status: 'approved' }, entry('approved', `Approved for ${CHANNEL_RULES[slot.channel].name} at ${slot.time} on ${slot.date}.`));
    }
    case 'request-changes': {
      const note = change.note.trim();
      if (note === '') throw new ReviewRuleError('Say what needs to change.');
      return bump({ status: 'changes-requested', comments: [...slot.comments, { at, by: reviewer.id, text: note }] }, entry('changes-requested', note));
    }
    case 'regenerate': {
      locked();
      const channel = channelConfig(deps.config, slot);
      const variant = slot.templateVariant + 1;
      const text = draftPost({
        config: deps.config,
        hook: slot.hook,
        channel,
        date: slot.date,
        variant,
        neutral: deps.config.grid ? mustBeNeutral(channel, slot.date, deps.config.grid) : false,
      });
      const status = slot.status === 'changes-requested' ? 'draft' : slot.status;
      return bump({ text, templateVariant: variant, status }, entry('regenerated', `Redrafted from template ${variant + 1}: "${text}"`));
    }
    case 'comment': {
      const text = change.text.trim();
      if (text === '') throw new ReviewRuleError('The comment is empty.');
      return bump({ comments: [...slot.comments, { at, by: reviewer.id, text }] }, entry('commented', text));
    }
  }
}

/** The slot's channel as configured now, or (if it was removed since) a staff-run default. */
function channelConfig(config: GridSideConfig, slot: Slot): GridChannelConfig {
  return config.grid?.channels.find((c) => c.id === slot.channel) ?? { id: slot.channel, days: [], times: [slot.time], maxPerDay: 1, staffRun: true };
}

/**
 * Who last wrote the slot's text: the last person whose edit changed it since it was planned or
 * redrafted (undefined for the planner's own draft). Read from each edit's `changed` list, never
 * from the wording of its detail; an edit stored before that list existed counts as a text edit,
 * so the rule errs towards a second pair of eyes.
 */
function lastWriter(slot: Slot): string | undefined {
  for (let i = slot.history.length - 1; i >= 0; i--) {
    const entry = slot.history[i];
    if (!entry) continue;
    if (entry.action === 'edited' && (entry.changed?.includes('text') ?? true)) return entry.by;
    if (entry.action === 'planned' || entry.action === 'regenerated') return undefined;
  }
  return undefined;
}

/**
 * A slot is one DynamoDB item, and an item over 400 KB is refused: past that the slot could never
 * be saved again. History is what grows without bound, so its oldest entries go first (the first
 * one, how the slot was planned, stays); if the slot is still too big, the change is refused.
 */
export const SLOT_BYTE_BUDGET = 300_000;
/** History quotes an edited text up to this many characters (the slot itself holds the whole text). */
const QUOTE_MAX = 1_000;

function withinItemLimit(slot: Slot): Slot {
  const last = slot.history.at(-1);
  const quoted =
    last && last.detail.length > QUOTE_MAX
      ? { ...slot, history: [...slot.history.slice(0, -1), { ...last, detail: `${last.detail.slice(0, QUOTE_MAX)}…` }] }
      : slot;
  let size = Buffer.byteLength(JSON.stringify(quoted));
  if (size <= SLOT_BYTE_BUDGET) return quoted;
  const history = [...quoted.history];
  let dropped = 0;
  while (size > SLOT_BYTE_BUDGET && history.length > 2) {
    const [removed] = history.splice(1, 1);
    size -= Buffer.byteLength(JSON.stringify(removed)) + 1;
    dropped++;
  }
  if (size > SLOT_BYTE_BUDGET) {
    throw new SlotTooLargeError(
      `This post is too big to save (${Math.ceil(size / 1000)} KB with its comments; the limit is ${SLOT_BYTE_BUDGET / 1000} KB): shorten the text or the alt text, or start a new post for more discussion.`,
    );
  }
  const earlier = history[0];
  const note = {
    at: slot.updatedAt,
    by: slot.updatedBy,
    action: 'commented' as const,
    detail: `${dropped} older history entries were removed to keep this post within the storage limit.`,
  };
  return { ...quoted, history: earlier ? [earlier, note, ...history.slice(1)] : history };
}
