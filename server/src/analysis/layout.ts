/**
 * Text layout: paragraphs, tokens and sentences. Scraped articles put one paragraph per line
 * (navigation lists, bylines and captions included), so a paragraph is a non-blank line. Tokens
 * follow CoNLL conventions closely enough for the tagger: a possessive `'s` and a French elided
 * article (`l'`, `d'`, `qu'`) are tokens of their own, abbreviations with inner dots ("U.S.",
 * "D.C."), initials ("F.") and common abbreviations ("Mr.", "Inc.") stay whole, and a lower-case prefix is cut off a hyphenated name ("counter-ISIS" →
 * "counter", "-", "ISIS") so the name can be tagged. All offsets are UTF-16 indices into the original text, ends exclusive.
 */
import type { Memo } from './memo';
import type { Language, Paragraph, Sentence, Span, Token } from './types';

/** The text cut into the units every recognizer works on. */
export interface Layout {
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** All tokens of the text, in order. */
  tokens: Token[];
}

/** Paragraph spans: each non-blank line, trimmed of surrounding white space. Language is filled in later. */
export function splitParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  const lineBreak = /\r\n|\r|\n|\u2028|\u2029/g;
  let lineStart = 0;
  const push = (start: number, end: number) => {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) spans.push({ start, end });
  };
  for (let m = lineBreak.exec(text); m; m = lineBreak.exec(text)) {
    push(lineStart, m.index);
    lineStart = m.index + m[0].length;
  }
  push(lineStart, text.length);
  return spans;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0xfeff || code === 12 || code === 11;
}

// One alternation, tried left to right at each position:
// abbreviations with inner dots (U.S., D.C., J.-Y.), French elisions, words with inner apostrophes
// or hyphens, numbers with separators, then any single non-space character.
const TOKEN = new RegExp(
  [
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
  ].join('|'),
  'gu',
);

// Lower-case prefixes glued to a name by a hyphen ("counter-ISIS", "anti-Islamic State",
// "pro-OTAN"): the name is an entity mention of its own, so the compound is cut around the hyphen.
const NAME_PREFIXES = new Set([
  'anti', 'counter', 'pro', 'non', 'pre', 'post', 'ex', 'neo', 'pan', 'trans', 'inter', 'intra', 'sub', 'super', 'ultra',
  'mid', 'multi', 'over', 'under', 'contre', 'néo', 'pré', 'extra', 'hyper', 'semi', 'quasi',
]);

/** Where a hyphenated word must be cut so that a capitalized name after a prefix stands alone. */
function splitPrefixedName(word: string): number {
  const hyphen = word.search(/[-‐]/);
  if (hyphen <= 0 || hyphen + 1 >= word.length) return -1;
  const left = word.slice(0, hyphen);
  const right = word.slice(hyphen + 1);
  if (!/^\p{Lu}/u.test(right)) return -1;
  // "Counter-ISIL" in a title-case headline: the prefix may be capitalized too.
  if (NAME_PREFIXES.has(left.toLowerCase()) && /^\p{L}\p{Ll}*$/u.test(left)) return hyphen;
  if (/^\p{Ll}+$/u.test(left) && /^\p{Lu}{2,}\b/u.test(right)) return hyphen;
  return -1;
}

/** Tokens of `text` inside `[from, to)`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = from;
  const slice = to === text.length ? text : text.slice(0, to);
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    const word = m[0];
    const cut = word.length > 3 ? splitPrefixedName(word) : -1;
    if (cut > 0) {
      tokens.push({ start: m.index, end: m.index + cut, text: word.slice(0, cut) });
      tokens.push({ start: m.index + cut, end: m.index + cut + 1, text: word[cut] });
      tokens.push({ start: m.index + cut + 1, end: m.index + word.length, text: word.slice(cut + 1) });
    } else {
      tokens.push({ start: m.index, end: m.index + word.length, text: word });
    }
  }
  return tokens;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'gov', 'sen', 'rep', 'st', 'sr', 'jr',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'vs', 'etc', 'inc', 'corp', 'co', 'ltd',
  'm', 'mm', 'mme', 'mmes', 'mlle', 'me', 'av', 'cf', 'p', 'ex',
]);

/** Sentences of one paragraph, cut after `.`, `!`, `?` or `…` followed by a capital or an opening mark. */
export function splitSentences(text: string, paragraph: Span, tokens: Token[], paragraphIndex: number): Sentence[] {
  const sentences: Sentence[] = [];
  let start = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (start < 0) start = token.start;
    if (!/^[.!?…]$/.test(token.text)) continue;
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

/** The tokens and sentence spans of one paragraph, relative to its start. */
function paragraphLayout(text: string, span: Span): { tokens: Token[]; sentences: Span[] } {
  const paragraphTokens = tokenize(text, span.start, span.end);
  const sentences: Span[] = [];
  for (const sentence of splitSentences(text, span, paragraphTokens, 0)) {
    for (const piece of capSentence(sentence, paragraphTokens)) sentences.push({ start: piece.start - span.start, end: piece.end - span.start });
  }
  return { tokens: paragraphTokens.map(t => ({ start: t.start - span.start, end: t.end - span.start, text: t.text })), sentences };
}

/** Cut the whole text; `languageOf` decides each paragraph's language; `memo` reuses unchanged paragraphs. */
export function layoutText(text: string, languageOf: (paragraph: string) => Language, memo?: ParagraphMemo): Layout {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  for (const span of splitParagraphs(text)) {
    const source = text.slice(span.start, span.end);
    let cut = memo?.get(source);
    if (!cut) {
      cut = paragraphLayout(text, span);
      memo?.set(source, cut);
    }
    const index = paragraphs.length;
    paragraphs.push({ ...span, language: languageOf(source) });
    for (const sentence of cut.sentences) sentences.push({ start: sentence.start + span.start, end: sentence.end + span.start, paragraph: index });
    for (const token of cut.tokens) tokens.push({ start: token.start + span.start, end: token.end + span.start, text: token.text });
  }
  return { text, paragraphs, sentences, tokens };
}
