/**
 * A rule query said in words, for reasons the assistant reads and may have to repeat to someone:
 * `"candidate*" NEAR/5 election*` becomes "'candidate' within 5 words of 'election'". The query
 * syntax (quotes, stars, NEAR/n) is the rule writer's, never the reader's.
 */
import { parseQuery, type QueryNode } from '../classify/rules/parse.js';

/** The query in words; the query itself, quoted, if it does not parse (it was validated earlier). */
export function queryInWords(query: string): string {
  try {
    return inWords(parseQuery(query));
  } catch {
    return `'${query}'`;
  }
}

function inWords(node: QueryNode): string {
  switch (node.kind) {
    case 'words': {
      // A trailing * means "and longer words starting so": the stem alone reads as the word meant.
      const text = node.raw.replace(/^"|"$/g, '').replace(/\*/g, '').trim();
      return `'${text}'`;
    }
    case 'and':
      return node.children.map(group).join(' and ');
    case 'or':
      return node.children.map(group).join(' or ');
    case 'not':
      return `not ${group(node.child)}`;
    case 'near':
      return node.ordered
        ? `${group(node.left)} followed within ${node.distance} words by ${group(node.right)}`
        : `${group(node.left)} within ${node.distance} words of ${group(node.right)}`;
    case 'field':
      return `${group(node.child)} in the ${node.field === 'title' ? 'headline' : 'summary'}`;
    case 'meta':
      return node.field === 'site' ? `from the site ${node.value}` : `from the source ${node.value}`;
  }
}

/** A nested and/or/near reads as one unit in brackets, so "a or b within 3 words of c" is not ambiguous. */
function group(node: QueryNode): string {
  const words = inWords(node);
  return node.kind === 'and' || node.kind === 'or' || node.kind === 'near' ? `(${words})` : words;
}
