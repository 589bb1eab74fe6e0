/**
 * The read-only view of a text the attribution rules work on: tokens with their folded forms,
 * the paragraph of each token, which quote (if any) covers it, which entity mention covers it, and
 * small token predicates (punctuation, quote marks, sentence ends). Built once per text in linear
 * time, so the rules can look a few tokens left or right in O(1).
 */
import type { Layout } from '../layout';
import type { Entity, Mention, Span, Token } from '../types';
import { foldWord, mayStartEvent } from './lexicon';
import { firstTokenStartingAt } from '../search';

/**
 * Everything the attribution rules need to know about the text, indexed by token. A view covers
 * either the whole text or a window of whole paragraphs (`incremental.ts` re-reads only the
 * paragraphs near an edit): token, mention, quote and paragraph indexes are then the window's own,
 * while character offsets stay those of the text.
 */
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
  /** Index of the first token of each mention, or -1 when it covers no whole token. */
  mentionFirstToken: Int32Array;
  mentions: Mention[];
  entityById: { get(id: string): Entity | undefined };
  quotes: Span[];
  /** Index of the first token of each paragraph (`paragraphs.length` entries, plus one past the end). */
  paragraphFirstToken: Int32Array;
  /** Folded forms of every token written in lower case somewhere in the text: common words, not names. */
  lowerWords: { has(word: string): boolean };
  /** Shape of each token (`WORD`, `LOWER`, `UPPER`, `CAPITALISED`, `CUE` bits), so the rules test a bit rather than run a regex per look. */
  shape: Uint8Array;
  /** The first token index past what the view knows: Infinity when the view runs to the end of the text. */
  limit: number;
  /** The furthest token index the current event search needed (`needs`); a window compares it with `limit`. */
  reach: number;
}

/**
 * Record that the rule being evaluated reads token `k` (or may, depending on what it finds there).
 * Only the reads whose distance depends on the text are declared (runs of adverbs, chains of
 * names); the fixed look-aheads are covered by `EVENT_REACH` at each cue.
 */
export function needs(view: TextView, k: number): void {
  if (k > view.reach) view.reach = k;
}

/** How far past a cue word its event rules read at most, phrases after the verb aside (`statementFollows` reads 13 tokens on). */
export const EVENT_REACH = 14;

/** Token shape bits: has a letter or digit; starts with a lower-case letter; starts with an upper-case letter. */
export const WORD = 1;
export const LOWER = 2;
export const UPPER = 4;
/** Starts with an upper-case letter and holds a letter (what `names.ts` calls capitalised). */
export const CAPITALISED = 8;
/** Its folded form may start a speech event (`mayStartEvent`). */
export const CUE = 16;

// Module-level on purpose: the bundler turns a `\p{…}` literal outside a character class into a
// `new RegExp` evaluated at every call.
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const LOWER_START = /^\p{Ll}/u;
const UPPER_START = /^\p{Lu}/u;
const HAS_LETTER = /\p{L}/u;

/** The shape bits of a token's text. */
export function shapeOf(text: string): number {
  let shape = 0;
  if (HAS_WORD_CHAR.test(text)) shape |= WORD;
  if (LOWER_START.test(text)) shape |= LOWER;
  if (UPPER_START.test(text)) {
    shape |= UPPER;
    if (HAS_LETTER.test(text)) shape |= CAPITALISED;
  }
  return shape;
}

/** Folded forms and shapes of one paragraph's tokens, and its distinct lower-case words: a function of its text. */
export interface ParagraphSpelling {
  folded: string[];
  shape: Uint8Array;
  lower: string[];
}

/** Folded forms and shapes of all of a text's tokens in one pass, and its lower-case words. */
export function spellTokens(tokens: Token[]): { folded: string[]; shape: Uint8Array; lower: { has(word: string): boolean } } {
  const pass = startSpellingPass();
  const n = tokens.length;
  const folded: string[] = new Array(n);
  const shape = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const spelling = describeSpelling(tokens[i].text);
    folded[i] = spelling.folded;
    shape[i] = spelling.shape;
    if (spelling.lowerMark) spelling.lowerMark.pass = pass;
  }
  return { folded, shape, lower: markedLowerWords(pass, folded, shape) };
}

/**
 * The lower-case words of the pass `pass`: those whose mark it set. A later pass moves the marks
 * on, so a set kept past it is then built from the text's own spelling (once).
 */
function markedLowerWords(pass: number, folded: string[], shape: Uint8Array): { has(word: string): boolean } {
  let own: Set<string> | null = null;
  return {
    has(word: string): boolean {
      if (pass === spellingPass) return lowerMarks.get(word)?.pass === pass;
      if (!own) {
        own = new Set();
        for (let i = 0; i < folded.length; i++) if (shape[i] & LOWER) own.add(folded[i]);
      }
      return own.has(word);
    },
  };
}

/** The spelling of the tokens `[from, to)` of one paragraph. */
export function spellParagraph(tokens: Token[], from: number, to: number): ParagraphSpelling {
  startSpellingPass();
  const folded: string[] = new Array(to - from);
  const shape = new Uint8Array(to - from);
  const lower = new Set<string>();
  for (let i = from; i < to; i++) {
    const spelling = describeSpelling(tokens[i].text);
    folded[i - from] = spelling.folded;
    shape[i - from] = spelling.shape;
    if (spelling.shape & LOWER) lower.add(spelling.folded);
  }
  return { folded, shape, lower: [...lower] };
}

/** What a view is cut from: the layout, the quotes and mentions of the whole text, and each paragraph's spelling. */
export interface ViewSource {
  layout: Layout;
  /** Sorted by start, non-overlapping. */
  quotes: Span[];
  /** Sorted by start, non-overlapping. */
  mentions: Mention[];
  entityById: { get(id: string): Entity | undefined };
  /** First token of each paragraph of the text, plus one past the end. */
  firstToken: Int32Array;
  /** Spelling of each paragraph of the text (remembered per paragraph), or null when `whole` has it. */
  spellings: ParagraphSpelling[] | null;
  /** Folded forms and shapes of all the text's tokens, when spelled in one go (no memo). */
  whole?: { folded: string[]; shape: Uint8Array };
  lowerWords: { has(word: string): boolean };
}

/**
 * First token of each paragraph, plus the token count past the end: `firstToken[p]` is the first
 * token starting at or after paragraph `p`'s start (tokens never lie between paragraphs).
 * `count(p)` may tell a paragraph's token count (remembered), else it is found by binary search.
 */
export function paragraphTokens(layout: Layout, count?: (p: number) => number | undefined): Int32Array {
  const paragraphs = layout.paragraphs;
  const firstToken = new Int32Array(paragraphs.length + 1);
  let from = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    firstToken[p] = from;
    const known = count?.(p);
    from = known !== undefined ? from + known : firstTokenStartingAt(layout.tokens, paragraphs[p].end, from);
  }
  firstToken[paragraphs.length] = layout.tokens.length;
  return firstToken;
}

/** The index of the first span of `spans` (sorted, non-overlapping) that ends after `offset`. */
export function firstEndingAfter(spans: Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The view of paragraphs `[firstParagraph, lastParagraph]` (the whole text by default). A window
 * ending before the text does has `limit` set to its token count: rules that read past it set
 * `reach` beyond it, and the caller widens the window.
 */
export function buildView(source: ViewSource, firstParagraph = 0, lastParagraph = source.layout.paragraphs.length - 1): TextView {
  const { layout, firstToken } = source;
  const whole = firstParagraph === 0 && lastParagraph === layout.paragraphs.length - 1;
  const from = firstToken[firstParagraph];
  const to = firstToken[lastParagraph + 1];
  const tokens = whole ? layout.tokens : layout.tokens.slice(from, to);
  const n = tokens.length;
  // The quotes and mentions that overlap the window, in the same order as in the text.
  const quotes = whole || n === 0 ? source.quotes : overlapping(source.quotes, tokens[0].start, tokens[n - 1].end);
  const mentions = whole || n === 0 ? source.mentions : overlapping(source.mentions, tokens[0].start, tokens[n - 1].end);
  const paragraphCount = lastParagraph - firstParagraph + 1;
  const paragraphOf = new Int32Array(n);
  const quoteOf = new Int32Array(n).fill(-1);
  const mentionOf = new Int32Array(n).fill(-1);
  const mentionFirstToken = new Int32Array(mentions.length).fill(-1);
  const paragraphFirstToken = new Int32Array(paragraphCount + 1);
  const spelledWhole = whole && source.whole;
  const folded: string[] = spelledWhole ? spelledWhole.folded : new Array(n);
  const shape = spelledWhole ? spelledWhole.shape : new Uint8Array(n);
  for (let k = 0; k < paragraphCount; k++) {
    const start = firstToken[firstParagraph + k] - from;
    const end = firstToken[firstParagraph + k + 1] - from;
    paragraphFirstToken[k] = start;
    paragraphOf.fill(k, start, end);
    if (spelledWhole) continue;
    const spelling = (source.spellings as ParagraphSpelling[])[firstParagraph + k];
    for (let i = start; i < end; i++) folded[i] = spelling.folded[i - start];
    shape.set(spelling.shape, start);
  }
  paragraphFirstToken[paragraphCount] = n;
  let q = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    while (q < quotes.length && quotes[q].end <= t.start) q++;
    if (q < quotes.length && quotes[q].start <= t.start && t.end <= quotes[q].end) quoteOf[i] = q;
    while (m < mentions.length && mentions[m].end <= t.start) m++;
    if (m < mentions.length && mentions[m].start <= t.start && t.end <= mentions[m].end) {
      mentionOf[i] = m;
      if (mentionFirstToken[m] < 0) mentionFirstToken[m] = i;
    }
  }
  return {
    text: layout.text,
    layout,
    tokens,
    folded,
    paragraphOf,
    quoteOf,
    mentionOf,
    mentionFirstToken,
    mentions,
    entityById: source.entityById,
    quotes,
    paragraphFirstToken,
    lowerWords: source.lowerWords,
    shape,
    limit: to === layout.tokens.length ? Infinity : n,
    reach: -1,
  };
}

/** The spans of `spans` (sorted, non-overlapping) that overlap `[start, end)`. */
function overlapping<S extends Span>(spans: S[], start: number, end: number): S[] {
  const first = firstEndingAfter(spans, start);
  let last = first;
  while (last < spans.length && spans[last].start < end) last++;
  return spans.slice(first, last);
}

interface Spelling {
  folded: string;
  shape: number;
  /** For a token written in lower case: the mark of its folded form, set by each pass that meets it. */
  lowerMark: LowerMark | null;
}

/** One folded form's mark: the last spelling pass that met it written in lower case. */
interface LowerMark {
  pass: number;
}

/**
 * Folded form and shape of a token's text, remembered across texts: both depend on the spelling
 * alone, and news text repeats the same words. Bounded so a hostile stream of new words cannot
 * grow it without end. A text's lower-case words are marks on the folded forms rather than a set
 * built per text: setting a field costs less than adding to a set, and most texts never ask.
 */
const spellings = new Map<string, Spelling>();
const lowerMarks = new Map<string, LowerMark>();
const MAX_SPELLINGS = 200_000;
let spellingPass = 0;
/** Spellings of one-character tokens (punctuation, quotation marks, "a") by char code, found without hashing. */
const SINGLE_CHAR_LIMIT = 0x2100;
const singleChars: (Spelling | undefined)[] = new Array(SINGLE_CHAR_LIMIT).fill(undefined);

/** A new spelling pass; the remembered spellings are forgotten only here, so no pass loses its marks. */
function startSpellingPass(): number {
  if (spellings.size >= MAX_SPELLINGS) {
    spellings.clear();
    lowerMarks.clear();
    singleChars.fill(undefined);
  }
  return ++spellingPass;
}

function describeSpelling(text: string): Spelling {
  if (text.length === 1) {
    const code = text.charCodeAt(0);
    if (code < SINGLE_CHAR_LIMIT) return (singleChars[code] ??= newSpelling(text));
  }
  let spelling = spellings.get(text);
  if (spelling === undefined) {
    spelling = newSpelling(text);
    spellings.set(text, spelling);
  }
  return spelling;
}

function newSpelling(text: string): Spelling {
  const folded = foldWord(text);
  const shape = shapeOf(text) | (mayStartEvent(folded) ? CUE : 0);
  let lowerMark: LowerMark | null = null;
  if (shape & LOWER) {
    lowerMark = lowerMarks.get(folded) ?? null;
    if (!lowerMark) {
      lowerMark = { pass: 0 };
      lowerMarks.set(folded, lowerMark);
    }
  }
  return { folded, shape, lowerMark };
}

/** True for a token made of letters or digits. */
export function isWord(view: TextView, i: number): boolean {
  return (view.shape[i] & WORD) !== 0;
}

/** True for a quotation-mark token. */
export function isQuoteMark(view: TextView, i: number): boolean {
  return QUOTE_MARK_TOKEN.test(view.tokens[i].text);
}

const QUOTE_MARK_TOKEN = /^(?:''|``|[“”„‟"«»‘’‚‛'`‹›])$/;
const SHORT_CAPITALISED = /^\p{Lu}\p{Ll}{0,3}$/u;
const TITLE_ABBREVIATION = /^(?:mr|mrs|ms|dr|sen|rep|gen|gov|lt|col|st|m|mme|me|jr|sr|prof|adm|capt|sgt|maj)$/i;

/** True for a token that ends a sentence. */
export function isSentenceEnd(view: TextView, i: number): boolean {
  const t = view.tokens[i].text;
  if (t === '!' || t === '?' || t === '…') return true;
  if (t !== '.') return false;
  // "Sen." "M." "U.S." keep the sentence going.
  const prev = i > 0 ? view.tokens[i - 1] : null;
  if (prev && prev.end === view.tokens[i].start && (SHORT_CAPITALISED.test(prev.text) || TITLE_ABBREVIATION.test(prev.text))) return false;
  // An abbreviation's dot goes on with a comma or a lower-case word: "R-Ky., said", "Inc. and".
  const next = view.tokens[i + 1];
  if (next && view.paragraphOf[i + 1] === view.paragraphOf[i] && (next.text === ',' || next.text === ';' || (view.shape[i + 1] & LOWER) !== 0)) return false;
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
