/** A query the political assistant wrote cannot be compiled; says what is wrong and where. */
export class QuerySyntaxError extends Error {
  constructor(
    /** What is wrong, in plain words, without the position (e.g. "unbalanced parenthesis"). */
    readonly reason: string,
    /** 1-based, counted in characters as an editor shows them (astral characters count once). */
    readonly column: number,
    readonly query: string,
    /** The same place as a UTF-16 offset into `query`, so a caller can map it into a file. */
    readonly index = 0,
  ) {
    super(`${reason} at column ${column}`);
    this.name = 'QuerySyntaxError';
  }
}

/** Converts a UTF-16 index into the 1-based column a person sees, so emoji count as one. */
export function columnAt(query: string, index: number): number {
  let column = 1;
  for (let i = 0; i < index && i < query.length; i++) {
    const code = query.charCodeAt(i);
    // Count a surrogate pair once: skip the low half.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < index) i++;
    column++;
  }
  return column;
}
