import { describe, expect, it } from 'vitest';
import { plainText } from '../../../../shared/ingest/feeds/plain-text.js';

/*
 * Past 500 start tags the text is read by a linear walk over htmlparser2's tokenizer instead of its
 * Parser (whose open-element stack made 200k unclosed <div> quadratic). The text must be the same.
 */
describe('plainText past the Parser threshold', () => {
  const padding = '<span>'.repeat(600);

  it.each([
    ['<p>Council <b>tax</b> frozen</p>', 'Council tax frozen'],
    ['<div><svg><text>hidden</text></div>shown', 'shown'],
    ['<script>var x = "<div>"</script>after', 'after'],
    ['Fish &amp; chips &lt;b&gt; &copy=2', 'Fish & chips <b> &copy=2'],
    ['one<br>two</br>three', 'one two three'],
    ['<head><title>t</title><body>text', 'text'],
    ['<p>a<p>b</p>c</div>d', 'a b cd'],
    ['<svg/>after svg', 'after svg'],
  ])('%s', (html, expected) => {
    expect(plainText(html)).toBe(expected);
    expect(plainText(padding + html)).toBe(expected);
  });

  it('reads 200k unclosed <div> in a summary to its text', () => {
    const html = `Lead ${'<div>'.repeat(200_000)}tail &amp; end<style>x</style>`;
    expect(plainText(html)).toBe('Lead tail & end');
  });
});
