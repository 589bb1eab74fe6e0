/**
 * The cheap pre-filter that keeps date recognition fast: one regular expression per language
 * finds the trigger words and digit patterns a date expression cannot do without, so paragraphs
 * with none are skipped outright, and chrono-node only ever sees short windows around a month
 * name next to a number or a numeric date ("Sept. 5", "22 mars", "15/09/2014", "2014-09-16").
 */
import type { Language, Span } from '../types';
import { monthStemsSource, TRIGGER_WORDS } from './lexicon';
import { isLetterOrDigit } from './rules';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Any date word (or "été", which starts with a non-ASCII letter, so has no ASCII word edge) and
// any number that could be a year or a numeric date: two tests, words first, are faster than one
// regular expression holding both. ASCII word edges and no Unicode mode: eight times faster than
// Unicode look-arounds, and an extra hit only costs the rules' own gates.
const TRIGGER_WORD = new RegExp(`\\b(?:${[...new Set(TRIGGER_WORDS)].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b|été`, 'i');
const TRIGGER_NUMBER = /(?:1[89]|20)\d\d|\d[/.-]\d{1,2}[/.-]\d/;

/** True when `text[from, to)` may hold a date expression. */
export function mayHoldDate(text: string, from: number, to: number): boolean {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  return TRIGGER_WORD.test(slice) || TRIGGER_NUMBER.test(slice);
}

const NUMERIC = '\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{2,4}(?!\\d)';
// ASCII word edges for the same speed reason; a false anchor only costs one chrono call.
const ANCHOR: Record<Language, RegExp> = {
  en: new RegExp(`\\b${monthStemsSource('en')}\\b\\.?\\s*\\d|\\d(?:st|nd|rd|th)?\\s+(?:of\\s+)?${monthStemsSource('en')}\\b|(?<![\\d/.-])${NUMERIC}`, 'gi'),
  fr: new RegExp(`(?:\\d|1er|premier)\\s+${monthStemsSource('fr')}(?![a-zà-ÿ])|(?<![\\d/.-])${NUMERIC}`, 'gi'),
};

/** What every anchor holds: a digit, or for French "premier". */
const ANCHOR_NEEDS: Record<Language, RegExp> = { en: /\d/, fr: /\d|premier/i };

/** How far around an anchor chrono gets to look: room for "Friday, " before and ", 2014" after. */
const BEFORE = 28;
const AFTER = 24;
/** Longest merged window; a new, overlapping one starts beyond it (duplicates are merged later). */
const MAX_WINDOW = 600;

/**
 * Windows of `text[from, to)` worth handing to chrono for `language`: each anchor widened by a few
 * words on both sides, clipped to the paragraph, overlapping windows merged.
 */
export function chronoWindows(text: string, from: number, to: number, language: Language): Span[] {
  const windows: Span[] = [];
  const slice = text.slice(from, to);
  // Most paragraphs hold no digit, and so no anchor: a quick test spares the long pattern.
  if (!ANCHOR_NEEDS[language].test(slice)) return windows;
  const anchor = ANCHOR[language];
  anchor.lastIndex = 0;
  for (let m = anchor.exec(slice); m; m = anchor.exec(slice)) {
    let start = Math.max(0, m.index - BEFORE);
    let end = Math.min(slice.length, m.index + m[0].length + AFTER);
    // Never cut a word in two: chrono checks word boundaries.
    while (start > 0 && isLetterOrDigit(slice.charCodeAt(start - 1))) start--;
    while (end < slice.length && isLetterOrDigit(slice.charCodeAt(end))) end++;
    const last = windows[windows.length - 1];
    // Merge overlapping windows, but keep each short: chrono's cost grows faster than the text.
    if (last && start + from <= last.end && end + from - last.start <= MAX_WINDOW) last.end = Math.max(last.end, end + from);
    else windows.push({ start: start + from, end: end + from });
  }
  return windows;
}
