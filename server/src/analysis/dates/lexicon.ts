/**
 * Date vocabulary of English and French: month and weekday names (with the abbreviations news
 * uses), seasons, small number words, and the regular-expression fragments built from them. Every
 * other file of the date recognizer takes its words from here, so adding a spelling is one edit.
 * Lookups are keyed by a folded form (lower case, accents stripped, trailing dot removed).
 */
import type { Language } from '../types';
import type { Season } from './spec';
import { foldAccents } from '../fold';

/** Lower case, accents stripped, trailing dot dropped: the key of every lookup table here. */
export function fold(word: string): string {
  return foldAccents(word).replace(/\.$/, '');
}

const MONTHS: Record<Language, string[][]> = {
  en: [
    ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
    ['july', 'jul'], ['august', 'aug'], ['september', 'sept', 'sep'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec'],
  ],
  fr: [
    ['janvier', 'janv'], ['février', 'fevrier', 'févr', 'fevr', 'fév', 'fev'], ['mars'], ['avril', 'avr'], ['mai'], ['juin'],
    ['juillet', 'juil'], ['août', 'aout'], ['septembre', 'sept'], ['octobre', 'oct'], ['novembre', 'nov'], ['décembre', 'decembre', 'déc', 'dec'],
  ],
};

const WEEKDAYS: Record<Language, string[]> = {
  en: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
};

const SEASONS: Record<string, Season> = {
  spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI',
  printemps: 'SP', ete: 'SU', automne: 'FA', hiver: 'WI',
};

const NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
  couple: 2,
};

const monthIndex = new Map<string, number>();
const fullMonth = new Map<string, number>();
for (const language of ['en', 'fr'] as Language[]) {
  MONTHS[language].forEach((names, i) => {
    for (const name of names) monthIndex.set(fold(name), i + 1);
    fullMonth.set(fold(names[0]), i + 1);
    if (names[0] === 'février') fullMonth.set('fevrier', 2);
    if (names[0] === 'décembre') fullMonth.set('decembre', 12);
    if (names[0] === 'août') fullMonth.set('aout', 8);
  });
}
const weekdayIndex = new Map<string, number>();
for (const language of ['en', 'fr'] as Language[]) WEEKDAYS[language].forEach((name, i) => weekdayIndex.set(name, i + 1));

/** Month number 1–12 of a month name or abbreviation in either language, or 0. */
export function monthOf(word: string): number {
  return monthIndex.get(fold(word)) ?? 0;
}

/** True for a month's full name (abbreviations need digits nearby to count). */
export function isFullMonthName(word: string): boolean {
  return fullMonth.has(fold(word));
}

/** ISO weekday 1–7 of a full weekday name in either language, or 0. */
export function weekdayOf(word: string): number {
  return weekdayIndex.get(fold(word)) ?? 0;
}

/** Season code of a season word, or undefined. */
export function seasonOf(word: string): Season | undefined {
  return SEASONS[fold(word)];
}

const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
};

/** Value of a number written in digits or words ("three", "trois", "seventy-four", "12"), or 0. */
export function numberOf(word: string): number {
  if (/^\d+$/.test(word)) return +word;
  const parts = fold(word).split(/[-\s]+/).filter(p => p !== 'et');
  if (parts.length === 1) return NUMBERS[parts[0]] ?? TENS[parts[0]] ?? 0;
  if (parts.length === 2 && TENS[parts[0]] && NUMBERS[parts[1]]) return TENS[parts[0]] + NUMBERS[parts[1]];
  return 0;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: string[]) => [...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join('|');

/** Regex source matching any full month name of `language`. */
export function monthNamesSource(language: Language): string {
  const names = MONTHS[language].map(n => n[0]);
  if (language === 'fr') names.push('fevrier', 'aout', 'decembre');
  return alternation(names);
}

/** Regex source matching any month name or abbreviation, without the abbreviation's dot. */
export function monthStemsSource(language: Language): string {
  return `(?:${alternation(MONTHS[language].flat())})`;
}

/** Regex source matching a full weekday name of `language`. */
export function weekdayNamesSource(language: Language): string {
  return alternation(WEEKDAYS[language]);
}

/** Regex source matching small number words of both languages and digits up to two places. */
export const NUMBER_WORDS_SOURCE = `(?<![\\p{L}\\p{N}-])(?:\\d{1,3}|(?:${alternation(Object.keys(TENS))})(?:[-\\s](?:et[-\\s])?(?:${alternation(Object.keys(NUMBERS).filter(w => w.length > 2))}))?|${alternation(Object.keys(NUMBERS).filter(w => w.length > 2))}|a|an)`;

/** The number words `NUMBER_WORDS_SOURCE` matches (lower case), for the rules' start words. */
export const NUMBER_WORDS: string[] = [...Object.keys(TENS), ...Object.keys(NUMBERS)];

/** Regex source of a plausible year (1800–2099) standing alone. */
export const YEAR_SOURCE = '(?:1[89]\\d\\d|20\\d\\d)';

/** Every date word of both languages, for the cheap per-paragraph pre-filter. */
export const TRIGGER_WORDS: string[] = [
  ...MONTHS.en.flat(), ...MONTHS.fr.flat(), ...WEEKDAYS.en, ...WEEKDAYS.fr, ...Object.keys(SEASONS), 'été',
  'today', 'tonight', 'yesterday', 'tomorrow', 'week', 'weeks', 'weekend', 'week-end', 'month', 'months', 'year', 'years', 'morning', 'night',
  'aujourd', 'hier', 'demain', 'soir', 'matin', 'semaine', 'semaines', 'mois', 'an', 'ans', 'année', 'années', 'annee', 'jour', 'nuit', 'après-midi',
];
