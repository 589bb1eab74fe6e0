/**
 * Text layout: paragraphs, tokens and sentences. Scraped articles put one paragraph per line
 * (navigation lists, bylines and captions included), so a paragraph is a non-blank line. Tokens
 * follow CoNLL conventions closely enough for the tagger: a possessive `'s` and a French elided
 * article (`l'`, `d'`, `qu'`) are tokens of their own, abbreviations with inner dots ("U.S.",
 * "D.C."), initials ("F.") and common abbreviations ("Mr.", "Inc.") stay whole, and a lower-case prefix is cut off a hyphenated name ("counter-ISIS" →
 * "counter", "-", "ISIS") so the name can be tagged. All offsets are UTF-16 indices into the original text, ends exclusive.
 */
import { isSpaceCode, isSurrogate, isUpperCode, isWordCode } from './chars';
import type { AnalysisMemo, Memo } from './memo';
import { editBetween, type TextEdit } from './textEdit';
import { articleLanguages, languageEvidence, type LanguageEvidence } from './language';
import type { Language, Paragraph, Sentence, Span, Token } from './types';
import { ownCopy } from './ownCopy';

/** The text cut into the units every recognizer works on. */
export interface Layout {
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /**
   * All tokens of the text, in order. With a memo, the next analysis of the document reuses and
   * moves these objects, and splices this array in place: keep offsets or texts beyond one
   * analysis, never the tokens or this array themselves.
   */
  tokens: Token[];
  /**
   * With a memo, after an earlier analysis of the document: its text and the one edit that made
   * this text from it, for later stages to skip what lies outside it without comparing texts again.
   */
  edit?: PreviousText;
}

/** The text of a document's last analysis, and where it differs from the current one. */
export interface PreviousText extends TextEdit {
  previous: string;
}

/** Paragraph spans: each non-blank line, trimmed of surrounding white space. Language is filled in later. */
export function splitParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  const push = (start: number, end: number) => {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) spans.push({ start, end });
  };
  let lineStart = 0;
  // Line breaks: \r\n, \r, \n, U+2028, U+2029. Most texts break lines with \n alone: then a
  // native search per line, else a character loop (a regex here cost more than the cutting).
  if (text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', lineStart)) {
      push(lineStart, at);
      lineStart = at + 1;
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13 && code !== 0x2028 && code !== 0x2029) continue;
      push(lineStart, i);
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      lineStart = i + 1;
    }
  }
  push(lineStart, text.length);
  return spans;
}

/** A paragraph's span and its text. */
export interface ParagraphText extends Span {
  text: string;
}

/**
 * The paragraphs of `text` (see `splitParagraphs`) with their texts. With a memo, only the lines
 * an edit touched are cut again: paragraphs before the last line feed ahead of the edit and after
 * the first line feed behind it are the last analysis's (moved by the edit's length), with the
 * same text strings, whose hashes the memos' lookups already know.
 */
export function paragraphTexts(text: string, memo?: AnalysisMemo): ParagraphText[] {
  return alignedParagraphTexts(text, memo).paragraphs;
}

/**
 * `paragraphTexts`, and how they line up with the last call's: the first `head` paragraphs are
 * `previous`'s first ones, unchanged, and the last `tail` are `previous`'s last ones, moved by
 * `shift`. Without a last call, `previous` is undefined and nothing lines up.
 */
interface AlignedParagraphs {
  paragraphs: ParagraphText[];
  previous?: readonly ParagraphText[];
  head: number;
  tail: number;
  shift: number;
  edit?: PreviousText;
}

function alignedParagraphTexts(text: string, memo?: AnalysisMemo): AlignedParagraphs {
  const lastMemo = memo?.stage<{ text: string; paragraphs: ParagraphText[] }>('paragraph-texts');
  const last = lastMemo?.get('');
  const aligned = last ? paragraphsAfterEdit(last.text, last.paragraphs, text) : { paragraphs: cutParagraphTexts(text, 0, text.length, !!memo), head: 0, tail: 0, shift: 0 };
  lastMemo?.set('', { text, paragraphs: aligned.paragraphs });
  return aligned;
}

/**
 * The paragraphs of `text[from, to)` (cut at line ends, as `splitParagraphs`). `own`: each text a
 * copy, not a view into `text`, so that a memo keeping a paragraph keeps none of the whole text.
 */
function cutParagraphTexts(text: string, from: number, to: number, own: boolean): ParagraphText[] {
  const region = from === 0 && to === text.length ? text : text.slice(from, to);
  return splitParagraphs(region).map(span => {
    const slice = region.slice(span.start, span.end);
    return { start: span.start + from, end: span.end + from, text: own ? ownCopy(slice) : slice };
  });
}

/** `paragraphTexts(text)` from those of `previous`, re-cutting the lines between the line feeds around the edit. */
function paragraphsAfterEdit(previous: string, before: readonly ParagraphText[], text: string): AlignedParagraphs {
  const edit: PreviousText = { previous, ...editBetween(previous, text) };
  // Everything up to a line feed inside the common prefix is the same text, cut the same way; so is
  // everything after a line feed inside the common suffix (a line ends at a line feed whatever precedes it).
  const left = edit.start > 0 ? text.lastIndexOf('\n', edit.start - 1) : -1;
  const right = text.indexOf('\n', edit.newEnd);
  const shift = text.length - previous.length;
  const from = left + 1;
  const to = right < 0 ? text.length : right;
  const out: ParagraphText[] = [];
  let k = 0;
  while (k < before.length && before[k].end <= left) out.push(before[k++]);
  const head = k;
  out.push(...cutParagraphTexts(text, from, to, true));
  let tail = 0;
  if (right >= 0) {
    while (k < before.length && before[k].start <= right - shift) k++;
    tail = before.length - k;
    for (; k < before.length; k++) {
      const p = before[k];
      out.push(shift === 0 ? p : { start: p.start + shift, end: p.end + shift, text: p.text });
    }
  }
  return { paragraphs: out, previous: before, head, tail, shift, edit };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0xfeff || code === 12 || code === 11;
}

// One alternation, tried left to right at each position:
// abbreviations with inner dots (U.S., D.C., J.-Y.), French elisions, words with inner apostrophes
// or hyphens, numbers with separators, then any single non-space character. Only the source: the
// one compiled form is `TOKEN_HERE` (building a second unicode RegExp of it cost each start ~2 ms).
const TOKEN = [
  String.raw`(?:\p{Lu}\.){2,}`, // U.S. D.C.
  String.raw`\p{Lu}\.(?=[ \t\u00a0]+\p{Lu})`, // an initial or "M." before a name: John F. Kerry, M. Le Drian
  String.raw`\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Cmdr|Gov|Sen|Rep|Rev|St|Sr|Jr|Mme|Mmes|Mlle|Mgr|Inc|Corp|Co|Ltd|Bros|Gén)\.`, // Mr. Inc.
  String.raw`\b[RDI](?=-\p{Lu})`, // party initial before a state: "R-Alaska", "D-N.Y."
  // US state abbreviations (AP style) before a bracket, comma or lower-case word: "(D-Tenn.)", "Austin, Texas", "W.Va."
  String.raw`\b(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo|\p{Lu}\.Va)\.(?=[),;:]|\s+\p{Ll})`,
  String.raw`\p{Lu}\.-\p{Lu}\.`, // J.-Y.
  String.raw`(?:[lLdDjJmMnNsStTcC]|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu)['’](?=\p{L})`, // l' d' qu'
  String.raw`['’]s\b`, // possessive 's
  String.raw`\p{L}[\p{L}\p{M}]*(?:[-‐'’][\p{L}\p{M}]+)*(?=['’]s\b)`, // a word before a possessive
  String.raw`[\p{L}\p{M}\p{N}]+(?:[-‐.'’][\p{L}\p{M}\p{N}]+)*`, // word, number, hyphenated compound
  String.raw`\S`,
].join('|');

const HYPHEN = 0x2d;
const HYPHEN_UNICODE = 0x2010; // ‐

// Lower-case prefixes glued to a name by a hyphen ("counter-ISIS", "anti-Islamic State",
// "pro-OTAN"): the name is an entity mention of its own, so the compound is cut around the hyphen.
const NAME_PREFIXES = new Set([
  'anti', 'counter', 'pro', 'non', 'pre', 'post', 'ex', 'neo', 'pan', 'trans', 'inter', 'intra', 'sub', 'super', 'ultra',
  'mid', 'multi', 'over', 'under', 'contre', 'néo', 'pré', 'extra', 'hyper', 'semi', 'quasi',
]);

/** Where a hyphenated word must be cut so that a capitalized name after a prefix stands alone. */
function splitPrefixedName(word: string): number {
  let hyphen = 0;
  while (hyphen < word.length && word.charCodeAt(hyphen) !== HYPHEN && word.charCodeAt(hyphen) !== HYPHEN_UNICODE) hyphen++;
  if (hyphen <= 0 || hyphen + 1 >= word.length) return -1;
  const left = word.slice(0, hyphen);
  const right = word.slice(hyphen + 1);
  if (!/^\p{Lu}/u.test(right)) return -1;
  // "Counter-ISIL" in a title-case headline: the prefix may be capitalized too.
  if (NAME_PREFIXES.has(left.toLowerCase()) && /^\p{L}\p{Ll}*$/u.test(left)) return hyphen;
  if (/^\p{Ll}+$/u.test(left) && /^\p{Lu}{2,}\b/u.test(right)) return hyphen;
  return -1;
}

/** `TOKEN` anchored where it is tried: the token starting exactly there. */
const TOKEN_HERE = new RegExp(TOKEN, 'uy');

const DOT = 0x2e;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019; // ’
/** Longest word of TOKEN's abbreviation lists ("Calif."): a shorter capitalized word before a dot may be one. */
const LONGEST_ABBREVIATION = 5;
/** Returned by `plainWordEnd` when only TOKEN can tell. */
const ASK_REGEX = -1;

function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** `[\p{L}\p{M}\p{N}]` for one code unit; surrogate halves answer false (callers check them first). */
function isWordUnit(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return isWordCode(code);
}

/**
 * The end of the token starting at `at` when it is a plain word or number, the last alternative of
 * TOKEN but one: letters, marks and digits joined by hyphens, with no dot or apostrophe inside, and
 * no dot after it unless the word is too long or not capitalized to be an abbreviation or an
 * initial. Every earlier alternative needs a dot, an apostrophe or "R-"/"D-"/"I-" there, so in that
 * case TOKEN would match exactly this word; otherwise (or on a surrogate pair) `ASK_REGEX`.
 * Scanning it by hand is several times faster than running the whole alternation at each token.
 */
function plainWordEnd(text: string, at: number): number {
  const n = text.length;
  let i = at;
  for (;;) {
    // A run of word units.
    for (; i < n; i++) {
      const code = text.charCodeAt(i);
      if (isWordUnit(code)) continue;
      if (isSurrogate(code)) return ASK_REGEX;
      break;
    }
    if (i + 1 >= n) break;
    const separator = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    const joins = isWordUnit(next) || isSurrogate(next);
    if (!joins) break;
    if (separator === HYPHEN || separator === HYPHEN_UNICODE) {
      if (isSurrogate(next)) return ASK_REGEX;
      i++;
      continue;
    }
    if (separator === DOT || separator === APOSTROPHE || separator === RIGHT_QUOTE) return ASK_REGEX;
    break;
  }
  const first = text.charCodeAt(at);
  const capital = first < 128 ? first >= 65 && first <= 90 : isUpperCode(first);
  if (capital && text.charCodeAt(i) === DOT && i - at <= LONGEST_ABBREVIATION) return ASK_REGEX; // "Mr.", "F.", "Calif."
  if ((first === 82 || first === 68 || first === 73) && text.charCodeAt(at + 1) === HYPHEN) return ASK_REGEX; // "R-Alaska"
  return i;
}

/** Push the token `text[start, end)`, cut around a hyphen that joins a prefix to a name; offsets plus `shift`. */
function pushToken(tokens: Token[], text: string, start: number, end: number, shift: number): void {
  const word = text.slice(start, end);
  const cut = word.length > 3 ? splitPrefixedName(word) : -1;
  const at = start + shift;
  if (cut > 0) {
    tokens.push({ start: at, end: at + cut, text: word.slice(0, cut) });
    tokens.push({ start: at + cut, end: at + cut + 1, text: word[cut] });
    tokens.push({ start: at + cut + 1, end: at + word.length, text: word.slice(cut + 1) });
  } else {
    tokens.push({ start: at, end: at + word.length, text: word });
  }
}

/**
 * The tokens TOKEN finds in `text` from `from` on (lookaheads stop at the end of `text`), with
 * offsets plus `shift`. Plain words and punctuation are recognized by hand; the regex is run,
 * anchored, only where an earlier alternative may apply (dots, apostrophes, surrogate pairs).
 */
function scanTokens(text: string, from: number, shift: number): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let at = from;
  while (at < n) {
    const code = text.charCodeAt(at);
    if (code < 128 ? isAsciiSpace(code) : isSpaceCode(code)) {
      at++;
      continue;
    }
    let end = ASK_REGEX;
    if (isWordUnit(code)) end = plainWordEnd(text, at);
    else if (code !== APOSTROPHE && code !== RIGHT_QUOTE && !isSurrogate(code)) end = at + 1; // punctuation: only \S, TOKEN's last alternative, starts with it
    if (end === ASK_REGEX) {
      TOKEN_HERE.lastIndex = at;
      if (!TOKEN_HERE.exec(text)) {
        at++; // not reached: \S matches any non-space code point
        continue;
      }
      end = TOKEN_HERE.lastIndex;
    }
    pushToken(tokens, text, at, end, shift);
    at = end;
  }
  return tokens;
}

/** Tokens of `text` inside `[from, to)`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  // A unicode regex started inside a surrogate pair starts at the pair: so does this.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from--;
  return scanTokens(to === text.length ? text : text.slice(0, to), from, 0);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'gov', 'sen', 'rep', 'st', 'sr', 'jr',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'vs', 'etc', 'inc', 'corp', 'co', 'ltd',
  'm', 'mm', 'mme', 'mmes', 'mlle', 'me', 'av', 'cf', 'p', 'ex',
]);

/** `.`, `!`, `?` or `…` alone (a character test: it runs on every token). */
function isSentenceMark(token: string): boolean {
  if (token.length !== 1) return false;
  const code = token.charCodeAt(0);
  return code === DOT || code === 0x21 || code === 0x3f || code === 0x2026;
}

/** Sentences of one paragraph, cut after `.`, `!`, `?` or `…` followed by a capital or an opening mark. */
export function splitSentences(text: string, paragraph: Span, tokens: Token[], paragraphIndex: number): Sentence[] {
  const sentences: Sentence[] = [];
  let start = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (start < 0) start = token.start;
    if (!isSentenceMark(token.text)) continue;
    const previous = tokens[i - 1];
    if (token.text === '.' && previous && previous.end === token.start) {
      const word = previous.text.toLowerCase();
      if (ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(previous.text)) continue;
    }
    let end = i + 1;
    while (end < tokens.length && /^[”"»’')\]]$/.test(tokens[end].text)) end++;
    const next = tokens[end];
    if (next && !/^[\p{Lu}\p{N}“"«‘(\[—–-]/u.test(next.text)) continue;
    sentences.push({ start, end: tokens[end - 1].end, paragraph: paragraphIndex });
    start = -1;
    i = end - 1;
  }
  if (start >= 0) sentences.push({ start, end: paragraph.end, paragraph: paragraphIndex });
  return sentences;
}

/**
 * Longest sentence handed to the recognizers, in tokens. News sentences stay far below it; a
 * run-on line with no sentence end (a scraped table, a 1 MB line, thousands of stray quote marks)
 * is cut into windows of at most this many tokens, so per-sentence work that grows faster than
 * linearly (the tagger's document passes, attribution windows) stays bounded on hostile input.
 */
export const MAX_SENTENCE_TOKENS = 250;

const SOFT_BREAK = /^[,;:—–“”«»"()]$/;

/** `sentence` cut into windows of at most `max` tokens, preferring to cut after a comma or a mark. */
export function capSentence(sentence: Sentence, tokens: readonly Token[], max = MAX_SENTENCE_TOKENS): Sentence[] {
  // Binary search for the first token: a linear walk from 0 would make a long paragraph quadratic.
  let first = 0;
  let high = tokens.length;
  while (first < high) {
    const mid = (first + high) >> 1;
    if (tokens[mid].start < sentence.start) first = mid + 1;
    else high = mid;
  }
  let last = first;
  while (last < tokens.length && tokens[last].end <= sentence.end && last - first <= max) last++;
  if (last - first <= max) return [sentence];
  while (last < tokens.length && tokens[last].end <= sentence.end) last++;
  const pieces: Sentence[] = [];
  let from = first;
  while (last - from > max) {
    let cut = from + max; // exclusive
    for (let k = cut - 1; k >= from + (max * 3) / 4; k--) {
      if (SOFT_BREAK.test(tokens[k].text)) {
        cut = k + 1;
        break;
      }
    }
    pieces.push({ start: tokens[from].start, end: tokens[cut - 1].end, paragraph: sentence.paragraph });
    from = cut;
  }
  pieces.push({ start: tokens[from].start, end: sentence.end, paragraph: sentence.paragraph });
  return pieces;
}

/**
 * Tokens and sentences of paragraphs seen before, keyed by the paragraph's text, with offsets
 * relative to the paragraph start (a paragraph's layout depends on its own text only). Owned by
 * the host per document, so an edit re-cuts only the paragraphs it touched.
 */
export type ParagraphMemo = Memo<{ tokens: Token[]; sentences: Span[] }>;

/**
 * What the memo keeps of a paragraph text, all pure functions of it: its tokens (relative to its
 * start) and sentence spans, and its language evidence once asked for. One lookup per paragraph
 * serves them all.
 */
interface ParagraphCut {
  tokens: Token[];
  sentences: Span[];
  evidence?: LanguageEvidence;
}

/** Move tokens by `shift` in place. */
function moveTokens(tokens: Token[], shift: number): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    t.start += shift;
    t.end += shift;
  }
}

/** The tokens and sentence spans of one paragraph's text, token offsets plus `offset`, sentences relative. */
function paragraphLayout(paragraph: string, offset: number): ParagraphCut {
  // The paragraph alone is tokenized: TOKEN looks back only through \b, and the character before a
  // paragraph is a line break or white space, as the start of a string is. (The shift is added, not
  // subtracted as `-offset`: -0 is a heap number, and one stored offset that is not a small integer
  // turns `start`/`end` into boxed doubles in every object shaped `{ start, end, ... }`.)
  const tokens = scanTokens(paragraph, 0, offset);
  const whole = { start: offset, end: offset + paragraph.length };
  const sentences: Span[] = [];
  for (const sentence of splitSentences(paragraph, whole, tokens, 0)) {
    for (const piece of capSentence(sentence, tokens)) sentences.push({ start: piece.start - offset, end: piece.end - offset });
  }
  return { tokens, sentences };
}

/** Token copies moved by `shift`. */
function shifted(tokens: readonly Token[], shift: number): Token[] {
  const out = new Array<Token>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    out[i] = { start: t.start + shift, end: t.end + shift, text: t.text };
  }
  return out;
}

/** The cut of `paragraph`: remembered, or made (at its place directly when there is no memo to keep it). */
function cutOf(paragraph: ParagraphText, memo?: ParagraphMemo): ParagraphCut {
  if (!memo) return paragraphLayout(paragraph.text, paragraph.start);
  // The memo's type is the layout's public part; the rest of a cut rides along in the same entry.
  let cut = memo.get(paragraph.text) as ParagraphCut | undefined;
  if (!cut) memo.set(paragraph.text, (cut = paragraphLayout(paragraph.text, 0)));
  return cut;
}

/**
 * Cut the whole text; `languageOf` decides each paragraph's language (given its text and index);
 * `memo` (a document's memos, or just its paragraph memo) reuses unchanged paragraphs.
 */
export function layoutText(text: string, languageOf: (paragraph: string, index: number) => Language, memo?: AnalysisMemo | ParagraphMemo): Layout {
  const documentMemo = memo && 'stage' in memo ? memo : undefined;
  const cutMemo = documentMemo ? documentMemo.paragraphs : (memo as ParagraphMemo | undefined);
  const aligned = alignedParagraphTexts(text, documentMemo);
  const last = lastLayout(aligned, documentMemo);
  const cuts = aligned.paragraphs.map((p, i) => lastCut(aligned, last, i) ?? cutOf(p, cutMemo));
  return assemble(text, aligned, last, cuts, aligned.paragraphs.map((p, i) => languageOf(p.text, i)), !!cutMemo, documentMemo);
}

/** Cut the whole text, each paragraph in its language, and tell the article's main language (see `articleLanguages`). */
export function layoutArticle(text: string, memo?: AnalysisMemo): { layout: Layout; language: Language } {
  const aligned = alignedParagraphTexts(text, memo);
  const sources = aligned.paragraphs;
  const last = lastLayout(aligned, memo);
  const cuts = sources.map((p, i) => lastCut(aligned, last, i) ?? cutOf(p, memo?.paragraphs));
  const { language, languages } = articleLanguages(cuts.map((cut, i) => (cut.evidence ??= languageEvidence(sources[i].text))));
  return { layout: assemble(text, aligned, last, cuts, languages, !!memo, memo), language };
}

/**
 * The last layout of a document: the paragraphs it was cut from, what it handed out, and each
 * paragraph's tokens at absolute offsets. The next layout hands the tokens of paragraphs the edit
 * left alone out again, moved IN PLACE by the edit's length, and splices the token array: an edit
 * shifts every paragraph after it, and copying ~200,000 tokens per keystroke in a 1 MB article
 * (then collecting them) cost more than the rest of the layout. This is safe because no stage keeps
 * token objects or the token array beyond its analysis (memos keep offsets relative to their unit,
 * or token texts), and an analysis reads them only before the next one starts.
 */
interface LastLayout {
  sources: readonly ParagraphText[];
  cuts: readonly ParagraphCut[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  tokensOf: Token[][];
}

const LAST_LAYOUT = 'layout';

/** The document's last layout, if it was cut from the paragraphs `aligned` lines up with. */
function lastLayout(aligned: AlignedParagraphs, memo?: AnalysisMemo): LastLayout | undefined {
  const last = memo?.stage<LastLayout>(LAST_LAYOUT).get('');
  return last && last.sources === aligned.previous ? last : undefined;
}

/**
 * The cut of paragraph `index` when it is one the edit left alone: the last layout's, found by
 * position rather than looked up by text (a lookup compares the whole text whenever the key is
 * another string of the same characters, as with every repeated paragraph). The paragraph memo
 * then forgets texts only the last layout holds: a layout that does not line up cuts them again.
 */
function lastCut(aligned: AlignedParagraphs, last: LastLayout | undefined, index: number): ParagraphCut | undefined {
  if (!last) return undefined;
  if (index < aligned.head) return last.cuts[index];
  const fromEnd = aligned.paragraphs.length - index;
  return fromEnd <= aligned.tail ? last.cuts[last.cuts.length - fromEnd] : undefined;
}

/** The layout from each paragraph's cut: absolute sentences, placed tokens. */
function assemble(text: string, aligned: AlignedParagraphs, last: LastLayout | undefined, cuts: readonly ParagraphCut[], languages: readonly Language[], relative: boolean, memo?: AnalysisMemo): Layout {
  const sources = aligned.paragraphs;
  const head = last ? aligned.head : 0;
  const tail = last ? aligned.tail : 0;
  // The arrays are filled at their final size: growing them by push copies them over and over.
  const paragraphs = new Array<Paragraph>(sources.length);
  let sentenceCount = 0;
  for (const cut of cuts) sentenceCount += cut.sentences.length;
  const sentences = new Array<Sentence>(sentenceCount);
  let s = 0;
  const tokensOf = new Array<Token[]>(sources.length);
  let count = 0;
  for (let index = 0; index < sources.length; index++) {
    const { start, end } = sources[index];
    const cut = cuts[index];
    let placed: Token[];
    if (last && index < head) {
      // Unchanged and in place: the last layout's paragraph and sentence objects serve again.
      const paragraph = last.paragraphs[index];
      paragraphs[index] = paragraph.language === languages[index] ? paragraph : { start, end, language: languages[index] };
      for (let k = 0; k < cut.sentences.length; k++, s++) sentences[s] = last.sentences[s];
      placed = last.tokensOf[index];
    } else {
      paragraphs[index] = { start, end, language: languages[index] };
      for (const sentence of cut.sentences) sentences[s++] = { start: sentence.start + start, end: sentence.end + start, paragraph: index };
      if (last && index >= sources.length - tail) {
        placed = last.tokensOf[last.tokensOf.length - (sources.length - index)];
        if (aligned.shift !== 0) moveTokens(placed, aligned.shift);
      } else {
        placed = relative ? shifted(cut.tokens, start) : cut.tokens;
      }
    }
    tokensOf[index] = placed;
    count += placed.length;
  }
  const tokens = last ? splicedTokens(last, tokensOf, head, tail, count) : concatenated(tokensOf, count);
  memo?.stage<LastLayout>(LAST_LAYOUT).set('', { sources, cuts, paragraphs, sentences, tokens, tokensOf });
  return aligned.edit ? { text, paragraphs, sentences, tokens, edit: aligned.edit } : { text, paragraphs, sentences, tokens };
}

function concatenated(tokensOf: readonly Token[][], count: number): Token[] {
  // Filled at its final size: pushing ~200,000 tokens one by one cost three times as much.
  const tokens = new Array<Token>(count);
  let k = 0;
  for (const placed of tokensOf) for (let i = 0; i < placed.length; i++) tokens[k++] = placed[i];
  return tokens;
}

/** Above this many tokens to put in, the array is built afresh rather than spliced. */
const MAX_SPLICED = 4096;

/**
 * The last layout's token array made this one's IN PLACE: the first `head` and last `tail`
 * paragraphs hand out the same tokens as last time, already in it, so only those between are
 * spliced in (or the array is built afresh if they are many).
 */
function splicedTokens(last: LastLayout, tokensOf: readonly Token[][], head: number, tail: number, count: number): Token[] {
  let from = 0;
  for (let p = 0; p < head; p++) from += tokensOf[p].length;
  let inserted = 0;
  for (let p = head; p < tokensOf.length - tail; p++) inserted += tokensOf[p].length;
  if (inserted > MAX_SPLICED) return concatenated(tokensOf, count);
  const middle: Token[] = [];
  for (let p = head; p < tokensOf.length - tail; p++) for (const token of tokensOf[p]) middle.push(token);
  const tokens = last.tokens;
  // The old array holds the head's tokens, the old middle, then the tail's (count - from - inserted).
  tokens.splice(from, tokens.length - (count - from - inserted) - from, ...middle);
  return tokens;
}
