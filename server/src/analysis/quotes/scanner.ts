/**
 * The mark-pairing scanner: turns the quotation marks of a text into top-level quote spans that
 * survive the way real pages are written. It walks the marks once, left to right, with a small
 * stack per paragraph (double and single marks nest; any double mark closes any double mark, so
 * a « closed by ” pairs). Unbalanced marks follow the gold guidelines: an opening mark with no
 * partner runs to the end of its paragraph, unless the very next paragraph's first double mark
 * closes it (a quote broken by a blank line is one quote); a closing mark with no partner runs
 * back to the start of its paragraph (or of the first sentence after the paragraph's previous
 * quote). Only top-level quotes are returned: a quote nested inside another is part of it.
 * Unclosed single marks are dropped silently, because an unpaired ’ or ' is far more often an
 * apostrophe than a quote. Every step is O(1) amortised and the stack depth is capped, so the
 * scan is linear in the text length whatever the marks.
 */
import type { Paragraph, Problem, Sentence, Span } from '../types';
import { closesClause, familyOf, flankingOf, MARK_PATTERN, type Mark } from './marks';

/** A top-level quote span as paired, before the scare-quote filter; marks included. */
export interface ScannedQuote extends Span {
  /** True when one of its marks had no partner and the paragraph closed it. */
  unbalanced: boolean;
  /** The unpaired mark, when `unbalanced`. */
  orphan?: Mark;
}

/** Counters of work done, so tests can check linearity without a clock. */
export interface ScanStats {
  /** Marks examined plus stack operations plus look-ahead characters. */
  steps: number;
}

/** Opening marks nested deeper than this are ignored: real quotes never nest this deep. */
const MAX_DEPTH = 8;

type Direction = 'open' | 'close' | 'ignore';

// Module-level: the bundler rebuilds a `\p{…}` literal outside a character class at every call.
const DIGIT = /\p{N}/u;

interface Entry {
  mark: Mark;
  /** Index of the paragraph the mark is in. */
  paragraph: number;
}

/**
 * Pair the marks of `text` into top-level quotes. `paragraphs` and `sentences` come from the
 * layout (sorted, non-overlapping); offsets are UTF-16, ends exclusive.
 */
export function scanMarks(text: string, paragraphs: Paragraph[], sentences: Sentence[], stats: ScanStats = { steps: 0 }): { quotes: ScannedQuote[]; problems: Problem[] } {
  const quotes: ScannedQuote[] = [];
  const problems: Problem[] = [];
  let sentenceCursor = 0;

  /** Report a mark that has no partner. */
  const orphanProblem = (mark: Mark, opening: boolean) => {
    problems.push({
      start: mark.start,
      end: mark.end,
      code: 'unbalanced-quote',
      severity: 'information',
      message: opening
        ? `Opening quotation mark ${mark.text} has no closing mark; the quote is taken to run to the end of its paragraph.`
        : `Closing quotation mark ${mark.text} has no opening mark; the quote is taken to start at the beginning of its paragraph.`,
    });
  };

  /** An opening double mark that was never closed: the quote ends with its paragraph. */
  const flushOpen = (entry: Entry) => {
    quotes.push({ start: entry.mark.start, end: paragraphs[entry.paragraph].end, unbalanced: true, orphan: entry.mark });
    orphanProblem(entry.mark, true);
  };

  /** Where a quote closed by an orphan mark at `position` starts: paragraph start, or the first sentence after the previous quote. */
  const backStart = (paragraph: Paragraph, previousEnd: number, position: number): number => {
    if (previousEnd < paragraph.start) return paragraph.start;
    while (sentenceCursor < sentences.length && sentences[sentenceCursor].start < previousEnd) {
      sentenceCursor++;
      stats.steps++;
    }
    const next = sentences[sentenceCursor];
    if (next && next.start < position) return next.start;
    let i = previousEnd;
    while (i < position && /\s|[,;:.—–-]/.test(text[i])) i++;
    return i;
  };

  let carried: Entry | null = null;
  let p = 0;
  MARK_PATTERN.lastIndex = 0;
  let match = MARK_PATTERN.exec(text);
  for (; p < paragraphs.length; p++) {
    const paragraph = paragraphs[p];
    const stack: Entry[] = [];
    let doubles = 0;
    let lastQuoteEnd = -1;
    // A quote left open by the previous paragraph stays open until this paragraph's first double mark decides.
    if (carried) {
      stack.push(carried);
      doubles = 1;
    }
    let carriedOpen = carried !== null;
    carried = null;
    while (match && match.index < paragraph.end) {
      if (match.index < paragraph.start) {
        match = MARK_PATTERN.exec(text);
        continue;
      }
      stats.steps++;
      const mark: Mark = { start: match.index, end: match.index + match[0].length, text: match[0], family: familyOf(match[0]) };
      match = MARK_PATTERN.exec(text);
      const flank = flankingOf(text, mark, paragraph.start, paragraph.end);
      const top = stack.length ? stack[stack.length - 1] : null;
      let direction = decide(text, mark, flank, doubles > 0, top, paragraph.end, stats);
      if (carriedOpen && mark.family === 'double') {
        carriedOpen = false;
        if (direction === 'open') {
          // A new opening mark: the carried quote was unbalanced and ended with its own paragraph.
          const entry = stack.shift() as Entry;
          doubles--;
          flushOpen(entry);
          direction = decide(text, mark, flank, doubles > 0, stack.length ? stack[stack.length - 1] : null, paragraph.end, stats);
        }
      }
      if (direction === 'ignore') continue;
      if (direction === 'open') {
        if (stack.length < MAX_DEPTH) {
          stack.push({ mark, paragraph: p });
          if (mark.family === 'double') doubles++;
        }
        continue;
      }
      if (mark.family === 'single') {
        // Only a single mark on top of the stack can be closed by a single mark (else: apostrophe).
        if (top && top.mark.family === 'single') {
          stack.pop();
          stats.steps++;
          if (stack.length === 0) {
            quotes.push({ start: top.mark.start, end: mark.end, unbalanced: false });
            lastQuoteEnd = mark.end;
          }
        }
        continue;
      }
      if (doubles === 0) {
        // A closing mark with no opening one: the quote runs back to the paragraph (or sentence) start.
        stack.length = 0;
        const start = backStart(paragraph, lastQuoteEnd, mark.start);
        quotes.push({ start, end: mark.end, unbalanced: true, orphan: mark });
        orphanProblem(mark, false);
        lastQuoteEnd = mark.end;
        continue;
      }
      let opened: Entry | undefined;
      while (stack.length) {
        stats.steps++;
        const entry = stack.pop() as Entry;
        if (entry.mark.family === 'double') {
          opened = entry;
          break;
        }
      }
      doubles--;
      if (opened && stack.length === 0) {
        quotes.push({ start: opened.mark.start, end: mark.end, unbalanced: false });
        lastQuoteEnd = mark.end;
      }
    }
    // End of the paragraph: the outermost open double mark may still be closed by the next paragraph.
    const outer = stack.find(e => e.mark.family === 'double');
    if (outer) {
      if (outer.paragraph === p && p + 1 < paragraphs.length) carried = outer;
      else flushOpen(outer);
    }
  }
  quotes.sort((a, b) => a.start - b.start);
  return { quotes, problems };
}

/** Decide whether a mark opens, closes, or is not a quotation mark here (an apostrophe, inches). */
function decide(text: string, mark: Mark, flank: ReturnType<typeof flankingOf>, doubleOpen: boolean, top: Entry | null, paragraphEnd: number, stats: ScanStats): Direction {
  const { spaceBefore, spaceAfter, insideWord } = flank;
  const leftFlanking = spaceBefore && !spaceAfter;
  const singleOnTop = top !== null && top.mark.family === 'single';
  switch (mark.text) {
    case '„':
    case '``':
      return 'open';
    case '«': {
      // « is an opening mark, but pages also close with it (« … «): it closes when a clause ends after it.
      stats.steps++;
      return doubleOpen && closesClause(text, mark.end, paragraphEnd) ? 'close' : 'open';
    }
    case '»':
      if (doubleOpen) return 'close';
      return leftFlanking ? 'open' : 'close';
    case '“':
    case '‟':
      // Also the German closing mark („…“) and a common typo for ” ("I guess, “ said").
      return doubleOpen && !leftFlanking ? 'close' : 'open';
    case '”':
      return !doubleOpen && leftFlanking ? 'open' : 'close';
    case '"':
    case "''": {
      if (doubleOpen) {
        const curlyOnTop = top !== null && top.mark.family === 'double' && top.mark.text !== '"' && top.mark.text !== "''";
        return leftFlanking && curlyOnTop ? 'open' : 'close';
      }
      // A straight mark after a digit with no quote open is inches or seconds (5" gun).
      if (mark.start > 0 && DIGIT.test(text[mark.start - 1])) return 'ignore';
      return !spaceBefore && spaceAfter ? 'close' : 'open';
    }
    case '‘':
      if (insideWord) return 'ignore';
      if (singleOnTop && !leftFlanking) return 'close';
      return spaceAfter ? 'ignore' : 'open';
    case '’':
    case '‛':
    case "'":
      if (insideWord) return 'ignore';
      if (singleOnTop && !leftFlanking) return 'close';
      // ’ opening a quote is rare; at the start of a word it is an elision (’90s, ’em).
      return mark.text === "'" && leftFlanking ? 'open' : 'ignore';
    case '`':
    case '‚':
    case '‹':
      return spaceAfter ? 'ignore' : 'open';
    case '›':
      return singleOnTop ? 'close' : 'ignore';
    default:
      return 'ignore';
  }
}
