/**
 * Mistakes the political assistant can make in a query, and the message (with a 1-based column)
 * that tells them where to look.
 */
import { describe, expect, it } from 'vitest';
import { QuerySyntaxError, compileQuery, prepareText } from '../../../../shared/classify/rules/index.js';
import { MAX_DEPTH, MAX_NEAR_OPERANDS } from '../../../../shared/classify/rules/lex.js';

const errors: readonly (readonly [query: string, message: string])[] = [
  ['', 'empty query at column 1'],
  ['   ', 'empty query at column 1'],
  ['(housing OR rent', 'unbalanced parenthesis at column 1'],
  ['housing OR rent)', 'unbalanced parenthesis at column 16'],
  ['(a OR (b AND c)', 'unbalanced parenthesis at column 1'],
  ['a AND (b OR c', 'unbalanced parenthesis at column 7'],
  [')', 'unbalanced parenthesis at column 1'],
  ['(', 'unbalanced parenthesis at column 1'],
  ['()', 'empty parentheses at column 1'],
  ['housing ()', 'empty parentheses at column 9'],
  ['"warm space', 'unterminated quote at column 1'],
  ['housing "warm', 'unterminated quote at column 9'],
  ['""', 'empty phrase at column 1'],
  ['a " - " b', 'empty phrase at column 3'],
  ['ho*', 'wildcard needs 3 letters before * at column 3'],
  ['"warm sp*"', 'wildcard needs 3 letters before * at column 9'],
  ['council-r*', 'wildcard needs 3 letters before * at column 10'],
  ['*', 'stray * at column 1'],
  ['housing *', 'stray * at column 9'],
  ['*housing', 'stray * at column 1'],
  ['"warm *"', 'stray * at column 7'],
  ['homeless**', 'stray * at column 10'],
  ['wom*n', 'wildcard * must end a word at column 4'],
  ['wom?n', 'the ? wildcard is not supported (use * at the end of a word) at column 4'],
  ['housing OR', 'OR needs something after it at column 9'],
  ['OR housing', 'OR needs something before it at column 1'],
  ['housing AND', 'AND needs something after it at column 9'],
  ['AND housing', 'AND needs something before it at column 1'],
  ['housing AND OR rent', 'AND needs something after it at column 9'],
  ['(OR rent)', 'OR needs something before it at column 2'],
  ['(rent OR)', 'OR needs something after it at column 7'],
  ['NOT', 'NOT needs something after it at column 1'],
  ['housing NOT', 'NOT needs something after it at column 9'],
  ['mayor NEAR/0 resign', 'NEAR needs /n with n ≥ 1 at column 7'],
  ['mayor NEAR/x resign', 'NEAR needs /n with n ≥ 1 at column 7'],
  ['mayor NEAR/ resign', 'NEAR needs /n with n ≥ 1 at column 7'],
  ['mayor ONEAR/-2 resign', 'ONEAR needs /n with n ≥ 1 at column 7'],
  ['mayor NEAR/3', 'NEAR/3 needs something after it at column 7'],
  ['NEAR mayor', 'NEAR needs something before it at column 1'],
  ['(mayor AND leader) NEAR/3 resign', 'NEAR/3 can only join words, phrases and OR-groups of them at column 1'],
  ['mayor NEAR/3 NOT resign', 'NEAR/3 can only join words, phrases and OR-groups of them at column 14'],
  ['NOT mayor NEAR/3 resign', 'NEAR/3 can only join words, phrases and OR-groups of them at column 1'],
  ['mayor NEAR/3 (resign* leader)', 'NEAR/3 can only join words, phrases and OR-groups of them at column 14'],
  ['mayor near/3 resign', 'write NEAR/3 in capitals at column 7'],
  ['title: housing', 'title: needs a word, phrase or group right after it at column 1'],
  ['housing summary:', 'summary: needs a word, phrase or group right after it at column 9'],
  ['title:(summary:rent)', 'summary: inside title: can never match at column 8'],
  ['-sport', 'write NOT sport instead of -sport at column 1'],
  ['housing &', 'nothing to search for in "&" at column 9'],
  ['"🎉 café" (', 'unbalanced parenthesis at column 10'],
  ['🎉🎉 OR', 'nothing to search for in "🎉🎉" at column 1'],
  ['source:', 'source: needs a source id right after it (e.g. source:bbc-london) at column 1'],
  ['housing site: gov.uk', 'site: needs a host right after it (e.g. site:bbc.co.uk) at column 9'],
  ['source:bbc_london', 'source: needs a source id from the configuration, such as bbc-london (letters, digits and hyphens) at column 8'],
  ['source:(bbc-london OR itv)', 'source: takes one value, not a group or phrase: write source:bbc-london OR source:… at column 1'],
  ['site:"bbc.co.uk"', 'site: takes one value, not a group or phrase: write site:bbc.co.uk OR site:… at column 1'],
  ['site:https://www.bbc.co.uk/news', 'site: needs a host such as bbc.co.uk, without https:// or a path at column 6'],
  ['site:bbc.co.uk/news', 'site: needs a host such as bbc.co.uk, without https:// or a path at column 6'],
  ['site:*.bbc.co.uk', 'site: already includes subdomains: write site:bbc.co.uk, not site:*.bbc.co.uk at column 6'],
  ['site:bbc..co.uk', 'site: needs a host such as bbc.co.uk (letters, digits, hyphens and dots) at column 6'],
  ['title:(housing OR source:bbc-london)', 'source: is about the whole item: put it outside title: at column 19'],
  ['mayor NEAR/3 site:bbc.co.uk', 'NEAR/3 can only join words, phrases and OR-groups of them at column 14'],
];

describe('compileQuery errors', () => {
  it.each(errors)('%j → %s', (query, message) => {
    // Act
    const thrown = (() => {
      try {
        compileQuery(query);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    // Assess
    expect(thrown).toBeInstanceOf(QuerySyntaxError);
    const error = thrown as QuerySyntaxError;
    expect(error.message).toBe(message);
    expect(error.query).toBe(query);
    expect(error.column).toBe(Number(/column (\d+)$/.exec(message)?.[1]));
    expect(error.query.slice(0, error.index).length).toBe(error.index);
    expect(error.name).toBe('QuerySyntaxError');
  });

  it('refuses nesting deeper than MAX_DEPTH before recursing, at the first level too deep', () => {
    const deep = (open: string, close: string, levels: number) => `${open.repeat(levels)}housing${close.repeat(levels)}`;
    // 5,000 levels overflowed the stack; now each is refused with the column of level 33.
    expect(() => compileQuery(deep('(', ')', 5000))).toThrow(`nested more than ${MAX_DEPTH} levels deep at column ${MAX_DEPTH + 1}`);
    expect(() => compileQuery(deep('NOT ', '', 5000))).toThrow(`nested more than ${MAX_DEPTH} levels deep at column ${4 * MAX_DEPTH + 1}`);
    expect(() => compileQuery(deep('title:', '', 5000))).toThrow(`nested more than ${MAX_DEPTH} levels deep`);
    expect(() => compileQuery(deep('title:(', ')', 5000))).toThrow(`nested more than ${MAX_DEPTH} levels deep`);
    // At the limit it still compiles and matches.
    expect(compileQuery(deep('(', ')', MAX_DEPTH)).match(prepareText({ title: 'Housing', summary: '' }))).not.toBeNull();
  });

  it('refuses more than MAX_NEAR_OPERANDS operands in one NEAR expression, not in one query', () => {
    const clauses = Array.from({ length: 20 }, (_, i) => `mayor NEAR/3 w${i}`).join(' OR ');
    expect(() => compileQuery(clauses)).not.toThrow();
    // Wide OR-groups are one operand each (the grid's criticism query is 34 words NEAR 13 names).
    const group = (n: number, w: string) => `(${Array.from({ length: n }, (_, i) => `${w}${i}`).join(' OR ')})`;
    expect(() => compileQuery(`${group(34, 'critic')} NEAR/8 ${group(13, 'name')}`)).not.toThrow();
    const chain = (operands: number) => Array.from({ length: operands }, () => 'mayor').join(' NEAR/3 ');
    expect(() => compileQuery(chain(MAX_NEAR_OPERANDS))).not.toThrow();
    const error = (() => {
      try {
        compileQuery(chain(MAX_NEAR_OPERANDS + 1));
      } catch (thrown) {
        return thrown as QuerySyntaxError;
      }
      throw new Error('compiled');
    })();
    expect(error.reason).toBe(`more than ${MAX_NEAR_OPERANDS} operands joined by NEAR/ONEAR`);
    // The index points at the NEAR that adds the operand too many.
    expect(error.query.slice(error.index)).toBe('NEAR/3 mayor');
  });

  it('reports the first problem from the left', () => {
    expect(() => compileQuery('(ho* OR "warm')).toThrow('wildcard needs 3 letters before * at column 4');
  });
});
