import { describe, expect, it } from 'vitest';
import { countLength, CHANNEL_RULES } from '../../../shared/grid/counter.js';

const ZWJ = '\u200d';
const FAMILY = `👨${ZWJ}👩${ZWJ}👧${ZWJ}👧`;

describe('X: twitter-text weighted length (conformance examples, validate.yml)', () => {
  it.each([
    ['This is a test.', 15],
    ['Hi http://test.co', 26],
    ['https://test.com', 23],
    ['test.com', 23],
    ['Test https://test.com test https://test.com test.com test', 86],
    ['https://www.twitter.com/aloha '.repeat(10), 240],
    ['😷👾😡🔥💩', 10],
    ['1\u20e3', 2],
    ['A\u0301B', 2],
    ['저찀쯿쿿', 8],
    ['Unicode 9.0 emoji: 🤠; 💃; 💃🏾', 29],
  ])('%j counts %i', (text, expected) => {
    // Act / Assess
    expect(countLength('x', text).count).toBe(expected);
  });

  it('says a 281-weight post is over by one', () => {
    // Prepare: "Invalid Tweet: 281 characters" from the conformance suite.
    const text =
      'A lie gets halfway around the world before the truth has a chance to get its pants on. Winston Churchill (1874-1965) http://bit.ly/dJpywL A lie gets halfway around the world before the truth has a chance to get its pants on. Winston Churchill (1874-1965) http://bit.ly/dJpywL';
    // Act
    const count = countLength('x', text);
    // Assess
    expect(count.over).toBe(true);
    expect(count.remaining).toBeLessThan(0);
  });
});

describe('Bluesky: graphemes (atproto RichText examples)', () => {
  it.each([
    ['Hello!', 6],
    [FAMILY, 1],
    [`${FAMILY}🔥 good!✅`, 9],
    ['e\u0301', 1],
    ['🇬🇧', 1],
  ])('%j counts %i', (text, expected) => {
    // Act / Assess
    expect(countLength('bluesky', text).count).toBe(expected);
  });

  it('counts a link in full', () => {
    // Act / Assess
    expect(countLength('bluesky', 'See https://www.example.gov.uk/a/long/page').count).toBe(42);
  });

  it('allows exactly 300', () => {
    // Act / Assess
    expect(countLength('bluesky', '💙'.repeat(300)).over).toBe(false);
    expect(countLength('bluesky', '💙'.repeat(301)).over).toBe(true);
  });
});

describe('Mastodon: graphemes, links as 23, remote mentions as the user part', () => {
  it.each([
    ['Hello world', 11],
    ['https://example.com/a/very/long/path/that/goes/on/and/on?and=more', 23],
    ['Read https://example.com/x then @sam@mastodon.social', 38],
    [FAMILY, 1],
  ])('%j counts %i', (text, expected) => {
    // Act / Assess
    expect(countLength('mastodon', text).count).toBe(expected);
  });
});

describe('Threads: emoji as their UTF-8 bytes', () => {
  it('counts plain text by character and an emoji by its bytes', () => {
    // Act / Assess
    expect(countLength('threads', 'Hi 😀').count).toBe(3 + 4);
    expect(countLength('threads', 'café').count).toBe(4);
  });

  it('warns past five links', () => {
    // Prepare
    const text = Array.from({ length: 6 }, (_, i) => `https://example.com/${i}`).join(' ');
    // Act / Assess
    expect(countLength('threads', text).warnings).toEqual(['Threads allows at most 5 links in a post; this has 6.']);
  });
});

describe('Instagram, LinkedIn, Facebook', () => {
  it('warns that Instagram links are not clickable', () => {
    // Act
    const count = countLength('instagram', 'New homes: https://www.hartwell.example/homes');
    // Assess
    expect(count.warnings[0]).toMatch(/not clickable/);
  });

  it('counts characters against each limit', () => {
    // Act / Assess
    expect(countLength('instagram', 'a'.repeat(2200)).over).toBe(false);
    expect(countLength('instagram', 'a'.repeat(2201)).over).toBe(true);
    expect(countLength('linkedin', 'é'.repeat(3001)).over).toBe(true);
    expect(countLength('facebook', '😀'.repeat(63_206)).over).toBe(false);
    expect(CHANNEL_RULES.facebook.limit).toBe(63_206);
  });
});
