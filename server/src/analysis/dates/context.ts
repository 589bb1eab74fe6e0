/**
 * What the recognition of one paragraph's dates reads, for the memo of `index.ts`. Rules and filters
 * read the paragraph itself plus a little text around it: a few characters after its end ("Sept.
 * 11" then "attacks" on the next line, "mardi" then "gras", "March" then "5 people"), a few before
 * its start (a thousands group before a year, "attentats du" before "11 septembre"), and the words
 * `wordsBefore` and `atSentenceStart` walk back over, which stop at a line feed but run on across
 * a U+2028 line separator. A memo keyed by all of it, with the paragraph's language and the
 * reference date, gives a paragraph whose context comes back the same dates (shifted).
 */
import { MAX_WORDS_BEFORE, wordsBeforeStart } from './rules';

/**
 * The most characters any rule or filter reads past the paragraph's edges with a fixed-width
 * slice (`wordAfter` and the "mardi gras" check read 40 after, `afterName` 30 before).
 */
const FIXED_REACH = 40;

/**
 * Where the text the recognition of a paragraph starting at `start` reads begins: the fixed
 * reach, and the word walk back to its line break, plus that break (`atSentenceStart` looks at it).
 */
export function datesContextStart(text: string, start: number): number {
  return Math.max(0, Math.min(start - FIXED_REACH, wordsBeforeStart(text, start, MAX_WORDS_BEFORE) - 1));
}

/** Where the text the recognition of a paragraph ending at `end` reads ends. */
export function datesContextEnd(text: string, end: number): number {
  return Math.min(text.length, end + FIXED_REACH);
}
