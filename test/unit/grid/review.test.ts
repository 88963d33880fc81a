import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ReviewRuleError } from '../../../shared/grid/errors.js';
import type { GridWeek, Slot } from '../../../shared/grid/model.js';
import { planGrid } from '../../../shared/grid/planner.js';
import { changeSlot, type Reviewer } from '../../../shared/grid/review.js';
import type { GridStore } from '../../../shared/grid/ports.js';
import { gridConfig } from './fixtures.js';

const APPROVER: Reviewer = { id: 'head@hartwell.example', groups: ['approvers'] };
const EDITOR: Reviewer = { id: 'pa@hartwell.example', groups: ['editors'] };
const config = gridConfig({
  channels: [
    { id: 'instagram', days: ['tue'], times: ['12:00'] },
    { id: 'x', days: ['tue'], times: ['08:30'] },
  ],
});

/** The store's contract in memory: versioned writes, ConflictError on a stale one. */
function memoryStore(grid: GridWeek): GridStore {
  const slots = new Map(grid.slots.map((s) => [s.id, s]));
  return {
    getWeek: async () => ({ ...grid, slots: [...slots.values()] }),
    getSlot: async (_week, id) => slots.get(id),
    savePlan: async () => ({ written: 0, raced: 0 }),
    putSlot: async (slot: Slot, expected: number) => {
      if (slots.get(slot.id)?.version !== expected) throw new ConflictError(slots.get(slot.id));
      slots.set(slot.id, slot);
    },
    logDraftRead: async () => undefined,
    draftReads: async () => [],
  };
}

function setUp() {
  const grid = planGrid({ config, week: '2026-W49', items: [], meetings: [], now: new Date('2026-11-26T10:00:00Z') });
  const store = memoryStore(grid);
  let clock = Date.parse('2026-11-27T09:00:00Z');
  const deps = { store, config, now: () => new Date((clock += 60_000)) };
  const instagram = grid.slots.find((s) => s.channel === 'instagram')!;
  const x = grid.slots.find((s) => s.channel === 'x')!;
  return { deps, instagram, x, ref: (s: Slot) => ({ week: s.week, id: s.id }) };
}

describe('reviewing a slot', () => {
  it('removes invisible and text-direction characters a reviewer pasted into a post', async () => {
    const { deps, x, ref } = setUp();
    const edited = await changeSlot(ref(x), { kind: 'edit', text: 'Edited \u202Etext\u200B here', altText: 'A \u2066photo' }, x.version, EDITOR, deps);
    expect(edited).toMatchObject({ text: 'Edited text here', altText: 'A photo' });
  });

  it('records who changed what and when, and moves the version on', async () => {
    // Prepare
    const { deps, x, ref } = setUp();
    // Act
    const edited = await changeSlot(ref(x), { kind: 'edit', text: 'World AIDS Day: get tested, it is free.' }, x.version, EDITOR, deps);
    // Assess
    expect(edited.version).toBe(x.version + 1);
    expect(edited.history.at(-1)).toMatchObject({ by: EDITOR.id, action: 'edited', at: '2026-11-27T09:01:00.000Z' });
    expect(edited.history.at(-1)?.detail).toMatch(/^text \(\d+ → 39 characters\): "World AIDS Day: get tested, it is free\."$/);
  });

  it('lets only approvers approve', async () => {
    // Prepare
    const { deps, x, ref } = setUp();
    // Act / Assess
    await expect(changeSlot(ref(x), { kind: 'approve' }, x.version, EDITOR, deps)).rejects.toThrow(ForbiddenError);
    await expect(changeSlot(ref(x), { kind: 'approve' }, x.version, APPROVER, deps)).resolves.toMatchObject({ status: 'approved' });
  });

  it('has someone other than the writer approve: the person who last wrote the text cannot approve it', async () => {
    // Prepare: an approver who also edits (the head of office rewording a post).
    const { deps, x, ref } = setUp();
    const HEAD: Reviewer = { id: 'head@hartwell.example', groups: ['approvers', 'editors'] };
    const OTHER: Reviewer = { id: 'deputy@hartwell.example', groups: ['approvers'] };
    const mine = await changeSlot(ref(x), { kind: 'edit', text: 'Our new homes at Riverside are open.' }, x.version, HEAD, deps);
    // Act / Assess: refused for the writer, with what to do instead.
    await expect(changeSlot(ref(x), { kind: 'approve' }, mine.version, HEAD, deps)).rejects.toThrow(
      /Four eyes: you made the last change to this text, so another approver must approve it/,
    );
    // A comment or an alt-text change by the writer does not make them the writer of someone else's text.
    const theirs = await changeSlot(ref(x), { kind: 'edit', text: 'New homes at Riverside are open.' }, mine.version, EDITOR, deps);
    const commented = await changeSlot(ref(x), { kind: 'comment', text: 'Looks right.' }, theirs.version, HEAD, deps);
    await expect(changeSlot(ref(x), { kind: 'approve' }, commented.version, HEAD, deps)).resolves.toMatchObject({ status: 'approved' });
    // Another approver may approve the writer's text.
    const { deps: deps2, x: x2, ref: ref2 } = setUp();
    const written = await changeSlot(ref2(x2), { kind: 'edit', text: 'Bus route 47 now reaches the hospital.' }, x2.version, HEAD, deps2);
    await expect(changeSlot(ref2(x2), { kind: 'approve' }, written.version, OTHER, deps2)).resolves.toMatchObject({ status: 'approved' });
  });

  it('reads who last changed the text from the edit itself, not from the wording of its history line', async () => {
    // Prepare: an editor's text, then an approver who changes only the alt text, with a detail that reads like a text edit.
    const { deps, instagram, ref } = setUp();
    const HEAD: Reviewer = { id: 'head@hartwell.example', groups: ['approvers'] };
    const written = await changeSlot(ref(instagram), { kind: 'edit', text: 'Riverside homes open today.' }, instagram.version, EDITOR, deps);
    const described = await changeSlot(ref(instagram), { kind: 'edit', altText: 'text (3 → 4 characters): a photo' }, written.version, HEAD, deps);
    // Assess: the alt-text edit says what it changed; the approver did not write the text, so may approve.
    expect(described.history.at(-1)?.changed).toEqual(['altText']);
    expect(written.history.at(-1)?.changed).toEqual(['text']);
    await expect(changeSlot(ref(instagram), { kind: 'approve' }, described.version, HEAD, deps)).resolves.toMatchObject({ status: 'approved' });
  });

  it('counts an edit stored before edits said what they changed as a text edit (four-eyes errs towards a second reader)', async () => {
    const { deps, x, ref } = setUp();
    const HEAD: Reviewer = { id: 'head@hartwell.example', groups: ['approvers'] };
    const mine = await changeSlot(ref(x), { kind: 'edit', text: 'An older edit.' }, x.version, HEAD, deps);
    const { changed: _dropped, ...older } = mine.history.at(-1)!;
    await deps.store.putSlot({ ...mine, history: [...mine.history.slice(0, -1), older], version: mine.version + 1 }, mine.version);
    await expect(changeSlot(ref(x), { kind: 'approve' }, mine.version + 1, HEAD, deps)).rejects.toThrow(/Four eyes/);
  });

  it('lets the writer approve in an office of one (grid.fourEyes: false)', async () => {
    const { deps, x, ref } = setUp();
    const single = { ...deps, config: { ...deps.config, grid: { ...deps.config.grid!, fourEyes: false } } };
    const HEAD: Reviewer = { id: 'head@hartwell.example', groups: ['approvers', 'editors'] };
    const mine = await changeSlot(ref(x), { kind: 'edit', text: 'Our new homes at Riverside are open.' }, x.version, HEAD, single);
    await expect(changeSlot(ref(x), { kind: 'approve' }, mine.version, HEAD, single)).resolves.toMatchObject({ status: 'approved' });
  });

  it('refuses to approve an image post without alt text', async () => {
    // Prepare
    const { deps, instagram, ref } = setUp();
    // Act / Assess
    await expect(changeSlot(ref(instagram), { kind: 'approve' }, instagram.version, APPROVER, deps)).rejects.toThrow(
      new ReviewRuleError('This post has an image: describe it in the alt text before approving.'),
    );
    const described = await changeSlot(ref(instagram), { kind: 'edit', altText: 'A red ribbon on the town hall steps' }, instagram.version, EDITOR, deps);
    await expect(changeSlot(ref(instagram), { kind: 'approve' }, described.version, APPROVER, deps)).resolves.toMatchObject({ status: 'approved' });
  });

  it('locks an approved post until an approver sends it back', async () => {
    // Prepare
    const { deps, x, ref } = setUp();
    const approved = await changeSlot(ref(x), { kind: 'approve' }, x.version, APPROVER, deps);
    // Act / Assess
    await expect(changeSlot(ref(x), { kind: 'edit', text: 'New words' }, approved.version, EDITOR, deps)).rejects.toThrow(/approved and locked/);
    const back = await changeSlot(ref(x), { kind: 'request-changes', note: 'Add the testing link' }, approved.version, APPROVER, deps);
    expect(back).toMatchObject({ status: 'changes-requested', comments: [{ by: APPROVER.id, text: 'Add the testing link' }] });
    await expect(changeSlot(ref(x), { kind: 'edit', text: 'New words' }, back.version, EDITOR, deps)).resolves.toMatchObject({ status: 'draft' });
  });

  it('refuses a change made to an older version, and hands back the current slot', async () => {
    // Prepare: two people open version 1; the first saves.
    const { deps, x, ref } = setUp();
    await changeSlot(ref(x), { kind: 'edit', text: 'First words' }, x.version, EDITOR, deps);
    // Act
    const second = changeSlot(ref(x), { kind: 'edit', text: 'Second words' }, x.version, APPROVER, deps);
    // Assess
    await expect(second).rejects.toThrow(ConflictError);
    await second.catch((error: ConflictError) => expect(error.current?.text).toBe('First words'));
  });

  it("regenerates with the next template and keeps the slot's hook", async () => {
    // Prepare
    const { deps, x, ref } = setUp();
    // Act
    const again = await changeSlot(ref(x), { kind: 'regenerate' }, x.version, EDITOR, deps);
    // Assess
    expect(again.text).not.toBe(x.text);
    expect(again.templateVariant).toBe(1);
    expect(again.hook).toEqual(x.hook);
  });
});
