/**
 * The hand-written fast paths of the layout and language passes must answer exactly as the
 * regex-based definitions they replace. The reference implementations below are the original
 * ones, kept verbatim; texts: the shared articles (when present), the test fixtures, and seeded
 * random strings over the characters each rule looks at (dots, apostrophes, hyphens, capitals,
 * accents, combining marks, surrogate pairs, every kind of white space and line break).
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { layoutText, paragraphTexts, splitParagraphs, tokenize } from '../../server/src/analysis/layout';
import { detectLanguage, languageScore } from '../../server/src/analysis/language';
import { createAnalysisMemo } from '../../server/src/analysis/memo';
import type { Language, Paragraph, Sentence, Span, Token } from '../../server/src/analysis/types';
import { ENGLISH_ARTICLE, FRENCH_ARTICLE } from '../protocol/fixtures';
import { EMOJI_ARTICLE } from '../protocol/hostileTexts';
import { prng } from '../../scripts/prng';

// ---- reference: the original regex-based layout and language score ----

const TOKEN = new RegExp(
  [
    String.raw`(?:\p{Lu}\.){2,}`,
    String.raw`\p{Lu}\.(?=[ \t\u00a0]+\p{Lu})`,
    String.raw`\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Cmdr|Gov|Sen|Rep|Rev|St|Sr|Jr|Mme|Mmes|Mlle|Mgr|Inc|Corp|Co|Ltd|Bros|Gén)\.`,
    String.raw`\b[RDI](?=-\p{Lu})`,
    String.raw`\b(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo|\p{Lu}\.Va)\.(?=[),;:]|\s+\p{Ll})`,
    String.raw`\p{Lu}\.-\p{Lu}\.`,
    String.raw`(?:[lLdDjJmMnNsStTcC]|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu)['’](?=\p{L})`,
    String.raw`['’]s\b`,
    String.raw`\p{L}[\p{L}\p{M}]*(?:[-‐'’][\p{L}\p{M}]+)*(?=['’]s\b)`,
    String.raw`[\p{L}\p{M}\p{N}]+(?:[-‐.'’][\p{L}\p{M}\p{N}]+)*`,
    String.raw`\S`,
  ].join('|'),
  'gu',
);
const NAME_PREFIXES = new Set([
  'anti', 'counter', 'pro', 'non', 'pre', 'post', 'ex', 'neo', 'pan', 'trans', 'inter', 'intra', 'sub', 'super', 'ultra',
  'mid', 'multi', 'over', 'under', 'contre', 'néo', 'pré', 'extra', 'hyper', 'semi', 'quasi',
]);
function splitPrefixedName(word: string): number {
  const hyphen = word.search(/[-‐]/);
  if (hyphen <= 0 || hyphen + 1 >= word.length) return -1;
  const left = word.slice(0, hyphen);
  const right = word.slice(hyphen + 1);
  if (!/^\p{Lu}/u.test(right)) return -1;
  if (NAME_PREFIXES.has(left.toLowerCase()) && /^\p{L}\p{Ll}*$/u.test(left)) return hyphen;
  if (/^\p{Ll}+$/u.test(left) && /^\p{Lu}{2,}\b/u.test(right)) return hyphen;
  return -1;
}
function referenceTokenize(text: string, from = 0, to = text.length): Token[] {
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
function referenceSplitParagraphs(text: string): Span[] {
  const isSpace = (code: number) => code === 32 || code === 9 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0xfeff || code === 12 || code === 11;
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
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'gov', 'sen', 'rep', 'st', 'sr', 'jr',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'vs', 'etc', 'inc', 'corp', 'co', 'ltd',
  'm', 'mm', 'mme', 'mmes', 'mlle', 'me', 'av', 'cf', 'p', 'ex',
]);
function referenceSplitSentences(paragraph: Span, tokens: Token[], paragraphIndex: number): Sentence[] {
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
function referenceCapSentence(sentence: Sentence, tokens: readonly Token[], max = 250): Sentence[] {
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
    let cut = from + max;
    for (let k = cut - 1; k >= from + (max * 3) / 4; k--) {
      if (/^[,;:—–“”«»"()]$/.test(tokens[k].text)) {
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
function referenceLayout(text: string, languageOf: (paragraph: string) => Language): { paragraphs: Paragraph[]; sentences: Sentence[]; tokens: Token[] } {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  for (const span of referenceSplitParagraphs(text)) {
    const index = paragraphs.length;
    const paragraphTokens = referenceTokenize(text, span.start, span.end);
    paragraphs.push({ ...span, language: languageOf(text.slice(span.start, span.end)) });
    for (const sentence of referenceSplitSentences(span, paragraphTokens, index)) sentences.push(...referenceCapSentence(sentence, paragraphTokens));
    tokens.push(...paragraphTokens);
  }
  return { paragraphs, sentences, tokens };
}
const ENGLISH = new Set('the of and to in a is that for on with as was by at it from he his she her they their said has have had be been were are will would this which who not but an or its after about also than more into over'.split(' '));
const FRENCH = new Set('le la les de des du un une et à au aux en est que qui pour dans sur par pas ne se sa son ses il elle ils ont été sont a avec ce cette plus mais ou lui leur nous vous selon après été déclaré'.split(' '));
function referenceLanguageScore(text: string): number {
  const LETTER = /\p{L}/u;
  const ACCENTS = new Set('éèêàùçôîœ');
  const ELIDED = new Set('ldjmnscLDJMNSC');
  const isLetter = (code: number, char: string) => (code < 128 ? (code >= 65 && code <= 90) || (code >= 97 && code <= 122) : LETTER.test(char));
  let score = 0;
  let accents = 0;
  let possessive = false;
  let elision = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i), text[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isLetter(text.charCodeAt(i), text[i])) {
      if (accents < 6 && ACCENTS.has(text[i])) accents++;
      i++;
    }
    if (i - start <= 7) {
      const word = text.slice(start, i).toLowerCase();
      if (ENGLISH.has(word)) score++;
      if (FRENCH.has(word)) score--;
    }
    if ((text[i] === "'" || text[i] === '’') && i + 1 < n) {
      const nextIsLetter = isLetter(text.charCodeAt(i + 1), text[i + 1]);
      if ((text[i + 1] === 's' || text[i + 1] === 'S') && !(i + 2 < n && isLetter(text.charCodeAt(i + 2), text[i + 2]))) possessive = true;
      else if (i - start === 1 && ELIDED.has(text[start]) && nextIsLetter) elision = true;
    }
  }
  return score - accents * 0.5 + (possessive ? 1 : 0) - (elision ? 1 : 0);
}

// ---- texts ----

const SHARED = path.resolve(__dirname, '..', '..', '..', '..', 'shared');
function sharedTexts(): string[] {
  const out: string[] = [];
  for (const dir of [path.join(SHARED, 'articles'), path.join(SHARED, 'dev-extra', 'articles')]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.txt')) out.push(fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  return out;
}

const PIECES = [
  'a', 'b', 'x', 'A', 'B', 'S', 's', 'R', 'D', 'I', 'M', 'F', 'É', 'é', 'à', 'À', 'ç', 'œ', 'İ', 'Σ', 'ǅ', 'ß', '\u0301', '5', '٣', '²',
  '.', '.', '.', "'", "'", '’', '’', '-', '-', '‐', ',', ';', ':', '(', ')', '"', '“', '”', '«', '»', '!', '?', '…', '—', '–',
  ' ', ' ', ' ', ' ', '\t', '\u00a0', '\u202f', '\u2009', '\u3000', '\ufeff', '\n', '\r', '\r\n', '\u2028', '\u2029', '\v', '\f',
  '😀', '𝐀', '𝒶', '\ud800', '\udc00', '_',
  'Mr', 'Mrs', 'Inc', 'Co', 'Gén', 'Calif', 'Pa', 'Tenn', 'Va', 'W.Va', 'U.S', 'D.C', 'J.-Y', 'St', 'l', 'qu', 'lorsqu', 'jusqu', 'Puisqu',
  'the', 'of', 'le', 'de', 'The', 'LE', 'été', 'déclaré', 'ÉTÉ', 'Kerry', 'anti', 'counter', 'Counter', 'ISIS', 'Islamic', 'word', 'said',
];

function randomText(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

function allTexts(): string[] {
  const random = prng(424242);
  const texts = [...sharedTexts(), ENGLISH_ARTICLE, FRENCH_ARTICLE, EMOJI_ARTICLE, ''];
  for (let i = 0; i < 3000; i++) texts.push(randomText(random, 1 + Math.floor(random() * 120)));
  return texts;
}

test('the tokenizer finds exactly the tokens of the TOKEN regex', () => {
  for (const text of allTexts()) {
    assert.deepEqual(tokenize(text), referenceTokenize(text), JSON.stringify(text.slice(0, 200)));
    const from = Math.floor(text.length / 3);
    const to = Math.floor((2 * text.length) / 3);
    assert.deepEqual(tokenize(text, from, to), referenceTokenize(text, from, to), JSON.stringify(text.slice(0, 200)));
  }
});

test('paragraphs, sentences and tokens equal the original layout, with and without memo', () => {
  const memo = createAnalysisMemo();
  for (const text of allTexts()) {
    assert.deepEqual(splitParagraphs(text), referenceSplitParagraphs(text));
    const expected = referenceLayout(text, p => detectLanguage(p));
    const fresh = layoutText(text, p => detectLanguage(p));
    assert.deepEqual({ paragraphs: fresh.paragraphs, sentences: fresh.sentences, tokens: fresh.tokens }, expected, JSON.stringify(text.slice(0, 200)));
    memo.roll();
    const remembered = layoutText(text, p => detectLanguage(p), memo);
    assert.deepEqual({ paragraphs: remembered.paragraphs, sentences: remembered.sentences, tokens: remembered.tokens }, expected);
  }
});

test('the language score equals the original one, paragraph by paragraph and for whole texts', () => {
  for (const text of allTexts()) {
    assert.equal(languageScore(text), referenceLanguageScore(text), JSON.stringify(text.slice(0, 200)));
    for (const span of splitParagraphs(text)) {
      const paragraph = text.slice(span.start, span.end);
      assert.equal(languageScore(paragraph), referenceLanguageScore(paragraph));
    }
  }
});

test('paragraphs re-cut around an edit equal a full cut, edit after edit', () => {
  const random = prng(9001);
  const memo = createAnalysisMemo();
  const BREAKS = ['\n', '\r', '\r\n', '\n\n', '\u2028', '\u2029', ' ', '\t', 'x', 'Kerry said. ', '\u00a0', '\ufeff'];
  let text = `${ENGLISH_ARTICLE}\n\n${FRENCH_ARTICLE}`;
  for (let step = 0; step < 3000; step++) {
    const at = Math.floor(random() * (text.length + 1));
    const choice = random();
    if (choice < 0.55) text = text.slice(0, at) + BREAKS[Math.floor(random() * BREAKS.length)] + text.slice(at);
    else if (choice < 0.9) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 30)));
    else if (choice < 0.95) text = text.slice(0, at) + ENGLISH_ARTICLE.slice(0, Math.floor(random() * 300)) + text.slice(at);
    if (text.length < 50) text += ENGLISH_ARTICLE;
    memo.roll();
    const expected = splitParagraphs(text).map(s => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) }));
    assert.deepEqual(paragraphTexts(text, memo), expected, `step ${step}`);
  }
});
