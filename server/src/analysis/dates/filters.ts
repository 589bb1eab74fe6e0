/**
 * False-positive filters: the checks that tell a date word from the same letters in another role.
 * Four-digit numbers that are quantities ("below 2000", "2014 soldiers"), month names that are
 * verbs, nouns or planets ("may", "the march", "sur Mars"), weekdays inside holiday or title names
 * ("Black Friday", "Sunday Times"), and anything inside a URL or e-mail address. Each filter looks
 * only at the few words around the candidate, so it stays cheap.
 */
import type { Language, Span } from '../types';
import { monthOf } from './lexicon';
import { atSentenceStart, wordAfter, wordsBefore } from './rules';

/** Words before a number that make it a quantity, not a year. */
const QUANTITY_BEFORE = new Set([
  'below', 'above', 'over', 'under', 'than', 'about', 'around', 'nearly', 'almost', 'some', 'approximately', 'roughly', 'least',
  'only', 'just', 'total', 'totaling', 'totalling', 'no.', 'number', 'nos.', '#', 'page', 'pages', 'p.', 'route', 'flight', 'room', 'model',
  'code', 'rank', 'ranked', 'resolution', 'résolution', 'article', 'articles', 'section', 'amendment', 'bill', 'law', 'loi', 'décret', 'decree', 'score', 'scored', 'at', 'to', 'hit', 'reached', 'closed', 'rose', 'fell', 'by', 'of', 'with', 'and',
  'plus', 'moins', 'environ', 'près', 'pres', 'quelque', 'quelques', 'sur', 'n°', 'numéro', 'numero', 'vol', 'chambre', 'page', 'à', 'a',
]);

/**
 * Words before a number that make it a quantity only when the number is followed by a noun
 * ("of 2000 people"), since "of 2014" and "to 2016" are also common with years.
 */
const WEAK_QUANTITY = new Set(['at', 'to', 'by', 'of', 'with', 'and', 'à', 'a', 'hit', 'reached', 'closed', 'rose', 'fell', 'sur']);

/** Weak cues after which a lowercase plural noun makes the number a count ("with 2000 protesters"). */
const COUNT_BEFORE_PLURAL = new Set(['of', 'with', 'by', 'and']);

/** Nouns after a number that make it a quantity. */
const UNIT_AFTER = /^(?:%|percent|per|pour|points?|pts|people|persons?|personnes?|soldiers?|troops?|soldats?|militaires?|km|kilomet(?:er|re)s?|kilom[eè]tres?|miles?|met(?:er|re)s?|m[eè]tres?|feet|foot|pieds?|euros?|dollars?|\$|€|£|hours?|heures?|h|minutes?|secondes?|seconds?|tonnes?|tons?|kg|habitants?|morts?|victimes?|voix|votes?|exemplaires?|employees?|salari[eé]s?|jobs?|emplois?|members?|membres?|cars?|v[eé]hicules?|units?|unités?|calories?|words?|mots?|pages?|times?|fois|cases?|cas|deaths?|dead|killed|wounded|bless[eé]s?|homes?|houses?|maisons?|refugees?|r[eé]fugi[eé]s?|civilians?|civils?|fighters?|combattants?|men|hommes?|women|femmes?|children|enfants?|students?|[eé]l[eè]ves?|signatures?|participants?|visitors?|visiteurs?|spectators?|spectateurs?|strong|more|plus|of)$/i;

/** Time zones after a four-digit number make it a 24-hour time ("1900 GMT"); upper case only, since French "est" is a verb. */
const ZONE_AFTER = /^(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|CET|CEST|BST|IST|HRS|hrs)$/;

/**
 * True when a 4-digit number at `[start, end)` reads as a year. Looks at the two words before and
 * the word after: quantity cues and unit nouns make it a number.
 */
export function isPlausibleYear(text: string, start: number, end: number): boolean {
  const before = wordsBefore(text, start, 2);
  const previous = before[before.length - 1] ?? '';
  const after = wordAfter(text, end);
  const unitAfter = (UNIT_AFTER.test(after) && !/^of$/i.test(after)) || ZONE_AFTER.test(after);
  if (unitAfter) return false;
  if (QUANTITY_BEFORE.has(previous) && !WEAK_QUANTITY.has(previous)) return false;
  if (previous === 'least' || (previous === 'than' && /^(more|less|fewer|plus|moins)$/.test(before[0] ?? ''))) return false;
  // "of 2000 people" is handled by UNIT_AFTER; a weak cue followed by a lowercase plural noun is a count.
  if (COUNT_BEFORE_PLURAL.has(previous) && /^\p{Ll}+s$/u.test(after) && !/^(?:was|is|has|as|its|this|his|hers|us|plus|apr[eè]s|dans|sous|vers|chez|sans|pas|des|les|ses|mes|tes|nos|vos|leurs)$/.test(after)) return false;
  // "1,000" or "2 000" thousands groups, decimals, "2014.5".
  const c1 = text[start - 1] ?? '', c2 = text[start - 2] ?? '';
  if ((c1 === ',' || c1 === '.' || c1 === ' ' || c1 === '\u00a0' || c1 === '\u202f') && /\d/.test(c2) && !/\d{4}/.test(text.slice(Math.max(0, start - 5), start - 1))) {
    // "1 2014"? a thousands group or a decimal part, unless the previous number is itself a year ("2014, 2015").
    if (c1 !== ' ' || /\d{1,3}$/.test(text.slice(Math.max(0, start - 4), start - 1))) return false;
  }
  return true;
}

const HOLIDAY_BEFORE = new Set(['good', 'black', 'super', 'ash', 'easter', 'palm', 'cyber', 'bloody', 'holy', 'maundy', 'shrove', 'fat', 'giving', 'manic', 'vendredi', 'mardi']);

/** True when a weekday word at `[start, end)` is part of a holiday or a title ("Black Friday", "Sunday Times"). */
export function weekdayInName(text: string, start: number, end: number): boolean {
  const previous = wordsBefore(text, start, 1)[0] ?? '';
  if (HOLIDAY_BEFORE.has(previous.replace(/[^\p{L}]/gu, ''))) return /^\p{Lu}/u.test(text.slice(start - previous.length - 1, start).trim());
  const after = wordAfter(text, end);
  // A capitalized non-date word right after the weekday: a title ("the Sunday Times", "Monday Night
  // Football"), unless a preposition makes it a date ("On Tuesday Secretary Kerry met").
  if (/^(?:on|last|next|this|early|late|later|earlier|since|by|until|till|before|after|from|through|every|of|and|or|said|says)$/i.test(previous.replace(/[^\p{L}]/gu, ''))) return false;
  if (/^\p{Lu}/u.test(after) && /^[ \t]/.test(text.slice(end, end + 1)) && !/^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/.test(after)) return true;
  return false;
}

/** Words before a bare month name that make it a date ("in May", "since March", "en mai"). */
const MONTH_CUE_BEFORE = new Set([
  'in', 'since', 'until', 'till', 'by', 'from', 'through', 'during', 'before', 'after', 'to', 'of', 'for', 'between', 'and', 'or', 'early', 'late', 'mid',
  'last', 'next', 'this', 'that', 'each', 'every', 'until', 'throughout', 'around', 'as',
  'en', 'depuis', 'dès', 'des', 'jusqu', "jusqu'en", 'jusqu’en', "d'ici", 'd’ici', 'avant', 'après', 'apres', 'de', 'du', 'mois', 'entre', 'et', 'ou', 'à', 'a',
  'pour', 'fin', 'début', 'debut', 'courant', 'mi', 'dans', 'au', 'vers', 'dernier', 'dernière',
]);

/** True when a bare month name at `start` has a word before it that makes it a date. */
export function monthHasCue(text: string, start: number): boolean {
  const previous = (wordsBefore(text, start, 1)[0] ?? '').replace(/[,;]$/, '');
  return MONTH_CUE_BEFORE.has(previous) || /^(?:jusqu|d)['’](?:en|ici)?$/.test(previous);
}

/** Spans of URLs, e-mail addresses and file paths in `text[from, to)`: nothing inside them is a date. */
export function urlSpans(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  const slice0 = text.slice(from, to);
  if (slice0.indexOf('/') < 0 && slice0.indexOf('@') < 0 && !/www\./i.test(slice0)) return spans;
  const re = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\b(?=[\w.-]*[A-Za-z])[\w.-]+\/[^\s/]*\/\S*/g;
  const slice = slice0;
  for (let m = re.exec(slice); m; m = re.exec(slice)) spans.push({ start: from + m.index, end: from + m.index + m[0].length });
  return spans;
}

/** True when `span` is capitalized as a proper date word must be in `language` (English months and weekdays). */
export function hasDateCapitalization(word: string, language: Language): boolean {
  return language === 'fr' || /^\p{Lu}/u.test(word);
}

/** Capitalized words before a year that are date cues, not names ("In 2014", "Depuis 2011"). */
const CAPITALIZED_CUES = /^(?:in|since|by|until|from|before|after|during|through|of|for|and|or|early|late|mid|the|en|depuis|dès|des|de|du|avant|après|apres|fin|début|debut|jusqu|et|ou|au|pour|à|a|le|la|l|année|an)$/i;

/**
 * True when the year at `start` follows a capitalized name on the same line ("RIMPAC 2016",
 * "Mirage 2000"), not a sentence start, a cue word or a month.
 */
export function afterName(text: string, start: number): boolean {
  const m = /([\p{L}][\p{L}\p{N}'’.-]*)[ \u00a0]$/u.exec(text.slice(Math.max(0, start - 30), start));
  if (!m || !/^\p{Lu}/u.test(m[1])) return false;
  const word = m[1].replace(/[.'’]+$/, '');
  if (CAPITALIZED_CUES.test(word) || monthOf(word) > 0) return false;
  return !atSentenceStart(text, start - m[0].length);
}
