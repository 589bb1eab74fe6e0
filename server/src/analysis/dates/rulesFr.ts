/**
 * French date expressions that chrono-node misses or spans differently from the guidelines:
 * weekdays with "ce", "dernier", "prochain", "soir" ("ce mercredi", "vendredi soir"), relative days
 * ("hier", "aujourd'hui", "ce soir", "avant-hier"), weeks ("cette semaine", "la semaine
 * prochaine", "le week-end dernier"), months and years relative to the article ("le mois dernier",
 * "mars dernier", "l'an dernier", "l'année prochaine", "début juillet", "fin mars"), seasons
 * ("cet été", "l'hiver dernier"), "dans trois semaines" (span "trois semaines"), "il y a deux ans",
 * and bare years ("en 2016" → "2016"). Spans keep their articles where French needs them ("la
 * semaine prochaine", "l'an dernier") but not the article before a day number ("le 25 mai" → "25 mai").
 */
import { monthNamesSource, monthOf, NUMBER_WORDS, numberOf, NUMBER_WORDS_SOURCE, seasonOf, weekdayNamesSource, weekdayOf, YEAR_SOURCE } from './lexicon';
import { afterName, isPlausibleYear, monthHasCue } from './filters';
import { atSentenceStart, compiledOnce, directionOf, wordsBefore, type DateRule } from './rules';
import { COUNT_DIGITS, YEAR_DIGITS } from './ruleScan';
import type { DateSpec } from './spec';
import { holidayKey } from './holidays';

const W = weekdayNamesSource('fr');
const M = monthNamesSource('fr');
const Y = YEAR_SOURCE;
const N = NUMBER_WORDS_SOURCE;
// JavaScript's \b only knows ASCII letters; French needs Unicode word edges.
const B0 = '(?<![\\p{L}\\p{N}_])';
const B1 = '(?![\\p{L}\\p{N}_])';
const APOS = "['’]";
const PART = '(?:matin|après-midi|apres-midi|soir|midi|soirée|matinée)';
// Plural agreement too: "les 12 et 13 avril prochains", "en mai et juin derniers".
const DERNIER = '(?:derniers?|dernières?|dernieres?|passés?|passées?|passees?|prochains?|prochaines?)';

// Each pattern is compiled when its rule is first used (see `compiledOnce`).
const re = (rule: DateRule, source: () => string) => compiledOnce(rule, source, 'giu');

// The words rules start at or need, for the scan of `ruleScan.ts` (each list mirrors a pattern fragment above).
const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const MONTHS = ['janvier', 'février', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'aout', 'septembre', 'octobre', 'novembre', 'décembre', 'decembre'];
const SEASONS = ['printemps', 'été', 'ete', 'automne', 'hiver'];
const MONTH_NEEDS = new RegExp(M, 'i');

function relative(u: string, offset: number): DateSpec | null {
  const w = u.toLowerCase();
  if (/^jours?$/.test(w)) return { kind: 'relativeDay', offset };
  if (/^semaines?$/.test(w)) return { kind: 'relativeWeek', offset };
  if (w === 'mois') return { kind: 'relativeMonth', offset };
  if (/^(?:ans?|années?|annees?)$/.test(w)) return { kind: 'relativeYear', offset };
  return null;
}

/** French rules, tried on paragraphs detected as French. */
export const FR_RULES: DateRule[] = [
  {
    name: 'jour de la semaine',
    starts: ['ce', ...WEEKDAYS], cues: WEEKDAYS,
    needs: /di\b|di\s|dis\b|dimanche/i,
    get pattern() { return re(this, () => `${B0}(?:(ce)\\s+)?(${W})(?:\\s+(${DERNIER}|${PART}))?${B1}`); },
    build(m, text) {
      const word = m[2];
      // A capitalized weekday mid-sentence is a name ("Mardi gras", a title), except at a sentence start.
      const beforeDate = /^[ \t\u00a0]+(?:\d|1er|premier)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 9));
      if (/^\p{Lu}\p{Ll}/u.test(word) && !m[1] && !beforeDate && !atSentenceStart(text, m.index)) return null;
      // A bounded look-ahead: slicing the rest of the text here made long texts quadratic.
      if (/^gras$/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40).trim().split(/\s/)[0] ?? '')) return null;
      return { kind: 'weekday', weekday: weekdayOf(word), direction: m[3] ? directionOf(m[3]) : 'auto' };
    },
  },
  {
    name: 'jour relatif',
    starts: ['aujourd', 'avant', 'après', 'apres', 'hier', 'demain', 'ce', 'cet', 'cette'], cues: ['aujourd', 'hier', 'demain', 'matin', 'soir', 'midi', 'après', 'nuit', 'jour'],
    needs: /aujourd|hier|demain|ce\s|cet\s|cette\s/i,
    get pattern() { return re(this, () => `${B0}(?:aujourd${APOS}hui|avant-hier|après-demain|apres-demain|(?:hier|demain)(?:\\s+${PART})?|ce\\s+(?:matin|soir|midi)|cet\\s+après-midi|cette\\s+nuit|(?<!(?:à|a|jusqu${APOS}à|jusqu${APOS}a)\\s+)ce\\s+jour(?:\\s+(?:même|anniversaire))?(?![-‐]))${B1}`); },
    build(m, text) {
      const s = m[0].toLowerCase();
      // "d'aujourd'hui" in "le monde d'aujourd'hui" still names the day in news copy; "jusqu'à ce soir" too.
      if (/^(?:à|a)$/.test(wordsBefore(text, m.index, 1)[0] ?? '') && s.startsWith('ce ')) return { kind: 'relativeDay', offset: 0 };
      if (s.startsWith('avant-hier')) return { kind: 'relativeDay', offset: -2 };
      if (s.startsWith('apr')) return { kind: 'relativeDay', offset: 2 };
      if (s.startsWith('hier')) return { kind: 'relativeDay', offset: -1 };
      if (s.startsWith('demain')) return { kind: 'relativeDay', offset: 1 };
      return { kind: 'relativeDay', offset: 0 };
    },
  },
  {
    name: 'semaine',
    starts: ['cette', 'la'], cues: ['semaine'],
    needs: /semaine/i,
    get pattern() { return re(this, () => `${B0}(?:cette\\s+semaine|la\\s+semaine\\s+(${DERNIER}))${B1}`); },
    build(m) {
      return { kind: 'relativeWeek', offset: m[1] ? (directionOf(m[1]) === 1 ? 1 : -1) : 0 };
    },
  },
  {
    name: 'week-end',
    starts: ['ce', 'le'], cues: ['week'],
    needs: /week-?end/i,
    get pattern() { return re(this, () => `${B0}(?:ce|le)\\s+week-?end(?:\\s+(${DERNIER}))?${B1}`); },
    build(m) {
      return { kind: 'weekend', direction: m[1] ? directionOf(m[1]) : 'auto' };
    },
  },
  {
    name: 'mois relatif',
    starts: ['le', 'ce'], cues: ['mois'],
    needs: /mois/i,
    get pattern() { return re(this, () => `${B0}(?:le\\s+mois\\s+(${DERNIER})|ce\\s+mois(?:-ci)?)${B1}`); },
    build(m) {
      return { kind: 'relativeMonth', offset: m[1] ? (directionOf(m[1]) === 1 ? 1 : -1) : 0 };
    },
  },
  {
    name: 'année relative',
    starts: ['l', 'cette'], cues: ['an'],
    needs: /\ban|ann[eé]e/i,
    get pattern() { return re(this, () => `${B0}(?:l${APOS}(?:an|année|annee)\\s+(${DERNIER})|cette\\s+année|cette\\s+annee|l${APOS}année\\s+en\\s+cours)${B1}`); },
    build(m) {
      return { kind: 'relativeYear', offset: m[1] ? (directionOf(m[1]) === 1 ? 1 : -1) : 0 };
    },
  },
  {
    name: 'dans N unités',
    starts: [...NUMBER_WORDS, COUNT_DIGITS], cues: ['jour', 'semaine', 'mois', 'an'],
    needs: /dans|d['’]ici/i,
    get pattern() { return re(this, () => `(?<=${B0}(?:dans|d${APOS}ici)\\s+)(${N})\\s+(jours|semaines|mois|ans|années)${B1}`); },
    build(m) {
      const n = numberOf(m[1]);
      return n ? relative(m[2], n) : null;
    },
  },
  {
    name: 'il y a N unités',
    starts: ['il'], cues: ['jour', 'semaine', 'mois', 'an'],
    needs: /il\s+y\s+a/i,
    get pattern() { return re(this, () => `${B0}il\\s+y\\s+a\\s+(${N})\\s+(jours?|semaines?|mois|ans?|années?)${B1}(?!\\s+(?:que|qu${APOS}))`); },
    build(m) {
      const n = numberOf(m[1]);
      return n ? relative(m[2], -n) : null;
    },
  },
  {
    name: 'bord de la période en cours',
    starts: ['la', 'le', 'début', 'debut', 'milieu'], cues: ['an', 'mois', 'semaine'],
    needs: /fin|d[ée]but|milieu/i,
    get pattern() { return re(this, () => `${B0}(?:la\\s+fin|le\\s+d[ée]but|le\\s+milieu|(?<=${B0}au\\s+)(?:d[ée]but|milieu))\\s+(de\\s+l${APOS}année|de\\s+l${APOS}annee|du\\s+mois|de\\s+la\\s+semaine)(?:\\s+(${DERNIER}))?${B1}`); },
    build(m) {
      const u = m[1].toLowerCase();
      const offset = m[2] ? (directionOf(m[2]) === 1 ? 1 : -1) : 0;
      return u.includes('semaine') ? { kind: 'relativeWeek', offset } : u.includes('mois') ? { kind: 'relativeMonth', offset } : { kind: 'relativeYear', offset };
    },
  },
  {
    name: 'fête',
    starts: ['jour', 'saint', 'toussaint', 'lundi', 'pentecôte', 'noël', 'pâques', 'ascension'], cues: ['an', 'sylvestre', 'toussaint', 'valentin', 'pâques', 'pentecôte', 'noël', 'ascension'],
    needs: /No[eë]l|jour de l|Sylvestre|Toussaint|Valentin|P[âa]ques|Pentec[ôo]te|Ascension/,
    strictNeeds: true,
    get pattern() { return re(this, () => `${B0}(jour\\s+de\\s+l${APOS}An|Saint-Sylvestre|Toussaint|Saint-Valentin|lundi\\s+de\\s+(?:Pâques|Pentecôte)|Pentecôte|Noël|Pâques|Ascension)(?:\\s+(${Y}|${DERNIER}))?${B1}`); },
    build(m, text) {
      const name = m[1];
      if (!/\p{Lu}/u.test(name)) return null;
      const key = holidayKey(name);
      if (!key) return null;
      // "le Père Noël", "l'arbre de Noël", "les marchés de Noël": an attribute, not the day.
      const previous = wordsBefore(text, m.index, 1)[0] ?? '';
      if (/^(?:de|père|d['’]|du)$/.test(previous)) return null;
      const tail = m[2];
      const year = tail && /^\d/.test(tail) ? +tail : undefined;
      return { kind: 'holiday', key, year, direction: tail && !year ? directionOf(tail) : 'auto' };
    },
  },
  {
    name: 'saison',
    gluedStarts: true,
    starts: ['ce', 'la', 'le', 'début', 'debut', 'milieu', 'l', ...SEASONS], cues: [...SEASONS, 'ce'],
    needs: /printemps|[eé]t[eé]|automne|hiver/i,
    get pattern() { return re(this, () => `${B0}(?:(cet|ce|(?:la\\s+fin|le\\s+d[ée]but|le\\s+milieu|(?<=${B0}au\\s+)(?:d[ée]but|milieu))\\s+(?:de\\s+l${APOS}|du\\s+)|l${APOS})\\s*)?(printemps|été|ete|automne|hiver)(?:\\s+(${Y}|${DERNIER}))?${B1}`); },
    build(m) {
      const q = m[1]?.toLowerCase();
      const tail = m[3];
      const year = tail && /^\d/.test(tail) ? +tail : undefined;
      const edge = q !== undefined && /(?:fin|but|milieu)/.test(q);
      if (!year && !tail && q !== 'cet' && q !== 'ce' && !edge) return null;
      if (q && /^l['’]$/.test(q) && !tail) return null;
      if (/^ete$/i.test(m[2])) return null;
      return { kind: 'season', season: seasonOf(m[2])!, year, direction: tail && !year ? directionOf(tail) : 'auto' };
    },
  },
  {
    name: 'mois',
    starts: ['début', 'debut', 'milieu', 'courant', 'la', 'fin', 'mi', ...MONTHS], cues: MONTHS,
    needs: MONTH_NEEDS,
    get pattern() { return re(this, () => `${B0}(?:(?:(?:début|debut|milieu|courant)\\s+(?:du\\s+mois\\s+de\\s+)?|(?:la\\s+)?fin\\s+(?:du\\s+mois\\s+de\\s+)?|mi-))?(${M})(?:\\s+(${Y}|${DERNIER}))?${B1}`); },
    build(m, text) {
      const word = m[1];
      const at = m.index + m[0].indexOf(word);
      const before = text.slice(Math.max(0, at - 12), at);
      // "25 mai", "1er mai": a day, parsed by chrono-node.
      if (/(?:\d|1er|premier)[ \t\u00a0]*$/i.test(before)) return null;
      const tail = m[2];
      const year = tail && /^\d/.test(tail) ? +tail : undefined;
      // "Mars" mid-sentence without a year is the planet (or a brand).
      if (/^\p{Lu}/u.test(word) && !year && !atSentenceStart(text, at)) return null;
      // Lower-case month names other than "mars" are unambiguous in French ("janvier a été froid").
      const unambiguous = /^\p{Ll}/u.test(word) && !/^mars$/i.test(word);
      if (!tail && at === m.index && !unambiguous && !monthHasCue(text, at)) return null;
      return { kind: 'month', month: monthOf(word), year, direction: tail && !year ? directionOf(tail) : undefined };
    },
  },
  {
    name: 'année',
    starts: ['début', 'debut', 'fin', 'mi', 'courant', 'l', 'exercice', 'saison', YEAR_DIGITS], cues: [YEAR_DIGITS],
    needs: /(?:1[89]|20)\d\d/,
    get pattern() { return re(this, () => `(?:(?<=(?<![\\p{N}])(?:1[89]|20)\\d\\d[-–])|(?<![\\p{L}\\p{N}$€£#.,/:@_–-]))(?:(?:(?:début|debut|fin|mi|courant)[- ]|l${APOS}(?:an|année)\\s+|(?:exercice|saison)\\s+)\\s*)?(${Y})(?![\\p{L}\\p{N}%/:@_]|[.,]\\d|[-‐]\\d\\d(?!\\d))`); },
    build(m, text) {
      const yearAt = m.index + m[0].length - 4;
      if (!isPlausibleYear(text, yearAt, yearAt + 4)) return null;
      return { kind: 'year', year: +m[1], named: m[0].length === 4 && afterName(text, yearAt) };
    },
  },
];
