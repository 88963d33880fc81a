/**
 * Highlighted feed text as DOM: each piece a text node, the marked ones in <mark>, sensitive words
 * with the briefing's class (d-sens: bold and underlined, so they differ by more than colour).
 */
import type { Piece } from '../shared/workspace/views.js';
import { h } from './dom.js';

export function highlighted(pieces: readonly Piece[]): (Node | string)[] {
  return pieces.map((p) => (!p.marked ? p.text : p.sensitive ? h('mark', { class: 'd-sens', title: 'sensitive' }, p.text) : h('mark', {}, p.text)));
}
