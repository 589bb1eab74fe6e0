/**
 * English or French, per paragraph. Function words are the most reliable cue on short news
 * paragraphs (a headline has few content words, but "le", "des", "the", "of" are everywhere), and
 * accents break ties. A paragraph with too little evidence takes the article's main language.
 */
import type { Language } from './types';

const ENGLISH = new Set(
  'the of and to in a is that for on with as was by at it from he his she her they their said has have had be been were are will would this which who not but an or its after about also than more into over'.split(' '),
);
const FRENCH = new Set(
  'le la les de des du un une et à au aux en est que qui pour dans sur par pas ne se sa son ses il elle ils ont été sont a avec ce cette plus mais ou lui leur nous vous selon après été déclaré'.split(' '),
);

const LETTER = /\p{L}/u;
const ACCENTS = new Set('éèêàùçôîœ');
const ELIDED = new Set('ldjmnscLDJMNSC');
const LONGEST_CUE = 7;

function isLetter(code: number, char: string): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(char);
}

/**
 * Evidence for each language: positive means English, negative French; magnitude is confidence.
 * One pass over the text without allocating its words (it runs on every paragraph and on the
 * whole article): function words, accents (at most six count), possessive 's, French elisions.
 */
export function languageScore(text: string): number {
  let score = 0;
  let accents = 0;
  let possessive = false;
  let elision = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const char = text[i];
    const code = text.charCodeAt(i);
    if (!isLetter(code, char)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isLetter(text.charCodeAt(i), text[i])) {
      if (accents < 6 && ACCENTS.has(text[i])) accents++;
      i++;
    }
    if (i - start <= LONGEST_CUE) {
      const word = text.slice(start, i).toLowerCase();
      if (ENGLISH.has(word)) score++;
      if (FRENCH.has(word)) score--;
    }
    const apostrophe = text[i] === "'" || text[i] === '’';
    if (apostrophe && i + 1 < n) {
      const next = text.charCodeAt(i + 1);
      const nextIsLetter = isLetter(next, text[i + 1]);
      // "Kerry's": a word, an apostrophe, s, then no letter.
      if ((text[i + 1] === 's' || text[i + 1] === 'S') && !(i + 2 < n && isLetter(text.charCodeAt(i + 2), text[i + 2]))) possessive = true;
      // "l'État", "d’Irak": a lone elidable letter, an apostrophe, a letter.
      else if (i - start === 1 && ELIDED.has(text[start]) && nextIsLetter) elision = true;
    }
  }
  score -= accents * 0.5;
  if (possessive) score += 1;
  if (elision) score -= 1;
  return score;
}

/** The language of one paragraph, falling back to `fallback` when the evidence is thin. */
export function detectLanguage(text: string, fallback: Language = 'en'): Language {
  const score = languageScore(text);
  if (score >= 2) return 'en';
  if (score <= -2) return 'fr';
  return fallback;
}
