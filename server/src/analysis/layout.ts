/**
 * Text layout: paragraphs, tokens and sentences. Scraped articles put one paragraph per line
 * (navigation lists, bylines and captions included), so a paragraph is a non-blank line. Tokens
 * follow CoNLL conventions closely enough for the tagger: a possessive `'s` and a French elided
 * article (`l'`, `d'`, `qu'`) are tokens of their own, abbreviations with inner dots ("U.S.",
 * "D.C.") stay whole. All offsets are UTF-16 indices into the original text, ends exclusive.
 */
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
    String.raw`\p{Lu}\.-\p{Lu}\.`, // J.-Y.
    String.raw`(?:[lLdDjJmMnNsStTcC]|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu)['’](?=\p{L})`, // l' d' qu'
    String.raw`['’]s\b`, // possessive 's
    String.raw`\p{L}[\p{L}\p{M}]*(?:[-‐'’][\p{L}\p{M}]+)*(?=['’]s\b)`, // a word before a possessive
    String.raw`[\p{L}\p{M}\p{N}]+(?:[-‐.'’][\p{L}\p{M}\p{N}]+)*`, // word, number, hyphenated compound
    String.raw`\S`,
  ].join('|'),
  'gu',
);

/** Tokens of `text` inside `[from, to)`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = from;
  const slice = to === text.length ? text : text.slice(0, to);
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
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

/** Cut the whole text; `languageOf` decides each paragraph's language. */
export function layoutText(text: string, languageOf: (paragraph: string) => Language): Layout {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  for (const span of splitParagraphs(text)) {
    const paragraphTokens = tokenize(text, span.start, span.end);
    const index = paragraphs.length;
    paragraphs.push({ ...span, language: languageOf(text.slice(span.start, span.end)) });
    for (const sentence of splitSentences(text, span, paragraphTokens, index)) sentences.push(sentence);
    for (const token of paragraphTokens) tokens.push(token);
  }
  return { text, paragraphs, sentences, tokens };
}
