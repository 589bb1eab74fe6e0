/**
 * The tense of the clause around a date expression, which decides whether a bare weekday or month
 * points back or ahead. News reports what happened, so without a future marker the answer is past:
 * "met on Monday" is the Monday before the article, "will visit on Monday" the one after. The
 * nearest marker to the expression, inside its sentence, wins.
 */
import type { Language } from '../types';
import { isLetterOrDigit } from './rules';

/** `none` when the clause has no tense marker at all (a headline, a caption): news then leans past, gently. */
export type Tense = 'past' | 'future' | 'none';

const FUTURE_EN = /\b(?:will|won['’]t|['’]ll|shall|going\s+to|is\s+to|are\s+to|plans?\s+to|scheduled|slated|set\s+(?:to|for)|expected\s+to|due\s+to|due|upcoming|next|would|to\s+be\s+held|as\s+(?:soon|early|late)\s+as|postponed|delayed|adjourned)\b/giu;
// Lower case only: "United States" ends in -ed too. "planned" reads both ways and counts as neither.
const PAST_EN = /\b(?:[Ww]as|[Ww]ere|had|did|said|told|met|went|came|took|made|held|gave|left|began|became|brought|bought|built|chose|drew|drove|fell|felt|fought|found|fled|flew|got|grew|heard|kept|knew|led|lost|meant|paid|ran|rose|sent|shot|sold|sought|spoke|spent|stood|struck|swore|taught|thought|threw|understood|won|wrote|saw|sat|broke|caught|stole|woke|wore|ago|(?!planned\b|scheduled\b|slated\b|expected\b|postponed\b|delayed\b|adjourned\b|need\b|speed\b|feed\b|seed\b|hundred\b|indeed\b|proceed\b|succeed\b|exceed\b|breed\b|greed\b|bleed\b|creed\b)\p{Ll}{2,}ed)\b/gu;

// Futur simple (sera, aura, se rendra, devront), "va/vont" + infinitive, and scheduling words.
// Lower case only: capitalized words ending in -ra are names (Ankara, Sierra).
const FUTURE_FR = /(?<![\p{L}])(?:\p{Ll}{2,}(?:era|ira|ra|ront|rai|ras|rons|rez)|va|vont|prévu|prévue|prévus|doit|doivent|devrait|devraient|prochaine?s?|compte|rendez-vous|d['’]ici)(?![\p{L}])/gu;
const NOT_FUTURE_FR = /^(?:extra|caméra|opéra|choléra|mantra|tiara|front|affront|cobra|zebra|ultra|contra|hydra|sierra|entra|montra|rentra|pénétra|déclara|resta|quitta|gagna|mena|éclata|lança|tira|ira|sera?pa)$/i;
// Auxiliaries of the compound past and the imparfait of être/avoir: participles alone are too
// easily confused with nouns (année, journée, sécurité). The participle follows a space and starts
// in lower case: checking that first spares the long look-behind almost everywhere.
const PAST_FR = /(?<![\p{L}])(?:[aA]|ont|avait|avaient|était|étaient|fut|furent|eut|eurent|[hH]ier|[eE]st|sont)(?![\p{L}'’])|(?<=\s)(?=\p{Ll})(?<=(?<![\p{L}])(?:a|ont|est|sont|avait|avaient|était|étaient)\s+(?:\p{Ll}+\s+)?)\p{Ll}+(?:é|ée|és|ées|i|is|u|ue|us|it|ert|erte)(?![\p{L}])/gu;

/** The UTF-16 units below U+0100 for which `test` holds, as the body of a character class. */
function latinClass(test: RegExp): string {
  let body = '';
  for (let code = 0; code < 0x100; code++) {
    if (!test.test(String.fromCharCode(code))) continue;
    let last = code;
    while (last + 1 < 0x100 && test.test(String.fromCharCode(last + 1))) last++;
    const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
    body += last > code ? `${hex(code)}-${hex(last)}` : hex(code);
    code = last;
  }
  return body;
}

const LATIN_LETTER = latinClass(/\p{L}/u);
const LATIN_LOWER = latinClass(/\p{Ll}/u);

/**
 * `pattern` without the u flag, its letter classes (`\p{L}` inside brackets, `\p{Ll}` outside)
 * spelled out for the first 256 units: V8 runs it several times faster, and on a window of those
 * units and punctuation (`isLatinWindow`) it finds the same matches.
 */
export function latinTwin(pattern: RegExp): RegExp {
  const source = pattern.source.replace(/\\p\{Ll\}/g, `[${LATIN_LOWER}]`).replace(/\\p\{L\}/g, LATIN_LETTER);
  if (/\\[pP]\{/.test(source)) throw new Error(`no Latin twin for ${pattern.source}`);
  return new RegExp(source, pattern.flags.replace('u', ''));
}

/** Anything but the first 256 units, general punctuation (no letters nor digits there) and the euro sign. */
const BEYOND_LATIN = /[^\u0000-\u00ff\u2000-\u206f\u20ac]/;

/** True when `window` holds only units on which the Latin twins match as the originals do ("ſ" and the Kelvin sign are beyond). */
export function isLatinWindow(window: string): boolean {
  return !BEYOND_LATIN.test(window);
}

/** The tense markers of each language, and their Latin twins. */
export const TENSE_PATTERNS = { FUTURE_EN, PAST_EN, FUTURE_FR, PAST_FR };
const LATIN = { FUTURE_EN: latinTwin(FUTURE_EN), PAST_EN: latinTwin(PAST_EN), FUTURE_FR: latinTwin(FUTURE_FR), PAST_FR: latinTwin(PAST_FR) };

/** Distances from the expression at `[at, atEnd)` to the nearest marker before it and after it. */
function nearest(re: RegExp, window: string, at: number, atEnd: number, reject?: RegExp): { before: number; after: number } {
  let before = Infinity, after = Infinity;
  re.lastIndex = 0;
  for (let m = re.exec(window); m; m = re.exec(window)) {
    if (reject && reject.test(m[0])) continue;
    if (m.index < at) before = Math.min(before, at - m.index);
    else after = Math.min(after, m.index - atEnd);
  }
  return { before, after };
}

// A French participle right before the date ("les modifications annoncées mercredi").
export const PARTICIPLE_BEFORE_FR = /\p{Ll}{3,}(?:é|ée|és|ées)\s+$/u;
const LATIN_PARTICIPLE_BEFORE_FR = latinTwin(PARTICIPLE_BEFORE_FR);

/**
 * Past or future for an expression at `[start, end)` inside the sentence `[sentenceStart, sentenceEnd)`.
 * The verb governing a date usually comes before it ("arrived Monday and will leave Friday", "said
 * Monday that he will"), so the nearest marker before the expression decides; only when there is
 * none does the nearest one after it ("On Monday, the minister will visit"). Looks at most 80
 * characters either side, never past the sentence.
 */
export function tenseAt(text: string, sentenceStart: number, sentenceEnd: number, start: number, end: number, language: Language): Tense {
  let from = Math.max(sentenceStart, start - 80);
  let to = Math.max(end, Math.min(sentenceEnd, end + 80));
  // Never cut a word at the window's edges: "retra|ites" would read as a future "-ra".
  while (from > sentenceStart && isLetterOrDigit(text.charCodeAt(from - 1))) from--;
  while (to < sentenceEnd && isLetterOrDigit(text.charCodeAt(to))) to++;
  // The date words themselves ("next", "prochain") are handled by the spec, not here.
  const window = text.slice(from, start) + ' '.repeat(end - start) + text.slice(end, to);
  const at = start - from;
  const atEnd = at + (end - start);
  const latin = isLatinWindow(window);
  const markers = latin ? LATIN : TENSE_PATTERNS;
  const future = language === 'fr' ? nearest(markers.FUTURE_FR, window, at, atEnd, NOT_FUTURE_FR) : nearest(markers.FUTURE_EN, window, at, atEnd);
  const past = language === 'fr' ? nearest(markers.PAST_FR, window, at, atEnd) : nearest(markers.PAST_EN, window, at, atEnd);
  const participle = latin ? LATIN_PARTICIPLE_BEFORE_FR : PARTICIPLE_BEFORE_FR;
  if (language === 'fr' && participle.test(window.slice(Math.max(0, at - 30), at))) past.before = Math.min(past.before, 1);
  if (future.before !== Infinity || past.before !== Infinity) return future.before < past.before ? 'future' : 'past';
  if (future.after !== Infinity || past.after !== Infinity) return future.after < past.after ? 'future' : 'past';
  return 'none';
}
