/**
 * English date expressions that chrono-node misses or spans differently from the guidelines:
 * weekdays with their modifiers ("later Friday", "Wednesday afternoon"), relative days ("last
 * night", "this morning"), weeks ("later this week", "the middle of last week", "the weekend"),
 * months and years relative to the article ("last month", "last July", "early August"), seasons,
 * "in three weeks" (span "three weeks"), "two years ago", and bare years ("2014", "fiscal 2011",
 * "RIMPAC 2016"). Spans never start with a preposition; modifiers are kept.
 */
import { monthNamesSource, monthOf, NUMBER_WORDS, numberOf, NUMBER_WORDS_SOURCE, seasonOf, weekdayNamesSource, weekdayOf, YEAR_SOURCE } from './lexicon';
import { afterName, hasDateCapitalization, isPlausibleYear, monthHasCue, weekdayInName } from './filters';
import { atSentenceStart, compiledOnce, directionOf, wordsBefore, type DateRule } from './rules';
import { COUNT_DIGITS, YEAR_DIGITS } from './ruleScan';
import type { DateSpec } from './spec';
import { holidayKey } from './holidays';

const W = weekdayNamesSource('en');
const M = monthNamesSource('en');
const Y = YEAR_SOURCE;
const N = NUMBER_WORDS_SOURCE;
const PART = '(?:morning|afternoon|evening|night)';
// "the middle of", "the end of", "early", "late": kept in the span, they do not change the value.
const OF = '(?:(?:the\\s+)?(?:middle|end|beginning|start|close)\\s+of\\s+)';
const EDGE = '(?:early|late|later|earlier|mid)(?:-|(?=\\s))';

// Each pattern is compiled when its rule is first used (see `compiledOnce`).
const re = (rule: DateRule, source: () => string) => compiledOnce(rule, source, 'giu');

// The words rules start at or need, for the scan of `ruleScan.ts` (each list mirrors a pattern fragment above).
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SEASONS = ['spring', 'summer', 'fall', 'autumn', 'winter'];
const MODIFIERS = ['this', 'past', 'last', 'next', 'coming', 'early', 'late', 'later', 'earlier'];
const OF_WORDS = ['the', 'middle', 'end', 'beginning', 'start', 'close'];
const EDGE_WORDS = ['early', 'late', 'later', 'earlier', 'mid'];
const MONTH_NEEDS = new RegExp(M, 'i');

const unit = (word: string) => word.toLowerCase().replace(/s$/, '') as 'day' | 'week' | 'month' | 'year';

function relative(u: 'day' | 'week' | 'month' | 'year', offset: number): DateSpec {
  if (u === 'day') return { kind: 'relativeDay', offset };
  if (u === 'week') return { kind: 'relativeWeek', offset };
  if (u === 'month') return { kind: 'relativeMonth', offset };
  return { kind: 'relativeYear', offset };
}

/**
 * True when a multi-word match is written in title case mid-sentence ("ABC's This Week", "Last
 * Night" as a film): a title, not a date.
 */
function titleCased(text: string, m: RegExpExecArray): boolean {
  const words = m[0].split(/\s+/);
  return words.length > 1 && words.every(w => /^\p{Lu}/u.test(w)) && !atSentenceStart(text, m.index);
}

/** English rules, tried on paragraphs detected as English. */
export const EN_RULES: DateRule[] = [
  {
    name: 'weekday',
    starts: [...MODIFIERS, ...WEEKDAYS], cues: WEEKDAYS,
    needs: /day/i,
    get pattern() { return re(this, () => `\\b(?:(?:(this\\s+coming|this\\s+past|last|next|this|past|coming|early|late|later|earlier)\\s+))?(${W})(?:\\s+${PART})?\\b(?!['’]s\\s+${PART})`); },
    build(m, text) {
      const word = m[2];
      const start = m.index + m[0].indexOf(word, m[1] ? m[1].length : 0);
      if (!hasDateCapitalization(word, 'en')) return null;
      if (weekdayInName(text, start, start + word.length)) return null;
      return { kind: 'weekday', weekday: weekdayOf(word), direction: directionOf(m[1]) };
    },
  },
  {
    name: 'relative day',
    starts: ['earlier', 'later', 'early', 'late', 'today', 'tonight', 'yesterday', 'tomorrow', 'this', 'last', 'the'], cues: ['today', 'tonight', 'yesterday', 'tomorrow', 'morning', 'afternoon', 'evening', 'night'],
    needs: /today|tonight|yesterday|tomorrow|morning|afternoon|evening|night/i,
    get pattern() { return re(this, () => `\\b(?:(?:earlier|later|early|late)\\s+)?(?:today|tonight|yesterday(?:\\s+${PART})?|tomorrow(?:\\s+${PART})?|this\\s+(?:morning|afternoon|evening)|last\\s+night|the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow)\\b(?!['’]s\\b)`); },
    build(m, text) {
      // "USA Today", "Russia Today", "the Today show": capitalized mid-sentence, it is a name.
      if (/^\p{Lu}/u.test(m[0]) && !atSentenceStart(text, m.index) && !/^(?:Earlier|Later|Early|Late|This|Last)\b/.test(m[0])) return null;
      const s = m[0].toLowerCase();
      if (s.includes('before yesterday')) return { kind: 'relativeDay', offset: -2 };
      if (s.includes('after tomorrow')) return { kind: 'relativeDay', offset: 2 };
      if (/yesterday|last night/.test(s)) return { kind: 'relativeDay', offset: -1 };
      if (s.includes('tomorrow')) return { kind: 'relativeDay', offset: 1 };
      return { kind: 'relativeDay', offset: 0 };
    },
  },
  {
    name: "today's",
    starts: ['today', 'yesterday', 'tomorrow'], cues: ['today', 'yesterday', 'tomorrow'],
    needs: /today|yesterday|tomorrow/i,
    get pattern() { return re(this, () => `\\b(?:today|yesterday|tomorrow)(?=['’]s\\b)`); },
    build(m, text) {
      if (/^\p{Lu}/u.test(m[0]) && !atSentenceStart(text, m.index)) return null;
      const s = m[0].toLowerCase();
      return { kind: 'relativeDay', offset: s === 'yesterday' ? -1 : s === 'tomorrow' ? 1 : 0 };
    },
  },
  {
    name: 'week',
    starts: [...OF_WORDS, 'early', 'late', 'later', 'earlier', 'this', 'last', 'next'], cues: ['week'],
    needs: /week/i,
    get pattern() { return re(this, () => `\\b${OF}?(?:(?:early|late|later|earlier)\\s+)?(this\\s+past|this|last|next|the\\s+past|the\\s+last|the\\s+previous)\\s+week\\b(?![-‐])(?!\\s+of\\b)`); },
    build(m, text) {
      if (titleCased(text, m)) return null;
      const q = m[1].toLowerCase().replace(/\s+/g, ' ');
      return { kind: 'relativeWeek', offset: q === 'this' ? 0 : q === 'next' ? 1 : -1 };
    },
  },
  {
    name: 'weekend',
    starts: [...OF_WORDS, 'this', 'last', 'next'], cues: ['week'],
    needs: /week-?end/i,
    get pattern() { return re(this, () => `\\b(?:${OF})?(this\\s+past|this|last|next|the\\s+past|the\\s+coming|the)\\s+week-?end\\b`); },
    build(m, text) {
      if (titleCased(text, m)) return null;
      const q = m[1].toLowerCase().replace(/\s+/g, ' ');
      return { kind: 'weekend', direction: q === 'this' || q === 'the' ? 'auto' : directionOf(q) };
    },
  },
  {
    name: 'in N units',
    starts: ['a', 'the', ...NUMBER_WORDS, COUNT_DIGITS], cues: ['day', 'week', 'month', 'year'],
    needs: /days?\b|weeks?\b|months?\b|years?\b/i,
    get pattern() { return re(this, () => `(?<=\\bin\\s+)(?:(?:a|the)\\s+(?:few|couple\\s+of)\\s+)?(${N})\\s+(days?|weeks?|months?|years?)\\b(?!['’]?\\s*(?:time\\b)?\\s*(?:of|since|after|before|later|earlier|ago|than)\\b)`); },
    build(m, text) {
      // "for the first time in three years" is a duration, not a date.
      const before = wordsBefore(text, m.index, 3).join(' ');
      if (/\b(?:time|first|last|highest|lowest|best|worst|most|least|record)\s+in$/.test(before)) return null;
      if (/few|couple/i.test(m[0])) return null;
      const n = numberOf(m[1]);
      if (!n) return null;
      return relative(unit(m[2]), n);
    },
  },
  {
    name: 'N units ago',
    starts: ['nearly', 'almost', 'about', 'some', 'more', 'less', 'just', 'roughly', ...NUMBER_WORDS, COUNT_DIGITS], cues: ['ago'],
    needs: /\bago\b/i,
    get pattern() { return re(this, () => `\\b(?:(?:nearly|almost|about|some|more\\s+than|less\\s+than|just\\s+over|just\\s+under|roughly)\\s+)?(${N})\\s+(days?|weeks?|months?|years?)\\s+ago\\b`); },
    build(m) {
      const n = numberOf(m[1]);
      if (!n) return null;
      return relative(unit(m[2]), -n);
    },
  },
  {
    name: 'month or year relative',
    starts: [...OF_WORDS, 'early', 'late', 'later', 'earlier', 'this', 'last', 'next'], cues: ['month', 'year'],
    needs: /month|year/i,
    get pattern() { return re(this, () => `\\b${OF}?(?:(?:early|late|later|earlier)\\s+)?(this|last|next|the\\s+previous)\\s+(month|year)\\b(?![-‐])`); },
    build(m, text) {
      if (titleCased(text, m)) return null;
      const q = m[1].toLowerCase();
      const offset = q === 'this' ? 0 : q === 'next' ? 1 : -1;
      return m[2].toLowerCase() === 'month' ? { kind: 'relativeMonth', offset } : { kind: 'relativeYear', offset };
    },
  },
  {
    name: 'edge of the current period',
    starts: ['the'], cues: ['week', 'month', 'year'],
    needs: /\bthe\s+(?:end|beginning|start|middle|close)\s+of\s+the\b/i,
    get pattern() { return re(this, () => `\\bthe\\s+(?:end|beginning|start|middle|close)\\s+of\\s+the\\s+(week|month|year)\\b`); },
    build(m) {
      const u = m[1].toLowerCase();
      return u === 'week' ? { kind: 'relativeWeek', offset: 0 } : u === 'month' ? { kind: 'relativeMonth', offset: 0 } : { kind: 'relativeYear', offset: 0 };
    },
  },
  {
    name: 'current or year-end',
    starts: ['the', 'year'], cues: ['current', 'year'],
    needs: /current|year[-\s'’]/i,
    strictNeeds: true,
    get pattern() { return re(this, () => `\\b(?:the\\s+current\\s+(week|month|year)|(?:the\\s+)?year[-‐]end|year['’]s\\s+end)\\b`); },
    build(m) {
      const u = (m[1] ?? 'year').toLowerCase();
      return u === 'week' ? { kind: 'relativeWeek', offset: 0 } : u === 'month' ? { kind: 'relativeMonth', offset: 0 } : { kind: 'relativeYear', offset: 0 };
    },
  },
  {
    name: 'holiday',
    starts: ['last', 'next', 'this', 'christmas', 'new', 'thanksgiving', 'halloween', 'valentine', 'bastille', 'memorial', 'labor', 'election', 'easter', 'good'], cues: ['christmas', 'year', 'thanksgiving', 'halloween', 'valentine', 'bastille', 'day', 'easter', 'friday'],
    needs: /Christmas|New Year|Thanksgiving|Halloween|Valentine|Bastille|Memorial Day|Labor Day|Election Day|Easter|Good Friday/,
    strictNeeds: true,
    get pattern() { return re(this, () => `\\b(?:(last|next|this)\\s+)?(Christmas(?:\\s+(?:Day|Eve))?|New\\s+Year['’]s\\s+(?:Day|Eve)|Thanksgiving(?:\\s+Day)?|Halloween|Valentine['’]s\\s+Day|Bastille\\s+Day|Memorial\\s+Day|Labor\\s+Day|Election\\s+Day|Easter(?:\\s+(?:Sunday|Monday))?|Good\\s+Friday)\\b(?:\\s+(${Y})\\b)?`); },
    build(m, text) {
      const name = m[2];
      if (!/^\p{Lu}/u.test(name) || !/^\p{Lu}/u.test(name.split(/\s+/).pop()!)) return null;
      const key = holidayKey(name);
      if (!key) return null;
      // A bare "Christmas" or "Easter" is often an attribute ("Christmas tree"): it needs a cue.
      if (!m[1] && !m[3] && /^(?:christmas|easter|thanksgiving)$/.test(key)) {
        const previous = wordsBefore(text, m.index, 1)[0] ?? '';
        if (!/^(?:on|at|before|after|since|by|until|till|over|for|around|during|from|through)$/.test(previous)) return null;
      }
      return { kind: 'holiday', key, year: m[3] ? +m[3] : undefined, direction: directionOf(m[1]) };
    },
  },
  {
    name: 'season',
    gluedStarts: true,
    starts: ['the', 'early', 'late', 'mid', ...OF_WORDS, 'this', 'last', 'next', ...SEASONS], cues: [...SEASONS, 'early', 'late', 'mid'],
    needs: /spring|summer|fall|autumn|winter/i,
    get pattern() { return re(this, () => `\\b(?:(?:the\\s+)?(?:early|late|mid-?)\\s*|${OF})?(?:(this\\s+past|this\\s+coming|this|last|next|the\\s+past|the\\s+coming|the)\\s+)?(spring|summer|fall|autumn|winter)(?:\\s+(?:of\\s+)?(${Y}))?\\b(?!-)`); },
    build(m) {
      const q = m[1]?.toLowerCase();
      const year = m[3] ? +m[3] : undefined;
      const edge = /\bof\s+the\s+\w+$/i.test(m[0]);
      if (!year && (!q || q === 'the') && !edge) return null;
      if (!year && /^(?:fall|spring)$/i.test(m[2]) && !q) return null;
      return { kind: 'season', season: seasonOf(m[2])!, year, direction: directionOf(q) };
    },
  },
  {
    name: 'month',
    starts: [...OF_WORDS, ...EDGE_WORDS, 'last', 'next', 'this', ...MONTHS], cues: MONTHS,
    needs: MONTH_NEEDS,
    get pattern() { return re(this, () => `\\b(?:${OF}|${EDGE}\\s*)?(?:(last|next|this)\\s+)?(${M})\\b(?:,?\\s+(${Y})\\b)?(?![-‐]\\w)`); },
    build(m, text) {
      const word = m[2];
      const at = m.index + m[0].lastIndexOf(word, m[0].length - (m[3] ? m[3].length : 0));
      if (!hasDateCapitalization(word, 'en')) return null;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
      // "March 3" is a day: chrono-node parses it; this rule only takes months standing alone.
      if (!m[3] && /^\s+\d{1,2}(?!\d)/.test(after)) return null;
      const hasModifier = at > m.index;
      const previous = wordsBefore(text, at, 1)[0] ?? '';
      // "the October slaying", "the June issue": a month used as a modifier of a noun.
      const attributive = previous === 'the' && /^\s+\p{Ll}{3,}/u.test(after) && !/^\s+of\b/.test(after);
      // Months that are not also common words or first names stand alone ("January was cold",
      // "October's figures") unless a capitalized word follows (a name, a title).
      const unambiguous = /^(?:january|february|july|september|october|november|december)$/i.test(word) && !/^\s+\p{Lu}/u.test(after);
      if (!m[3] && !hasModifier && !attributive && !unambiguous && !monthHasCue(text, at)) return null;
      // "May" and "March" are also a verb and a noun: unless a strong cue precedes them
      // ("in March for health reasons", "last May to"), "March on", "may to" are not dates.
      const strongCue = /^(?:in|since|until|till|by|during|before|after|from|through|early|late|mid|last|next|this)$/.test(previous);
      if (!m[3] && !hasModifier && !strongCue && /^(?:may|march)$/i.test(word) && /^\s+(?:on|to|through|for|against|of|be|have|not)\b/i.test(after)) return null;
      const month = monthOf(word);
      return { kind: 'month', month, year: m[3] ? +m[3] : undefined, direction: m[1] ? directionOf(m[1]) : undefined };
    },
  },
  {
    name: 'month of a relative year',
    starts: [...EDGE_WORDS, ...MONTHS], cues: ['year'],
    needs: /year/i,
    get pattern() { return re(this, () => `\\b(?:${EDGE}\\s*)?(${M})(?:\\s+of)?\\s+(this|last|next)\\s+year\\b`); },
    build(m) {
      if (!/^\p{Lu}/u.test(m[1])) return null;
      const q = m[2].toLowerCase();
      return { kind: 'month', month: monthOf(m[1]), yearOffset: q === 'this' ? 0 : q === 'next' ? 1 : -1 };
    },
  },
  {
    name: 'year',
    starts: ['fiscal', 'fy', 'the', 'end', 'beginning', 'start', 'middle', 'close', ...SEASONS, 'early', 'late', 'mid', YEAR_DIGITS], cues: [YEAR_DIGITS],
    needs: /(?:1[89]|20)\d\d/,
    get pattern() { return re(this, () => `(?:(?<=(?<![\\p{N}])(?:1[89]|20)\\d\\d[-–])|(?<![\\p{L}\\p{N}$€£#.,/:@_–-]))(?:(?:fiscal|FY|(?:the\\s+)?(?:end|beginning|start|middle|close|summer|spring|fall|autumn|winter)\\s+of|early|late|mid-?)\\s*)?(${Y})(?![\\p{L}\\p{N}%/:@_]|[.,]\\d|[-‐]\\d\\d(?!\\d))`); },
    build(m, text) {
      const yearAt = m.index + m[0].length - 4;
      if (!isPlausibleYear(text, yearAt, yearAt + 4)) return null;
      const season = /^(?:the\s+)?(summer|spring|fall|autumn|winter)\s+of/i.exec(m[0]);
      if (season) return { kind: 'season', season: seasonOf(season[1])!, year: +m[1], direction: 'auto' };
      return { kind: 'year', year: +m[1], named: m[0].length === 4 && afterName(text, yearAt) };
    },
  },
];
