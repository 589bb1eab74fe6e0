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

/** Evidence for each language: positive means English, negative French; magnitude is confidence. */
export function languageScore(text: string): number {
  let score = 0;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  for (const word of words) {
    if (ENGLISH.has(word)) score++;
    if (FRENCH.has(word)) score--;
  }
  const accents = text.match(/[éèêàùçôîœ]/g)?.length ?? 0;
  score -= Math.min(accents, 6) * 0.5;
  if (/\b\p{L}+['’]s\b/u.test(text)) score += 1;
  if (/\b[ldjmnsc]['’]\p{L}/iu.test(text)) score -= 1;
  return score;
}

/** The language of one paragraph, falling back to `fallback` when the evidence is thin. */
export function detectLanguage(text: string, fallback: Language = 'en'): Language {
  const score = languageScore(text);
  if (score >= 2) return 'en';
  if (score <= -2) return 'fr';
  return fallback;
}
