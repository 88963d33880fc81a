/**
 * A well-formed feed document read straight into the tree xml2js would build from it (text under
 * "_", attributes under "$", one array per child element name, prototype-less objects), on
 * htmlparser2's tokenizer, which reads several times faster than xml2js's sax parser.
 *
 * It reads only what it can read exactly as xml2js would. At the first thing a strict XML parser
 * could treat differently (a close tag that does not match, an entity XML does not define, a stray
 * "<", an unquoted attribute, a DOCTYPE with an internal subset, text outside the root, a document
 * that stops part-way) it gives up and says why; the caller then takes the strict path (xml2js,
 * with its repair), so an ill-formed feed is read, and reported, as before.
 */
import { QuoteType, Tokenizer } from 'htmlparser2';
import { checkpoint } from './budget.js';
import type { XmlNode } from './xml-nodes.js';

/** Called as each element closes, as xml2js calls its validator: may reshape the value. */
export type CloseHook = (path: readonly string[], name: string, value: unknown) => unknown;

export type TreeReading = { readonly ok: true; readonly tree: XmlNode } | { readonly ok: false; readonly reason: string };

interface Open {
  readonly name: string;
  readonly node: XmlNode;
  cdata: boolean;
}

class NotExact extends Error {}

const ONLY_SPACE = /^\s*$/;
/** An XML name in ASCII; anything else (a "<" in a name, a digit first, non-ASCII) is left to the strict parser. */
const PLAIN_NAME = /^[A-Za-z_:][\w.:-]*$/;

export function readXmlTree(document: string, onClose: CloseHook): TreeReading {
  const text = document.charCodeAt(0) === 0xfeff ? document.slice(1) : document;
  const stack: Open[] = [];
  const names: string[] = [];
  let tree: XmlNode | undefined;
  let attributeName = '';
  let attributeValue = '';

  const giveUp = (reason: string): never => {
    throw new NotExact(reason);
  };
  // The tokenizer skips a "/" inside a tag that does not end it ("<rss/ version=…>"); a strict parser refuses it.
  const slashBefore = (index: number): boolean => {
    let i = index - 1;
    while (i >= 0 && /\s/.test(text.charAt(i))) i--;
    return text.charAt(i) === '/';
  };
  const top = (): Open => stack[stack.length - 1] ?? giveUp('text outside the root element');

  const close = (): void => {
    const open = stack.pop() as Open;
    names.pop();
    const node = open.node;
    let value: unknown = node;
    let emptyText = '';
    const own = node['_'] as string;
    // As xml2js: whitespace-only text is dropped (unless it was CDATA); an element holding only
    // text becomes that string; an element holding nothing becomes the whitespace it held.
    if (ONLY_SPACE.test(own) && !open.cdata) {
      emptyText = own;
      delete node['_'];
    } else if (Object.keys(node).length === 1) {
      value = own;
    }
    if (value === node && Object.keys(node).length === 0) value = emptyText;
    value = onClose(names, open.name, value);
    const parent = stack[stack.length - 1];
    if (parent) {
      const existing = parent.node[open.name];
      if (existing === undefined) parent.node[open.name] = [value];
      else if (Array.isArray(existing)) existing.push(value);
      else parent.node[open.name] = [existing, value];
    } else {
      const root = Object.create(null) as XmlNode;
      root[open.name] = value;
      tree = root;
    }
  };

  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: true },
    {
      onopentagname(start, end) {
        checkpoint();
        if (tree !== undefined) giveUp('more than one root element');
        const node = Object.create(null) as XmlNode;
        node['_'] = '';
        const name = text.slice(start, end);
        if (!PLAIN_NAME.test(name)) giveUp('an element name a strict parser might refuse');
        stack.push({ name, node, cdata: false });
        names.push(name);
      },
      onattribname(start, end) {
        checkpoint();
        if (slashBefore(start)) giveUp('a "/" inside a tag');
        attributeName = text.slice(start, end);
        if (!PLAIN_NAME.test(attributeName)) giveUp('an attribute name a strict parser might refuse');
        attributeValue = '';
      },
      onattribdata(start, end) {
        const data = text.slice(start, end);
        if (data.includes('&') || data.includes('<')) giveUp('an attribute value a strict parser would refuse');
        attributeValue += data;
      },
      onattribentity(codepoint) {
        if (codepoint === 0xfffd) giveUp('a character reference XML does not allow');
        attributeValue += String.fromCodePoint(codepoint);
      },
      onattribend(quote) {
        if (quote === QuoteType.NoValue || quote === QuoteType.Unquoted) giveUp('an attribute without a quoted value');
        const node = top().node;
        let attributes = node['$'] as XmlNode | undefined;
        if (attributes === undefined) {
          attributes = Object.create(null) as XmlNode;
          node['$'] = attributes;
        }
        attributes[attributeName] = attributeValue;
      },
      onopentagend(end) {
        if (slashBefore(end)) giveUp('a "/" inside a tag');
      },
      onselfclosingtag() {
        close();
      },
      onclosetag(start, end) {
        const name = text.slice(start, end);
        if (stack.length === 0 || top().name !== name) giveUp(`a close tag </${name.slice(0, 40)}> that does not match the open element`);
        // The tokenizer closes a tag cut off by the end of the document ("</rss"); a strict parser does not.
        let after = end;
        while (after < text.length && /\s/.test(text.charAt(after))) after++;
        if (text.charAt(after) !== '>') giveUp('a close tag the document cuts off');
        close();
      },
      ontext(start, end) {
        const data = text.slice(start, end);
        if (stack.length === 0) {
          if (!ONLY_SPACE.test(data)) giveUp('text outside the root element');
          return;
        }
        if (data.includes('&') || data.includes('<')) giveUp('an entity XML does not define, or a stray "<"');
        const open = top();
        open.node['_'] += data;
      },
      ontextentity(codepoint) {
        if (codepoint === 0xfffd) giveUp('a character reference XML does not allow');
        const open = top();
        open.node['_'] += String.fromCodePoint(codepoint);
      },
      oncdata(start, end, offset) {
        const open = top();
        open.node['_'] += text.slice(start, end - offset);
        open.cdata = true;
      },
      oncomment() {},
      ondeclaration(start, end) {
        // Only a DOCTYPE before the root, without an internal subset, is what xml2js would skip alike.
        const declaration = text.slice(start, end);
        if (stack.length > 0 || tree !== undefined || !declaration.startsWith('DOCTYPE')) giveUp('a declaration a strict parser might refuse');
        if (declaration.includes('[')) giveUp('a DOCTYPE with an internal subset');
      },
      onprocessinginstruction() {},
      onend() {},
    },
  );

  try {
    tokenizer.write(text);
    tokenizer.end();
    if (stack.length > 0) giveUp('the document stops before its elements close');
    // The tokenizer's callbacks set it; TypeScript cannot see that through the closures.
    const read = tree as XmlNode | undefined;
    return read === undefined ? { ok: false, reason: 'no root element' } : { ok: true, tree: read };
  } catch (error) {
    if (error instanceof NotExact) return { ok: false, reason: error.message };
    throw error;
  }
}
