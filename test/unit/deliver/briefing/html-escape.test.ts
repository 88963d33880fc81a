import { describe, expect, it } from 'vitest';
import { escapeHtml, safeHref } from '../../../../shared/deliver/render/escape.js';
import { cleanText, highlightPieces, piecesToHtml } from '../../../../shared/deliver/render/text.js';
import { spansOf } from './fixtures.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('leaves ordinary text, including "£" and "—", alone', () => {
    expect(escapeHtml('£4m — Mayor’s plan')).toBe('£4m — Mayor’s plan');
  });
});

describe('safeHref', () => {
  it.each([
    ['https://www.bbc.co.uk/news/uk-england-london-1', 'https://www.bbc.co.uk/news/uk-england-london-1'],
    ['HTTP://News.Example.co.uk/a?b=1&c=2', 'http://news.example.co.uk/a?b=1&c=2'],
    ['  https://example.com/path  ', 'https://example.com/path'],
  ])('passes the web link %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'mailto:someone@example.com',
    'ftp://example.com/file',
    '/news/story',
    'news/story',
    '//evil.example/path',
    'https://',
    'http://exa mple.com/',
    'https://www.bbc.co.uk@evil.example/',
    'https://user:pass@example.com/',
    '',
    `https://example.com/${'a'.repeat(5000)}`,
  ])('refuses %j', (input) => {
    expect(safeHref(input)).toBeUndefined();
  });

  it('percent-encodes quotes and angle brackets, so the link cannot leave its attribute', () => {
    const href = safeHref('https://example.com/a"><script>alert(1)</script>?q="x"');

    expect(href).toBeDefined();
    expect(href).not.toMatch(/["<>]/);
  });
});

describe('highlightPieces', () => {
  it('escapes the text around a highlight, never the highlight markup', () => {
    const raw = '<b>Mayor</b> resigns & <i>leaves</i>';
    const pieces = highlightPieces(raw, spansOf(raw, '', ['Mayor', 'resigns']), 200);

    expect(piecesToHtml(pieces, 'x')).toBe('&lt;b&gt;<mark style="x">Mayor</mark>&lt;/b&gt; <mark style="x">resigns</mark> &amp; &lt;i&gt;leaves&lt;/i&gt;');
  });

  it('merges overlapping spans and ignores spans whose offsets do not match their text', () => {
    const raw = 'Mayor of Exampleton resigns';
    const pieces = highlightPieces(
      raw,
      [
        { field: 'title', start: 0, end: 5, text: 'Mayor' },
        { field: 'title', start: 0, end: 19, text: 'Mayor of Exampleton' },
        { field: 'title', start: 3, end: 9, text: 'resigns' }, // stale offsets
        { field: 'title', start: 20, end: 99, text: 'out of range' },
      ],
      200,
    );

    expect(pieces).toEqual([
      { text: 'Mayor of Exampleton', marked: true },
      { text: ' resigns', marked: false },
    ]);
  });

  it('cuts long text at a word, keeps a highlight that falls inside, and adds an ellipsis', () => {
    const raw = `${'word '.repeat(30)}housing ${'more '.repeat(40)}housing`;
    const pieces = highlightPieces(
      raw,
      spansOf('', raw, ['housing']).map((s) => ({ ...s, field: 'title' as const })),
      200,
    );
    const text = pieces.map((p) => p.text).join('');

    expect(text.length).toBeLessThanOrEqual(201);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toMatch(/\s…$/);
    expect(pieces.filter((p) => p.marked)).toEqual([{ text: 'housing', marked: true }]);
  });

  it('collapses newlines and removes bidi overrides, so a headline reads as it is', () => {
    expect(cleanText('Mayor\n\n  resigns\u202Esngiser\u0000')).toBe('Mayor resignssngiser');
  });
});
