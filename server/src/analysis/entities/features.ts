/**
 * Feature templates of the entity tagger, shared by training and tagging so both see exactly the
 * same strings. Features come in three families, split by what they depend on, because that is
 * what makes tagging fast: word-local features (identity, case, shape, affixes, one-word lexicon
 * flags) depend on one word and its offset in the ±2 window only, so their summed weights are
 * cached per (word, offset); context features depend on the sentence around the position (word
 * bigrams, sentence-initial capitals, an all-caps headline, gazetteer phrase matches, a title or
 * role phrase just before); history features depend on the two previous predictions.
 */

import type { WordRecord } from './wordTable';

/** Half-width of the word window: features look at words i-2 … i+2. */
export const WINDOW = 2;

/** Padding words outside the sentence. */
export const BEFORE = '<S>';
export const AFTER = '</S>';

/** One-word lexicon look-ups a word-local feature may use (title words, gazetteer words). */
export interface Lexicon {
  /** Short flag string for a lower-cased word ("" when nothing is known about it). */
  wordFlags(lower: string): string;
}

export const EMPTY_LEXICON: Lexicon = { wordFlags: () => '' };

/** Everything the context features of one sentence need, computed once per sentence. */
export interface SentenceView {
  /** Token texts (truecased in headlines). */
  words: string[];
  /** Lower-cased token texts with typographic apostrophes normalised. */
  lowers: string[];
  /** Short word shapes (see `shortShape`). */
  shorts: string[];
  /** Gazetteer phrase label per token ("LOC-B", "ORG-U", … or ""). */
  gazetteer: string[];
  /** True where a title or honorific phrase ends right before the token. */
  afterTitle: boolean[];
  /** True where the token starts the sentence (or follows an opening quote, colon or dash there). */
  initial: boolean[];
  /** True when the sentence is a headline (all caps or title case): case carries little information. */
  allCaps: boolean;
  /** The words' records in the word table (`wordTable.ts`), valid while its generation is `generation`; absent in hand-made views. */
  records?: readonly WordRecord[];
  generation?: number;
}

/** Lower-case with typographic apostrophes folded, the form every look-up uses. */
export function lowerWord(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

// Compiled once (a bundler may turn an inline `/\p{…}/u` into a `new RegExp` per call).
const CAPITAL = /\p{Lu}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;

/** Word shape: X for capitals, x for small letters, d for digits, runs capped at 3 ("Kerry" → "Xxxx"). */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    let c: string;
    // ASCII without the Unicode property tests: the same classes (A–Z, a–z, 0–9), much cheaper.
    if (code < 0x80) c = code >= 65 && code <= 90 ? 'X' : code >= 97 && code <= 122 ? 'x' : code >= 48 && code <= 57 ? 'd' : ch;
    else if (CAPITAL.test(ch)) c = 'X';
    else if (LETTER.test(ch)) c = 'x';
    else if (DIGIT.test(ch)) c = 'd';
    else c = ch;
    if (c === last) {
      if (++run > 3) continue;
    } else {
      last = c;
      run = 1;
    }
    out += c;
  }
  return out;
}

const shortShapes = new Map<string, string>();

/** Short word shape: runs collapsed to one character ("Kerry" → "Xx", "U.S." → "X.X."). Memoized: words repeat. */
export function shortShape(word: string): string {
  let shape = shortShapes.get(word);
  if (shape === undefined) {
    shape = wordShape(word).replace(/(.)\1+/g, '$1');
    if (shortShapes.size > 100_000) shortShapes.clear();
    shortShapes.set(word, shape);
  }
  return shape;
}

/** Digits folded to 0 so numbers share features. */
function normalizeDigits(word: string): string {
  return /\d/.test(word) ? word.replace(/\d/g, '0') : word;
}

/** What the word-local templates read of one word: computed once for all its window offsets. */
export interface WordFacts {
  word: string;
  /** `word` with digits folded. */
  digits: string;
  /** Lower case with digits folded. */
  norm: string;
  shape: string;
  short: string;
  /** The lexicon's flags of the lower case. */
  flags: string;
}

/** The facts of `word`; `lower` and `short` may be passed when known (the word table's record holds them). */
export function wordFacts(word: string, lexicon: Lexicon, lower = lowerWord(word), short = shortShape(word)): WordFacts {
  if (word === BEFORE || word === AFTER) return { word, digits: word, norm: word, shape: '', short: '', flags: '' };
  return { word, digits: normalizeDigits(word), norm: normalizeDigits(lower), shape: wordShape(word), short, flags: lexicon.wordFlags(lower) };
}

/**
 * Word-local features of `word` seen at `offset` (−WINDOW … WINDOW) from the tagged position.
 * The full set is used at offset 0; neighbours carry fewer templates.
 */
export function wordFeatures(word: string, offset: number, lexicon: Lexicon): string[] {
  const out: string[] = [];
  visitWordFeatures(wordFacts(word, lexicon), offset, (template, value) => out.push(template + value));
  return out;
}

// Template heads by window offset (index offset + WINDOW), written out so tagging builds no strings for them.
const LOWER_AT = ['-2l=', '-1l=', 'l=', '1l=', '2l='];
const PADDING_AT = ['-2l=', '-1l=', '0l=', '1l=', '2l='];
const SHAPE_AT = ['', '-1s=', 's=', '1s=', ''];
const SHORT_AT = ['-2ss=', '', 'ss=', '', '2ss='];
const SUFFIX3_AT = ['', '-1x3=', '', '1x3=', ''];
const FLAG_AT = ['', '-1f=', '', '1f=', ''];
const PREFIX = ['', 'p1=', 'p2=', 'p3=', 'p4='];
const SUFFIX = ['', 'x1=', 'x2=', 'x3=', 'x4='];

/**
 * Calls `visit(template, value)` for each word-local feature `template + value` of a word (its
 * facts) at `offset`, in `wordFeatures` order: the tagger looks them up without joining them.
 */
export function visitWordFeatures(facts: WordFacts, offset: number, visit: (template: string, value: string) => void): void {
  const { word, norm, flags } = facts;
  const at = offset + WINDOW;
  if (word === BEFORE || word === AFTER) return visit(PADDING_AT[at], word);
  if (offset === 0) {
    visit('w=', facts.digits);
    visit('l=', norm);
    visit('s=', facts.shape);
    visit('ss=', facts.short);
    const n = norm.length;
    for (let k = 1; k <= 4 && k < n; k++) {
      visit(PREFIX[k], facts.digits.slice(0, k));
      visit(SUFFIX[k], norm.slice(n - k));
    }
    if (flags) {
      visit('f=', flags);
      for (const flag of flags) visit('f1=', flag);
    }
    if (n <= 2) visit('len=', String(n));
    if (/[-‐]/.test(word)) visit('hy|', facts.short);
    return;
  }
  visit(LOWER_AT[at], norm);
  if (Math.abs(offset) === 1) {
    visit(SHAPE_AT[at], facts.shape);
    visit(SUFFIX3_AT[at], norm.slice(-3));
    if (flags) for (const flag of flags) visit(FLAG_AT[at], flag);
    return;
  }
  visit(SHORT_AT[at], facts.short);
}

/** Features of position `i` that depend on several words of the sentence. */
export function contextFeatures(view: SentenceView, i: number): string[] {
  const { lowers } = view;
  const n = lowers.length;
  const prev = i > 0 ? lowers[i - 1] : BEFORE;
  const next = i + 1 < n ? lowers[i + 1] : AFTER;
  const short = view.shorts[i];
  const out = ['bias', `lb=${prev}|${lowers[i]}`, `la=${lowers[i]}|${next}`];
  if (view.initial[i]) out.push(`ini|${short}`);
  if (view.allCaps) out.push('caps', `caps|${lowers[i]}`);
  const g = view.gazetteer;
  if (g[i]) out.push(`g0=${g[i]}`, `g0|${short}=${g[i]}`);
  if (i > 0 && g[i - 1]) out.push(`g-1=${g[i - 1]}`);
  if (i + 1 < n && g[i + 1]) out.push(`g+1=${g[i + 1]}`);
  if (view.afterTitle[i]) out.push('ti', `ti|${short}`);
  if (i > 0 && view.afterTitle[i - 1]) out.push('ti-1');
  return out;
}

/** Features that depend on the previous two predicted tags. */
export function historyFeatures(prev1: string, prev2: string, view: SentenceView, i: number): string[] {
  return [`t1=${prev1}`, `t12=${prev2}|${prev1}`, `t1|${view.shorts[i]}=${prev1}`];
}

/** Every feature of position `i` given the previous tags (the training path; tagging caches word-local ones). */
export function allFeatures(view: SentenceView, i: number, prev1: string, prev2: string, lexicon: Lexicon): string[] {
  const out: string[] = [];
  for (let k = -WINDOW; k <= WINDOW; k++) {
    const j = i + k;
    const word = j < 0 ? BEFORE : j >= view.words.length ? AFTER : view.words[j];
    for (const f of wordFeatures(word, k, lexicon)) out.push(f);
  }
  for (const f of contextFeatures(view, i)) out.push(f);
  for (const f of historyFeatures(prev1, prev2, view, i)) out.push(f);
  return out;
}
