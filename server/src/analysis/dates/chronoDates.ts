/**
 * Explicit calendar dates through chrono-node: "Sept. 5, 2014", "Friday, November 19, 2010",
 * "22 mars 2017", "ce mercredi 3 juin 2020", "1er octobre", "2014-09-16", "15/09/2014". chrono runs
 * only on small windows around a month name next to a number or a numeric date (the pre-filter in
 * `candidates.ts`), with its strict configuration minus every parser that reads times of day or
 * durations, so a date followed by "14:55 IST" or "à 14h" is cut back to the date. Relative words,
 * weekdays alone and years alone are left to the rule tables, which follow the guidelines more
 * closely than chrono's casual parsers. chrono only contributes calendar numbers here: values are
 * computed later from the reference date, never from chrono's forward-looking defaults.
 */
import * as chrono from 'chrono-node';
import type { Language } from '../types';
import { isFullMonthName, monthOf } from './lexicon';

const isAbbreviation = (word: string) => monthOf(word) > 0 && !isFullMonthName(word);
import type { DateCandidate, DateSpec } from './spec';

type ChronoInstance = chrono.Chrono;

// Any parse needs a reference instant; a fixed one keeps results deterministic. Only the
// components the text states are used, so its value never reaches an output.
const FIXED_REFERENCE = new Date(2000, 0, 1, 12);

// Texts that only time-of-day, duration or casual parsers understand: a parser that finds
// anything in them is dropped from the configuration.
const TIME_PROBES = ['at 5 p.m.', '14:55', 'in three weeks', '3 days ago', 'à 14h30', 'il y a 3 jours', 'dans trois semaines', 'Monday', 'lundi', 'tonight', 'ce soir', 'now', 'noon', 'midi'];

type Configuration = NonNullable<ConstructorParameters<typeof chrono.Chrono>[0]>;

// All probes in one text, one per paragraph, so each parser is tried once rather than once per
// probe (the first analysis of a server paid ~70 ms for the separate parses; the kept parsers are the same).
const PROBE_TEXT = TIME_PROBES.join('\n.\n');

/** The configuration chrono-node gives for `language`, before dropping its time parsers. */
export function strictConfiguration(language: Language): Configuration {
  return language === 'fr' ? chrono.fr.createConfiguration(true, true) : chrono.en.configuration.createConfiguration(true, false);
}

/** Indexes of the parsers of `configuration` that find anything in the time probes. */
export function probeTimeParsers(configuration: Configuration): number[] {
  const found: number[] = [];
  configuration.parsers.forEach((parser, i) => {
    if (new chrono.Chrono({ parsers: [parser], refiners: [] }).parse(PROBE_TEXT, FIXED_REFERENCE).length > 0) found.push(i);
  });
  return found;
}

/**
 * What `probeTimeParsers` finds in chrono-node 2.10's configurations, with their parser counts (en:
 * time-unit within, weekday, time expression, time-unit ago; fr: time expression, specific time,
 * time-unit ago, time-unit within, weekday). Probing at run time compiled the dropped parsers'
 * large patterns (~25 ms) before the server's first answer; a unit test re-runs the probe so a
 * chrono upgrade that changes the list fails there, and other parser counts fall back to probing.
 */
export const TIME_PARSERS: Record<Language, { count: number; indexes: number[] }> = {
  en: { count: 12, indexes: [3, 6, 8, 9] },
  fr: { count: 8, indexes: [3, 4, 5, 6, 7] },
};

type Parser = Configuration['parsers'][number];

/** A pattern that never matches: what a gated parser hands chrono for a text without its words. */
const NEVER = /(?!)/;

/**
 * chrono's strict English "3 days later" parser (kept: the time probes find nothing) has one of the
 * largest patterns, which cannot match a text without one of its closing words. Compiling it cost
 * the server's first analysis ~4 ms though dates almost never read so; it now runs only on texts
 * holding one of the words (same flags as the pattern, so the same case folding).
 */
const LATER_PATTERN_END = '\\s{0,5}(later|after|from now)(?=\\W|$)';
const LATER_WORDS = /later|after|from now/i;

/** The parser unchanged, or gated by the words its pattern cannot match without (see LATER_PATTERN_END). */
export function gatedParser(parser: Parser): Parser {
  const innerPattern = (parser as { innerPattern?: () => RegExp }).innerPattern;
  // Only a pattern that does not depend on the parsing context can be read here.
  const inner = typeof innerPattern === 'function' && innerPattern.length === 0 ? innerPattern.call(parser) : undefined;
  if (!inner || inner.flags !== 'i' || !inner.source.endsWith(LATER_PATTERN_END)) return parser;
  return {
    pattern: context => (LATER_WORDS.test(context.text) ? parser.pattern(context) : NEVER),
    extract: (context, match) => parser.extract(context, match),
  };
}

function withoutTimeParsers(configuration: Configuration, language: Language): ChronoInstance {
  const known = TIME_PARSERS[language];
  const drop = new Set(configuration.parsers.length === known.count ? known.indexes : probeTimeParsers(configuration));
  const parsers = configuration.parsers.filter((_, i) => !drop.has(i)).map(gatedParser);
  return new chrono.Chrono({ parsers, refiners: configuration.refiners });
}

const instances: Partial<Record<Language, ChronoInstance>> = {};

/** The chrono instance for `language`, built on first use. */
function chronoFor(language: Language): ChronoInstance {
  let instance = instances[language];
  if (!instance) instances[language] = instance = withoutTimeParsers(strictConfiguration(language), language);
  return instance;
}

// Where a chrono match that ran on into a time or a range should be cut back.
const TAIL = /(?:\s*,)?\s+(?:at|à|a|vers|from|de|to|au|until|jusqu|through|and|et)\s|,?\s+\d{1,2}(?::\d\d|[h.]\d*|\s*[ap]\.?m)|\s*[-–—/]\s*\d|\s+\(|(?=T\d\d:)/giu;

/**
 * The result's components as a spec, or null when it is not a day or a month of a year. A range
 * ("10 au 12 mai", "March 3-5") takes its start, borrowing the month and year its end states.
 */
function specOf(result: chrono.ParsedResult): DateSpec | null {
  const c = result.start;
  const e = result.end;
  if (!c.isCertain('month') && !(e && e.isCertain('month') && c.isCertain('day'))) return null;
  const month = c.get('month')!;
  const year = c.isCertain('year') ? c.get('year')! : e && e.isCertain('year') && c.get('year') === e.get('year') ? e.get('year')! : undefined;
  if (c.isCertain('day')) return { kind: 'day', year, month, day: c.get('day')! };
  if (year !== undefined) return { kind: 'month', year, month };
  return null;
}

/** The two halves of a range whose ends both state a month, as offsets into the result's text; else null. */
function splitRange(instance: ChronoInstance, result: chrono.ParsedResult): Array<{ start: number; end: number }> | null {
  if (!result.end || !result.start.isCertain('month') || !result.end.isCertain('month') || result.start.isCertain('hour')) return null;
  const connector = /\s*(?:[-–—]|\bto\b|\buntil\b|\bthrough\b|\bau\b|\bjusqu['’]au\b)\s*/iu.exec(result.text);
  if (!connector || connector.index === 0) return null;
  const second = connector.index + connector[0].length;
  // Both halves must parse on their own, or it was not a two-month range after all.
  if (!instance.parse(result.text.slice(0, connector.index), FIXED_REFERENCE).length) return null;
  if (!instance.parse(result.text.slice(second), FIXED_REFERENCE).length) return null;
  return [{ start: 0, end: connector.index }, { start: second, end: result.text.length }];
}

/** English month names are capitalized; "may 5" is a verb and a number. */
function monthWordOk(text: string, language: Language): boolean {
  const words = text.match(/\p{L}+\.?/gu) ?? [];
  const month = words.find(w => monthOf(w) > 0);
  if (!month) return true; // numeric date
  return language === 'fr' || /^\p{Lu}/u.test(month);
}

/** Parses `text` (the window) and returns the date part of each result, in window offsets. */
function parseWindow(instance: ChronoInstance, text: string, language: Language): DateCandidate[] {
  const out: DateCandidate[] = [];
  for (const result of instance.parse(text, FIXED_REFERENCE)) {
    // "Aug. 26 to Oct. 20": both ends name their month, so they are two dates; "10 au 12 mai"
    // shares one month and stays one range.
    const split = splitRange(instance, result);
    if (split) {
      for (const part of split) {
        const offset = result.index + part.start;
        for (const c of parseWindow(instance, result.text.slice(part.start, part.end), language)) out.push({ ...c, start: c.start + offset, end: c.end + offset });
      }
      continue;
    }
    let { index } = result;
    let matched = result.text;
    let spec = specOf(result);
    if (result.start.isCertain('hour') || result.end?.isCertain('hour')) {
      // Cut at the first place a time or range starts, and re-parse the part before it.
      spec = null;
      TAIL.lastIndex = 1;
      for (let m = TAIL.exec(matched); m && !spec; m = TAIL.exec(matched)) {
        const prefix = matched.slice(0, m.index);
        const again = instance.parse(prefix, FIXED_REFERENCE).find(r => r.index === 0 && !r.end && !r.start.isCertain('hour'));
        if (again) {
          spec = specOf(again);
          matched = again.text;
        }
      }
    }
    if (!spec) continue;
    const trimmed = matched.replace(/[\s,.]+$/u, m => (m === '.' && isAbbreviation(/\p{L}+$/u.exec(matched.slice(0, -1))?.[0] ?? '') ? m : ''));
    // Spans never start with a preposition or the French article before a day ("on 5 September", "le 25 mai").
    const lead = /^(?:\s|(?:on|in|at|by|from|since|until|between|le|les|du|au|dès|des|depuis|entre|en|à)\s+)*/iu.exec(trimmed)![0].length;
    index += lead;
    matched = trimmed.slice(lead).trim();
    if (!matched || !monthWordOk(matched, language)) continue;
    // "9/11", "3/4": a numeric day without a year is as likely a fraction, a score or an event name.
    if (!/\p{L}/u.test(matched) && spec.kind === 'day' && spec.year === undefined) continue;
    out.push({ start: index, end: index + matched.length, spec, priority: 0 });
  }
  return out;
}

// The reference finder and the recognizer parse the same windows of the same text one after the
// other: the last text's results are kept (a memo, so results never depend on it).
let memoText: string | null = null;
const memo = new Map<string, DateCandidate[]>();

/** Drop the memo, so a worker does not keep the last article's text alive between analyses. */
export function forgetChronoMemo(): void {
  memoText = null;
  memo.clear();
}

/** Explicit dates found by chrono in `text[from, to)` read as `language`, in text offsets. */
export function chronoDates(text: string, from: number, to: number, language: Language): DateCandidate[] {
  if (memoText !== text) {
    memoText = text;
    memo.clear();
  }
  const key = `${language}:${from}:${to}`;
  let found = memo.get(key);
  if (!found) {
    found = parseWindow(chronoFor(language), text.slice(from, to), language).map(c => ({ ...c, start: c.start + from, end: c.end + from }));
    memo.set(key, found);
  }
  // Callers adjust spans and specs in place: hand out copies.
  return found.map(c => ({ ...c }));
}
