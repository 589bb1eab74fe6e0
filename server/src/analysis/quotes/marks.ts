/**
 * Quotation marks: which characters can open or close a quote, which family they belong to
 * (double marks “ ” " « » „ '' `` versus single marks ‘ ’ ' ` ‹ › ‚), and how the characters
 * around a mark decide its direction. Real pages mix styles (a « closed by ”, a “ used to close,
 * straight quotes everywhere, apostrophes that look like closing single quotes), so the direction
 * of a mark is a guess from its neighbours and from whether a quote is currently open; this file
 * only describes marks and neighbourhoods, the pairing itself lives in `scanner.ts`.
 */

/** Double marks pair with double marks, single with single; the two families nest. */
export type MarkFamily = 'double' | 'single';

/** One quotation-mark occurrence. `end` is exclusive (two characters for '' and ``). */
export interface Mark {
  start: number;
  end: number;
  /** The mark as written: one of the characters below, or `''` / ```` `` ````. */
  text: string;
  family: MarkFamily;
}

/**
 * Every candidate mark, longest first so that two straight apostrophes or two backticks used as
 * a double mark win over one. Linear: a single sticky-free global scan.
 */
export const MARK_PATTERN = /''|``|[“”„‟"«»‘’‚‛'`‹›]/g;

/** The family of a mark's text. */
export function familyOf(mark: string): MarkFamily {
  return mark === '"' || mark === "''" || mark === '``' || '“”„‟«»'.includes(mark) ? 'double' : 'single';
}

/** White space of any width, including the no-break spaces French typography puts inside « ». */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0x2007 || code === 0xfeff || code === 0x200b;
}

/** Letters, digits and combining marks: what makes a mark sit inside a word. */
export function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}\p{M}]/u.test(ch);
}

/** Characters after which an opening mark may follow without a space: brackets and dashes. */
const OPENING_CONTEXT = new Set(['(', '[', '{', '—', '–', '-', '/', '«', '“', '‘', '"', "'", '„', '‚', '‹', '`', ':']);
/** Characters a closing mark is commonly followed by. */
const CLOSING_CONTEXT = new Set(['.', ',', ';', ':', '!', '?', '…', ')', ']', '}', '—', '–', '-', '»', '”', '’', '"', "'", '›', '“']);

/** Where a mark sits relative to its neighbours, within the paragraph `[from, to)`. */
export interface Flanking {
  /** Nothing or white space or an opening bracket before. */
  spaceBefore: boolean;
  /** Nothing or white space or closing punctuation after. */
  spaceAfter: boolean;
  /** A letter or digit directly on both sides (an apostrophe: "don’t", "l’Etat"). */
  insideWord: boolean;
}

/** Describe the neighbourhood of `mark` inside the paragraph `[from, to)` of `text`. */
export function flankingOf(text: string, mark: Mark, from: number, to: number): Flanking {
  const before = mark.start > from ? text[mark.start - 1] : '';
  const after = mark.end < to ? text[mark.end] : '';
  const spaceBefore = before === '' || isSpace(before.charCodeAt(0)) || OPENING_CONTEXT.has(before);
  const spaceAfter = after === '' || isSpace(after.charCodeAt(0)) || CLOSING_CONTEXT.has(after);
  return { spaceBefore, spaceAfter, insideWord: before !== '' && after !== '' && isWordChar(before) && isWordChar(after) };
}

/**
 * True when the first non-space character after `position` (within the paragraph) is the end of
 * the paragraph or punctuation that ends a clause: a « there is a wrong-direction closing mark.
 * Stops at the first non-space character, so a run of marks costs linear time overall.
 */
export function closesClause(text: string, position: number, to: number): boolean {
  let i = position;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i >= to || '.,;:!?…)]'.includes(text[i]);
}
