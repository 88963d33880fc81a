/**
 * Recursive-descent parser from tokens to a query tree. Precedence, tightest first:
 * NOT, NEAR/ONEAR, AND (written or implied by adjacency), OR.
 *
 *   query   := or END
 *   or      := and ( "OR" and )*
 *   and     := near ( "AND"? near )*
 *   near    := unary ( ("NEAR/n" | "ONEAR/n") unary )*      -- operands must be positional
 *   unary   := "NOT" unary | primary
 *   primary := field? ( word | "phrase" | "(" or ")" ) | meta
 *   meta    := "source:" source-id | "site:" host      -- about the item, not its words
 */
import { MAX_DEPTH, MAX_NEAR_OPERANDS, fail, lex, type MetaField, type PatternWord, type Token } from './lex.js';
import type { FieldName } from './tokenise.js';

/** `index` is the UTF-16 offset in the query where the node starts (for error columns). */
export type QueryNode =
  | { readonly kind: 'words'; readonly index: number; readonly raw: string; readonly phrase: boolean; readonly words: readonly PatternWord[] }
  | { readonly kind: 'and' | 'or'; readonly index: number; readonly children: readonly QueryNode[] }
  | { readonly kind: 'not'; readonly index: number; readonly child: QueryNode }
  | { readonly kind: 'near'; readonly index: number; readonly left: QueryNode; readonly right: QueryNode; readonly distance: number; readonly ordered: boolean }
  | { readonly kind: 'field'; readonly index: number; readonly field: FieldName; readonly child: QueryNode }
  | { readonly kind: 'meta'; readonly index: number; readonly field: MetaField; readonly value: string };

/** Parses a query into a tree; throws QuerySyntaxError with the column of the first problem. */
export function parseQuery(query: string): QueryNode {
  const tokens = lex(query);
  checkBounds(query, tokens);
  return new Parser(query, tokens).parse();
}

/**
 * Refuses nesting beyond the limit on the flat token list, before the recursive parser sees it:
 * 5,000 "(" would overflow its stack (and the matcher's) otherwise.
 */
function checkBounds(query: string, tokens: readonly Token[]): void {
  let depth = 0;
  for (const token of tokens) {
    if (token.type === 'lparen' && ++depth > MAX_DEPTH) fail(query, token.index, `nested more than ${MAX_DEPTH} levels deep`);
    if (token.type === 'rparen') depth = Math.max(0, depth - 1);
  }
}

type Operator = Extract<Token, { type: 'and' | 'or' | 'not' | 'near' | 'field' }>;

class Parser {
  private at = 0;
  /** Field scope of the enclosing `title:(...)`, to reject scopes that can never match. */
  private scope: { field: FieldName; raw: string } | undefined;
  /** Open "(" tokens, innermost last, so running out of query blames the unclosed one. */
  private readonly open: Token[] = [];
  /** Parentheses, NOTs and field scopes around the current token: bounded so recursion is. */
  private depth = 0;

  constructor(
    private readonly query: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): QueryNode {
    if (this.peek().type === 'end') fail(this.query, 0, 'empty query');
    const node = this.parseOr(undefined);
    const rest = this.peek();
    // Every other token continues an expression, so a leftover is always a closing parenthesis.
    if (rest.type !== 'end') fail(this.query, rest.index, 'unbalanced parenthesis');
    return node;
  }

  private peek(): Token {
    // The lexer always ends with an 'end' token and we never step past it.
    return this.tokens[this.at] ?? this.tokens[this.tokens.length - 1]!;
  }

  private take(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.at++;
    return token;
  }

  /** `after` is the operator whose right-hand side we are parsing, to blame it if nothing follows. */
  private parseOr(after: Operator | undefined): QueryNode {
    const first = this.parseAnd(after);
    const children = [first];
    while (this.peek().type === 'or') {
      const op = this.take() as Operator;
      children.push(this.parseAnd(op));
    }
    return children.length === 1 ? first : { kind: 'or', index: first.index, children };
  }

  private parseAnd(after: Operator | undefined): QueryNode {
    const first = this.parseNear(after);
    const children = [first];
    for (;;) {
      const next = this.peek();
      if (next.type === 'and') {
        children.push(this.parseNear(this.take() as Operator));
      } else if (startsOperand(next)) {
        children.push(this.parseNear(undefined)); // words side by side are ANDed
      } else {
        break;
      }
    }
    return children.length === 1 ? first : { kind: 'and', index: first.index, children };
  }

  private parseNear(after: Operator | undefined): QueryNode {
    let left = this.parseUnary(after);
    for (let next = this.peek(); next.type === 'near'; next = this.peek()) {
      this.take();
      this.requirePositional(left, next);
      const right = this.parseUnary(next);
      this.requirePositional(right, next);
      left = { kind: 'near', index: left.index, left, right, distance: next.distance, ordered: next.ordered };
      // Bounded per NEAR expression, not per query: many OR-ed "mayor NEAR resign" clauses are fine.
      if (operandCount(left) > MAX_NEAR_OPERANDS) fail(this.query, next.index, `more than ${MAX_NEAR_OPERANDS} operands joined by NEAR/ONEAR`);
    }
    return left;
  }

  private parseUnary(after: Operator | undefined): QueryNode {
    const next = this.peek();
    if (next.type !== 'not') return this.parsePrimary(after);
    this.take();
    this.enter(next);
    const child = this.parseUnary(next);
    this.depth--;
    return { kind: 'not', index: next.index, child };
  }

  private parsePrimary(after: Operator | undefined): QueryNode {
    const token = this.take();
    switch (token.type) {
      case 'words':
        return { kind: 'words', index: token.index, raw: token.raw, phrase: token.phrase, words: token.words };
      case 'field':
        return this.parseScoped(token);
      case 'meta':
        // title:(source:x) reads as if the title had a source: say where it belongs instead.
        if (this.scope) fail(this.query, token.index, `${token.field}: is about the whole item: put it outside ${this.scope.raw}`);
        return { kind: 'meta', index: token.index, field: token.field, value: token.value };
      case 'lparen': {
        if (this.peek().type === 'rparen') fail(this.query, token.index, 'empty parentheses');
        this.open.push(token);
        this.enter(token);
        const inner = this.parseOr(undefined);
        if (this.take().type !== 'rparen') fail(this.query, token.index, 'unbalanced parenthesis');
        this.depth--;
        this.open.pop();
        // A group starts at its "(" so errors about it as an operand point there.
        return { ...inner, index: token.index };
      }
      default:
        return this.missingOperand(after, token);
    }
  }

  private parseScoped(token: Extract<Token, { type: 'field' }>): QueryNode {
    const outer = this.scope;
    if (outer && outer.field !== token.field) fail(this.query, token.index, `${token.raw} inside ${outer.raw} can never match`);
    this.scope = { field: token.field, raw: token.raw };
    this.enter(token);
    // The lexer guarantees a word, phrase or "(" follows immediately.
    const child = this.parsePrimary(token);
    this.depth--;
    this.scope = outer;
    return { kind: 'field', index: token.index, field: token.field, child };
  }

  /** Counts one more level around what follows `token`; NOT NOT NOT… and title:title:… nest too. */
  private enter(token: Token): void {
    if (++this.depth > MAX_DEPTH) fail(this.query, token.index, `nested more than ${MAX_DEPTH} levels deep`);
  }

  private missingOperand(after: Operator | undefined, found: Token): never {
    if (after) fail(this.query, after.index, `${after.raw} needs something after it`);
    if (found.type === 'and' || found.type === 'or' || found.type === 'near') {
      fail(this.query, found.index, `${found.raw} needs something before it`);
    }
    const unclosed = this.open[this.open.length - 1];
    if (found.type === 'end' && unclosed) fail(this.query, unclosed.index, 'unbalanced parenthesis');
    fail(this.query, found.index, found.type === 'rparen' ? 'unbalanced parenthesis' : 'empty query');
  }

  private requirePositional(node: QueryNode, op: Extract<Token, { type: 'near' }>): void {
    if (!isPositional(node)) fail(this.query, node.index, `${op.raw} can only join words, phrases and OR-groups of them`);
  }
}

function startsOperand(token: Token): boolean {
  return token.type === 'words' || token.type === 'lparen' || token.type === 'not' || token.type === 'field' || token.type === 'meta';
}

/** Operands a NEAR expression chains (an OR-group of words counts once): what its cost grows with. */
function operandCount(node: QueryNode): number {
  switch (node.kind) {
    case 'words':
      return 1;
    case 'near':
      return operandCount(node.left) + operandCount(node.right);
    case 'or':
      // An OR-group is one operand, as wide as its widest branch: alternatives do not multiply.
      return node.children.reduce((widest, child) => Math.max(widest, operandCount(child)), 0);
    case 'field':
      return operandCount(node.child);
    case 'and':
    case 'not':
    case 'meta':
      return 0;
  }
}

/** Nodes that produce word positions, so a distance to another such node is meaningful. */
export function isPositional(node: QueryNode): boolean {
  switch (node.kind) {
    case 'words':
    case 'near':
      return true;
    case 'or':
      return node.children.every(isPositional);
    case 'field':
      return isPositional(node.child);
    case 'and':
    case 'not':
    case 'meta':
      return false;
  }
}
