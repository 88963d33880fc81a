/**
 * A story row is written every time an item joins: kept deflated, a story of one or two outlets
 * costs one write unit (under 1 KB), and rows written before packing still read.
 */
import { describe, expect, it } from 'vitest';
import { encodeSignature, shingles, signature } from '../../../../shared/classify/stories/signature.js';
import { MAX_MEMBERS, joinStory, startStory, storyRecordSchema, type AssessStory, type StoryMember } from '../../../../shared/classify/stories/story.js';
import { PACKED_STORY, packStoryFields, unpackStoryFields } from '../../../../shared/adapters/aws/item-codec.js';

const assess: AssessStory = (best, outlets) => (best ? { level: 'high', score: best.weighted + outlets } : { level: 'none', score: 0 });
const policy = { alertLevel: 'high', spreadAlerts: [3, 6] } as const;
const now = new Date('2026-11-23T09:01:00Z');

function member(n: number, title: string): StoryMember {
  return {
    itemId: (0xabcdef0123 * (n + 1)).toString(16).padStart(32, '7'),
    sourceId: `outlet-${n}`,
    sourceName: `The Outlet Number ${n} Gazette`,
    seenAt: '2026-11-23T09:00:00.000Z',
    signature: encodeSignature(signature(shingles({ title, summary: `${title} — more words about the ${n}th thing the paper says here` }))),
    priorities: ['housing'],
    evidence: {
      base: 9,
      basis: 'Mayor 3 × triggers 3',
      lines: ['Mayor named ("Brenda Dacres") within 2 words of "resign"'],
      outlet: { sourceId: `outlet-${n}`, name: `The Outlet Number ${n} Gazette`, kind: 'local', weight: 1 },
      weighted: 9,
    },
  };
}

const withoutVersion = (story: ReturnType<typeof startStory>['story']) => {
  const { version: _v, ...fields } = story;
  return fields;
};

describe('story rows', () => {
  it('keep a sensitive story of two outlets under 1 KB, one write unit', () => {
    // Prepare
    const first = startStory(member(1, 'Mayor urged to resign over £4m Catford housing contract'), assess, policy, now).story;
    const second = joinStory(first, member(2, 'Calls for Mayor to resign over Catford housing deal'), assess, policy, now).story;
    // Act
    const packed = packStoryFields(withoutVersion(second));
    // Assess: the row also holds its keys, version and expiry (about 80 bytes).
    console.log(`story row of two outlets, sensitive: ${packed.length} bytes deflated`);
    expect(second.alerts).toHaveLength(1);
    expect(packed.length + 80).toBeLessThan(1024);
  });

  it('keep only the first item ids of a large story, while its size keeps counting', () => {
    let story = startStory(member(0, 'Lewisham bridge closed for repairs'), assess, policy, now).story;
    for (let n = 1; n < 60; n++) story = joinStory(story, member(n, `Lewisham bridge closed for repairs ${n}`), assess, policy, now).story;
    expect(story.size).toBe(60);
    expect(story.members).toHaveLength(MAX_MEMBERS);
    expect(story.outlets).toHaveLength(60);
  });

  it('read back the same story, packed or as a map written before packing', () => {
    const story = startStory(member(1, 'Library hours cut across the borough'), assess, policy, now).story;
    const fields = withoutVersion(story);
    const packedRow = { [PACKED_STORY]: packStoryFields(fields), version: 3 };
    const oldRow = { story: fields, version: 3 };
    expect(storyRecordSchema.parse({ ...unpackStoryFields(packedRow), version: 3 })).toEqual({ ...story, version: 3 });
    expect(storyRecordSchema.parse({ ...unpackStoryFields(oldRow), version: 3 })).toEqual({ ...story, version: 3 });
  });
});
