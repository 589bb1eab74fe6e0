/**
 * English or French, per paragraph. Function words are the most reliable cue on short news
 * paragraphs (a headline has few content words, but "le", "des", "the", "of" are everywhere), and
 * accents break ties. A paragraph with too little evidence takes the article's main language.
 */
import { isLetterCode } from './chars';
import type { Language } from './types';

const ENGLISH = new Set(
  'the of and to in a is that for on with as was by at it from he his she her they their said has have had be been were are will would this which who not but an or its after about also than more into over'.split(' '),
);
const FRENCH = new Set(
  'le la les de des du un une et à au aux en est que qui pour dans sur par pas ne se sa son ses il elle ils ont été sont a avec ce cette plus mais ou lui leur nous vous selon après été déclaré'.split(' '),
);

const ACCENTS = new Set('éèêàùçôîœ'.split('').map(c => c.charCodeAt(0)));
const ELIDED = new Set('ldjmnscLDJMNSC'.split('').map(c => c.charCodeAt(0)));
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const LONGEST_CUE = 7;

function isLetter(code: number): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return isLetterCode(code);
}

/**
 * The cue words as a trie over lower-cased code units, walked while a word is scanned, so no word
 * is sliced or lower-cased. A word lower-cases code unit by code unit except for the few units whose
 * lower case is longer (İ) or depends on context (final Σ), and none of those can spell a cue.
 * Cues are spelled with code units below 256, so a state's transitions fit a row of 256.
 */
const DEAD = -1;
const CUE_WORDS = [...new Set([...ENGLISH, ...FRENCH])];
const CUE_STATES = 1 + CUE_WORDS.reduce((n, w) => n + w.length, 0);
const CUE_NEXT = new Int16Array(CUE_STATES * 256).fill(DEAD); // state * 256 + code unit → state
const CUE_SCORE = new Int8Array(CUE_STATES); // per final state: +1 English, -1 French, 0 both ("a")
const CUE_END = new Uint8Array(CUE_STATES);
{
  let states = 1;
  for (const word of CUE_WORDS) {
    let state = 0;
    for (let k = 0; k < word.length; k++) {
      const edge = state * 256 + word.charCodeAt(k);
      if (CUE_NEXT[edge] === DEAD) CUE_NEXT[edge] = states++;
      state = CUE_NEXT[edge];
    }
    CUE_END[state] = 1;
    CUE_SCORE[state] = (ENGLISH.has(word) ? 1 : 0) - (FRENCH.has(word) ? 1 : 0);
  }
}

/** Lower case of one code unit, or -1 when it is not one code unit (İ → i + dot above). */
const lowerCodes = new Int32Array(0x10000);
function lowerCode(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  let lower = lowerCodes[code];
  if (lower === 0) {
    const folded = String.fromCharCode(code).toLowerCase();
    lower = lowerCodes[code] = folded.length === 1 ? folded.charCodeAt(0) : -1;
  }
  return lower;
}

function nextCueState(state: number, code: number): number {
  const lower = lowerCode(code);
  return lower < 0 || lower > 255 ? DEAD : CUE_NEXT[state * 256 + lower];
}

/**
 * The cues `languageScore` weighs, kept apart so they add up: the evidence of a text is the sum
 * of its paragraphs' (words never cross a line; accents are capped only when scored), which lets
 * the article's score come from memoized paragraph evidence instead of a pass over the whole text.
 */
export interface LanguageEvidence {
  /** English function words minus French ones. */
  words: number;
  /** Accented letters (é, à, ç…), uncapped. */
  accents: number;
  /** A possessive 's was seen. */
  possessive: boolean;
  /** A French elision (l', d') was seen. */
  elision: boolean;
}

/**
 * The cues of `text` in one pass without allocating its words: function words, accents,
 * possessive 's, French elisions.
 */
export function languageEvidence(text: string): LanguageEvidence {
  let words = 0;
  let accents = 0;
  let possessive = false;
  let elision = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let state = 0;
    for (let code = text.charCodeAt(i); i < n && isLetter(code); code = text.charCodeAt(++i)) {
      if (code >= 128 && ACCENTS.has(code)) accents++;
      if (state !== DEAD) state = nextCueState(state, code);
    }
    if (state !== DEAD && CUE_END[state] && i - start <= LONGEST_CUE) words += CUE_SCORE[state];
    const after = text.charCodeAt(i);
    if ((after === APOSTROPHE || after === RIGHT_QUOTE) && i + 1 < n) {
      const next = text.charCodeAt(i + 1);
      // "Kerry's": a word, an apostrophe, s, then no letter.
      if ((next === 115 || next === 83) && !(i + 2 < n && isLetter(text.charCodeAt(i + 2)))) possessive = true;
      // "l'État", "d’Irak": a lone elidable letter, an apostrophe, a letter.
      else if (i - start === 1 && ELIDED.has(text.charCodeAt(start)) && isLetter(next)) elision = true;
    }
  }
  return { words, accents, possessive, elision };
}

/**
 * Add `more` into `total` (in place), the evidence of paragraphs taken together as if their texts
 * were one. In place: a new object per paragraph made ~8,000 per keystroke in a 1 MB article.
 */
export function addEvidence(total: LanguageEvidence, more: LanguageEvidence): void {
  total.words += more.words;
  total.accents += more.accents;
  total.possessive ||= more.possessive;
  total.elision ||= more.elision;
}

/** Positive means English, negative French; magnitude is confidence. At most six accents count. */
export function scoreOf(evidence: LanguageEvidence): number {
  let score = evidence.words;
  score -= Math.min(evidence.accents, 6) * 0.5;
  if (evidence.possessive) score += 1;
  if (evidence.elision) score -= 1;
  return score;
}

/**
 * Evidence for each language: positive means English, negative French; magnitude is confidence.
 * Function words, accents (at most six count), possessive 's, French elisions.
 */
export function languageScore(text: string): number {
  return scoreOf(languageEvidence(text));
}

/** The language a paragraph with this evidence is written in, `fallback` when the evidence is thin. */
export function languageOfEvidence(evidence: LanguageEvidence, fallback: Language): Language {
  const score = scoreOf(evidence);
  if (score >= 2) return 'en';
  if (score <= -2) return 'fr';
  return fallback;
}

/**
 * The main language of an article from its paragraphs' evidence (French only on negative
 * evidence), and each paragraph's, falling back to the main one. The same decisions as scoring
 * the whole text, then each paragraph, since evidence adds up.
 */
export function articleLanguages(evidence: readonly LanguageEvidence[]): { language: Language; languages: Language[] } {
  const total: LanguageEvidence = { words: 0, accents: 0, possessive: false, elision: false };
  for (const e of evidence) addEvidence(total, e);
  const language: Language = scoreOf(total) < 0 ? 'fr' : 'en';
  return { language, languages: evidence.map(e => languageOfEvidence(e, language)) };
}

/** The language of one paragraph, falling back to `fallback` when the evidence is thin. */
export function detectLanguage(text: string, fallback: Language = 'en'): Language {
  return languageOfEvidence(languageEvidence(text), fallback);
}
