/**
 * The small engine behind the per-language rule tables (`rulesEn.ts`, `rulesFr.ts`): a rule is a
 * regular expression whose whole match is the date span (context the span must not include is
 * written as look-behind or look-ahead) and a function that turns the match into a `DateSpec`, or
 * rejects it. Rules cover what chrono-node does not: weekdays with modifiers, relative days, weeks,
 * months and years, seasons, bare years and month names, "in three weeks".
 */
import type { Direction, DateCandidate, DateSpec } from './spec';
import { scanRules } from './ruleScan';

/** One pattern of a rule table. */
export interface DateRule {
  /** For debugging and tests. */
  name: string;
  /** Global, unicode; the whole match is the span. Tables compile it at first use (`compiledOnce`). */
  readonly pattern: RegExp;
  /**
   * A cheap test the paragraph must pass before `pattern` runs (a literal word the pattern cannot
   * match without): most paragraphs fail it, which keeps throughput up.
   */
  needs?: RegExp;
  /**
   * True when `needs` also rejects texts the pattern matches in (a case or a spacing it insists
   * on): the scan of `ruleScan.ts` then asks it too; otherwise the scan's cue words stand in for it.
   */
  strictNeeds?: boolean;
  /**
   * The words (lower case) a match can begin with, or `YEAR_DIGITS` / `COUNT_DIGITS` (`ruleScan.ts`):
   * the pattern is only tried where one of them follows a character that is not a letter and is
   * followed by one that is not an ASCII letter (see `gluedStarts`). Letters only.
   */
  starts: string[];
  /** True when a start word may run straight into the next word ("earlyspring", "cetété"): then it may also be the beginning of a longer word. */
  gluedStarts?: boolean;
  /** Words of which every match holds one (or a longer word it begins), after a character that is not a letter. */
  cues: string[];
  /**
   * The meaning of a match, or null to reject it. `text` is the whole analysed text and `m.index`
   * is an offset into it, so rules can look at context beyond the paragraph slice.
   */
  build(m: RegExpExecArray, text: string): DateSpec | null;
}

const compiled = new WeakMap<DateRule, RegExp>();

/**
 * The pattern of `rule`, compiled from `source` at the first use and the same object ever after
 * (callers keep its `lastIndex` and key caches by it). A rule table is mostly never tried on an
 * article: compiling every pattern when the tables load cost each server start ~2.5 ms, most of it
 * for the French table.
 */
export function compiledOnce(rule: DateRule, source: () => string, flags: string): RegExp {
  let pattern = compiled.get(rule);
  if (!pattern) compiled.set(rule, (pattern = new RegExp(source(), flags)));
  return pattern;
}

/** Anything in a pattern's source whose meaning the `u` flag changes: property classes, code point escapes, classes that may take half a surrogate pair. */
const UNICODE_SYNTAX = /\\[pPSWDB\\]|\\u\{|\[\^|(?<!\\)\./;

const plainTwins = new WeakMap<RegExp, RegExp | null>();

/**
 * `pattern` without the `u` flag, when it is written in ASCII (and a few punctuation marks) with
 * nothing whose meaning that flag changes; else null. V8 runs such a pattern several times faster
 * without it, and on a text free of the two characters Unicode case folding matches with ASCII
 * letters (and counts as word characters for `\b`), the long s "ſ" and the Kelvin sign, the
 * matches are the same.
 */
export function plainTwin(pattern: RegExp): RegExp | null {
  let twin = plainTwins.get(pattern);
  if (twin === undefined) {
    const plain = pattern.unicode && /^[\x20-\x7e’‐]*$/.test(pattern.source) && !UNICODE_SYNTAX.test(pattern.source);
    twin = plain ? new RegExp(pattern.source, pattern.flags.replace('u', '')) : null;
    plainTwins.set(pattern, twin);
  }
  return twin;
}

/** Runs every rule over `text[from, to)` and returns the accepted candidates (unsorted, may overlap). */
export function applyRules(rules: DateRule[], text: string, from: number, to: number): DateCandidate[] {
  const slice = text.slice(from, to);
  const out: DateCandidate[] = [];
  const accept = (rule: DateRule, m: RegExpExecArray) => {
    // Rules see absolute offsets: shift the match before building.
    m.index += from;
    const spec = rule.build(m, text);
    if (spec) out.push({ start: m.index, end: m.index + m[0].length, spec, priority: 1 });
  };
  if (foldsToAscii(slice)) {
    for (const rule of rules) if (!rule.needs || rule.needs.test(slice)) for (const m of scanRule(rule.pattern, slice)) accept(rule, m);
  } else {
    scanRules(rules, slice, plainTwin, rule => !rule.strictNeeds || !rule.needs || rule.needs.test(slice), (i, m) => accept(rules[i], m));
  }
  return out;
}

/** True when `slice` holds "ſ" or the Kelvin sign, which the u flag's case folding matches with ASCII letters. */
function foldsToAscii(slice: string): boolean {
  return slice.indexOf('\u017f') >= 0 || slice.indexOf('\u212a') >= 0;
}

/** Every match of `pattern` (global) over `slice`, by searching the whole of it: the reference for `scanRules`. */
export function scanRule(pattern: RegExp, slice: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    matches.push(m);
  }
  return matches;
}

/** Direction of a modifier word ("last", "dernier" → -1; "next", "prochain" → +1; others auto). */
export function directionOf(word: string | undefined): Direction {
  if (!word) return 'auto';
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (/^(last|past|the past|this past|previous|the previous|derniers?|derni[eè]res?|pass[eé]e?s?)$/.test(w)) return -1;
  if (/^(next|coming|the coming|this coming|prochaine?s?)$/.test(w)) return 1;
  return 'auto';
}

/** The most words any rule or filter asks `wordsBefore` for. */
export const MAX_WORDS_BEFORE = 3;

/** The `n` words before `index` (lower case, nearest last), within the same line. */
export function wordsBefore(text: string, index: number, n = MAX_WORDS_BEFORE): string[] {
  return text.slice(wordsBeforeStart(text, index, n), index).toLowerCase().split(/[\s\u00a0]+/).filter(Boolean).slice(-n);
}

/**
 * Where `wordsBefore(text, index, n)` starts reading: back over `n` words and the space before
 * them, stopping at a line feed or carriage return (not at U+2028, which `\s` matches).
 */
export function wordsBeforeStart(text: string, index: number, n = MAX_WORDS_BEFORE): number {
  let start = index;
  let count = 0;
  while (start > 0 && count <= n) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || c === 13) break;
    start--;
    if (isWhiteSpace(c) && start > 0 && !isWhiteSpace(text.charCodeAt(start - 1))) count++;
  }
  return start;
}

/** True for the UTF-16 units `\s` matches, without a regular expression per character. */
export function isWhiteSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** True when the UTF-16 unit `code` is a letter or a digit (`[\p{L}\p{N}]`); ASCII without a regular expression. */
export function isLetterOrDigit(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  return LETTER_OR_DIGIT.test(String.fromCharCode(code));
}

/** The word right after `index` (skipping spaces), as written. */
export function wordAfter(text: string, index: number): string {
  const m = /^[ \t\u00a0]*([\p{L}\p{N}%$€£'’-]+)/u.exec(text.slice(index, index + 40));
  return m ? m[1] : '';
}

/** True when the character at `index` begins a sentence (start of line or after `.!?:` and a space). */
export function atSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00a0' || text[i] === '«' || text[i] === '“' || text[i] === '"' || text[i] === '(')) i--;
  return i < 0 || /[\n\r.!?:—–-]/.test(text[i]);
}
