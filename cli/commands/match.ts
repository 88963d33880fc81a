/**
 * `despatch match --query Q [--title T] [--text T] [--source ID] [--link URL] [--json]`: tries one
 * query on one text, so a priority or trigger can be checked before it goes into the configuration.
 * Exit 0: it matches (the matched words are printed); 1: it does not; 2: the query has a mistake
 * (printed with a caret under the column) or the command was used wrongly.
 */
import type { MatchSpan } from '../../shared/platform/model.js';
import { compileQuery, prepareText, QuerySyntaxError, type CompiledQuery } from '../../shared/classify/rules/index.js';
import { parseCommandArgs, UsageError, type CommandOutput } from '../args.js';

export const MATCH_HELP = `despatch match --query QUERY [--title TEXT] [--text TEXT] [--source ID] [--link URL] [--json]
    Try one query on one headline (--title) and snippet (--text); --source and --link are what
    source: and site: look at. Exit 0 and the matched words when it matches, 1 when it does not,
    2 when the query has a mistake (shown with its column).`;

const options = {
  query: { type: 'string' },
  title: { type: 'string' },
  text: { type: 'string' },
  source: { type: 'string' },
  link: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Runs the command on its arguments (everything after "match") and says what to print. */
export function runMatch(argv: string[]): CommandOutput {
  const { values } = parseCommandArgs(argv, options, 'despatch match');
  if (values.help) return { code: 0, stdout: MATCH_HELP, stderr: '' };
  const query = values.query;
  if (query === undefined) throw new UsageError(`match needs --query\n\n${MATCH_HELP}`);
  const title = values.title ?? '';
  const text = values.text ?? '';
  const compiled = tryCompile(query);
  if (compiled instanceof QuerySyntaxError) {
    const error = compiled;
    if (values.json) {
      return { code: 2, stdout: JSON.stringify({ query, error: { reason: error.reason, column: error.column, message: error.message } }), stderr: '' };
    }
    return { code: 2, stdout: '', stderr: explainError(error) };
  }

  // Checked after the query, so a query can be checked for mistakes on its own.
  if (title === '' && text === '' && values.source === undefined && values.link === undefined) {
    throw new UsageError(`match needs something to match against: --title, --text, --source or --link\n\n${MATCH_HELP}`);
  }
  const spans = compiled.match(prepareText({ title, summary: text, sourceId: values.source, link: values.link }));
  if (values.json) return { code: spans ? 0 : 1, stdout: JSON.stringify({ query, matches: spans !== null, spans: spans ?? [] }), stderr: '' };
  if (!spans) return { code: 1, stdout: `No match for ${query}`, stderr: '' };
  return { code: 0, stdout: describeMatch(query, { title, text }, spans), stderr: '' };
}

function tryCompile(query: string): CompiledQuery | QuerySyntaxError {
  try {
    return compileQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
}

/** Exit code after printing: what main() returns for this command. */
export function matchCommand(argv: string[]): number {
  const { code, stdout, stderr } = runMatch(argv);
  if (stdout) console.log(stdout);
  if (stderr) console.error(stderr);
  return code;
}

/**
 * The mistake, then the query with a caret under the column, as an editor would point at it:
 *   The query has a mistake: unbalanced parenthesis at column 1
 *     (housing OR rent
 *     ^
 */
export function explainError(error: QuerySyntaxError): string {
  const chars = [...error.query];
  // Tabs stay tabs so the caret lines up under them; anything else before the column is a space.
  const pad = chars
    .slice(0, error.column - 1)
    .map((ch) => (ch === '\t' ? '\t' : ' '))
    .join('');
  return [`The query has a mistake: ${error.message}`, `  ${error.query}`, `  ${pad}^`].join('\n');
}

function describeMatch(query: string, fields: { title: string; text: string }, spans: readonly MatchSpan[]): string {
  const lines = [`Matches: ${query}`];
  if (spans.length === 0) {
    // NOT-only queries and source:/site: match without any word to point at.
    lines.push('  (nothing to highlight: the query matched on what is absent, or on the source or site)');
    return lines.join('\n');
  }
  for (const span of spans) {
    const where = span.field === 'title' ? 'title' : 'text';
    lines.push(`  ${where.padEnd(5)}  "${span.text}"  (characters ${span.start + 1}–${span.end})`);
  }
  lines.push('');
  if (fields.title)
    lines.push(
      `  Title: ${mark(
        fields.title,
        spans.filter((s) => s.field === 'title'),
      )}`,
    );
  if (fields.text)
    lines.push(
      `  Text:  ${mark(
        fields.text,
        spans.filter((s) => s.field === 'summary'),
      )}`,
    );
  return lines.join('\n');
}

/** The text with each matched span in [brackets]; overlapping spans are bracketed once. */
function mark(text: string, spans: readonly MatchSpan[]): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out += `${text.slice(at, span.start)}[${text.slice(span.start, span.end)}]`;
    at = span.end;
  }
  return out + text.slice(at);
}
