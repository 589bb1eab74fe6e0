/**
 * The read-only view of a text the attribution rules work on: tokens with their folded forms,
 * the paragraph of each token, which quote (if any) covers it, which entity mention covers it, and
 * small token predicates (punctuation, quote marks, sentence ends). Built once per text in linear
 * time, so the rules can look a few tokens left or right in O(1).
 */
import type { Layout } from '../layout';
import type { Entity, Mention, Span, Token } from '../types';
import { foldWord } from './lexicon';

/** Everything the attribution rules need to know about the text, indexed by token. */
export interface TextView {
  text: string;
  layout: Layout;
  tokens: Token[];
  /** `foldWord` of each token. */
  folded: string[];
  /** Paragraph index of each token. */
  paragraphOf: Int32Array;
  /** Index into `quotes` of the quote covering each token, or -1. */
  quoteOf: Int32Array;
  /** Index into `mentions` of the mention covering each token, or -1. */
  mentionOf: Int32Array;
  mentions: Mention[];
  entityById: Map<string, Entity>;
  quotes: Span[];
  /** Index of the first token of each paragraph (`paragraphs.length` entries, plus one past the end). */
  paragraphFirstToken: Int32Array;
  /** Speakers named in the text but not recognised as entities: id → name as written. Filled by `discourse.ts`. */
  unlinked: Map<string, string>;
  /** Folded forms of every token written in lower case somewhere in the text: common words, not names. */
  lowerWords: Set<string>;
}

/** Build the view. `quotes` and `mentions` must be sorted by start and non-overlapping. */
export function buildView(layout: Layout, quotes: Span[], mentions: Mention[], entities: Entity[]): TextView {
  const tokens = layout.tokens;
  const n = tokens.length;
  const paragraphOf = new Int32Array(n);
  const quoteOf = new Int32Array(n).fill(-1);
  const mentionOf = new Int32Array(n).fill(-1);
  const paragraphFirstToken = new Int32Array(layout.paragraphs.length + 1).fill(n);
  let p = 0;
  let q = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    while (p < layout.paragraphs.length - 1 && t.start >= layout.paragraphs[p].end) p++;
    paragraphOf[i] = p;
    if (paragraphFirstToken[p] === n) paragraphFirstToken[p] = i;
    while (q < quotes.length && quotes[q].end <= t.start) q++;
    if (q < quotes.length && quotes[q].start <= t.start && t.end <= quotes[q].end) quoteOf[i] = q;
    while (m < mentions.length && mentions[m].end <= t.start) m++;
    if (m < mentions.length && mentions[m].start <= t.start && t.end <= mentions[m].end) mentionOf[i] = m;
  }
  // Paragraphs with no tokens point at the next paragraph's first token.
  for (let k = layout.paragraphs.length - 1; k >= 0; k--) if (paragraphFirstToken[k] === n) paragraphFirstToken[k] = paragraphFirstToken[k + 1];
  // Fold each distinct spelling once: news text repeats the same few thousand words.
  const cache = new Map<string, string>();
  const folded = tokens.map(t => {
    let f = cache.get(t.text);
    if (f === undefined) cache.set(t.text, (f = foldWord(t.text)));
    return f;
  });
  const lowerWords = new Set<string>();
  tokens.forEach((t, i) => {
    if (/^\p{Ll}/u.test(t.text)) lowerWords.add(folded[i]);
  });
  return {
    text: layout.text,
    layout,
    tokens,
    folded,
    paragraphOf,
    quoteOf,
    mentionOf,
    mentions,
    entityById: new Map(entities.map(e => [e.id, e])),
    quotes,
    paragraphFirstToken,
    unlinked: new Map(),
    lowerWords,
  };
}

/** True for a token made of letters or digits. */
export function isWord(view: TextView, i: number): boolean {
  return /[\p{L}\p{N}]/u.test(view.tokens[i].text);
}

/** True for a quotation-mark token. */
export function isQuoteMark(view: TextView, i: number): boolean {
  return /^(?:''|``|[“”„‟"«»‘’‚‛'`‹›])$/.test(view.tokens[i].text);
}

/** True for a token that ends a sentence. */
export function isSentenceEnd(view: TextView, i: number): boolean {
  const t = view.tokens[i].text;
  if (t === '!' || t === '?' || t === '…') return true;
  if (t !== '.') return false;
  // "Sen." "M." "U.S." keep the sentence going.
  const prev = i > 0 ? view.tokens[i - 1] : null;
  if (prev && prev.end === view.tokens[i].start && (/^\p{Lu}\p{Ll}{0,3}$/u.test(prev.text) || /^(?:mr|mrs|ms|dr|sen|rep|gen|gov|lt|col|st|m|mme|me|jr|sr|prof|adm|capt|sgt|maj)$/i.test(prev.text))) return false;
  // An abbreviation's dot goes on with a comma or a lower-case word: "R-Ky., said", "Inc. and".
  const next = view.tokens[i + 1];
  if (next && view.paragraphOf[i + 1] === view.paragraphOf[i] && (next.text === ',' || next.text === ';' || /^\p{Ll}/u.test(next.text))) return false;
  return true;
}

/** The first token index whose start is at or after `offset` (binary search). */
export function tokenAt(view: TextView, offset: number): number {
  let lo = 0;
  let hi = view.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The entity id of the mention covering token `i`, or null. */
export function entityAt(view: TextView, i: number): string | null {
  const m = view.mentionOf[i];
  return m < 0 ? null : view.mentions[m].entityId;
}
