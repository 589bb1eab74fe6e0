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
import type { Problem, Sentence, Span } from '../types';
import { closesClause, familyOf, flankingOf, MARK_PATTERN, type Mark } from './marks';

/** A top-level quote span as paired, before the scare-quote filter; marks included. */
export interface ScannedQuote extends Span {
  /** True when one of its marks had no partner and the paragraph closed it. */
  unbalanced: boolean;
  /** The unpaired mark, when `unbalanced`. */
  orphan?: Mark;
  /**
   * For a quote inside one paragraph: the relative quote in that paragraph's scan, where the
   * scare-quote decision (a function of the paragraph's text) is kept once made.
   */
  within?: ScannedQuote;
  /** On a paragraph scan's own quotes: whether it is a scare quote, once decided. */
  scare?: boolean;
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
  /** `CARRIED` for the mark carried in from the previous paragraph, else 0. */
  paragraph: number;
}

/**
 * What the scan of one paragraph produced, relative to its start, in the order the scan of the
 * whole text produces it. A function of the paragraph's text (its sentences are cut from it) and
 * of the mark carried in from the previous paragraph, if any, so it can be remembered by those.
 */
export interface ParagraphScan {
  quotes: ScannedQuote[];
  problems: Problem[];
  /** How the quote carried in from the previous paragraph was settled, if one was. */
  carried: CarriedOutcome | null;
  /** The outermost double mark opened here and still open at the end: carried into the next paragraph, or flushed at the end of the text. */
  open: Mark | null;
}

/** The carried quote closes with the mark ending at `closedAt`, or (-1) ends with its own paragraph, unbalanced. */
export interface CarriedOutcome {
  closedAt: number;
  /** Where its quote (and, when unbalanced, its problem) comes in this paragraph's lists. */
  quoteIndex: number;
  problemIndex: number;
}

/** The part of a carried mark a paragraph's scan reads: `decide` looks at the text of the mark on top of the stack. */
export type CarriedMark = Pick<Mark, 'text' | 'family'>;

/** Scans remembered from earlier texts, by paragraph index and carried mark (see `incremental.ts`). */
export interface RememberedScans {
  get(p: number, carried: CarriedMark | null): ParagraphScan | undefined;
  set(p: number, carried: CarriedMark | null, scan: ParagraphScan): void;
}

/** Paragraph offsets as flat arrays (read once from the layout: see `incremental.ts`). */
export interface ParagraphSpans {
  starts: Int32Array;
  ends: Int32Array;
}

/** The offsets of `paragraphs`. */
export function spansOf(paragraphs: Span[]): ParagraphSpans {
  const starts = new Int32Array(paragraphs.length);
  const ends = new Int32Array(paragraphs.length);
  for (let p = 0; p < paragraphs.length; p++) {
    starts[p] = paragraphs[p].start;
    ends[p] = paragraphs[p].end;
  }
  return { starts, ends };
}

/**
 * Pair the marks of `text` into top-level quotes. `paragraphs` and `sentences` come from the
 * layout (sorted, non-overlapping); offsets are UTF-16, ends exclusive. `remembered` may hold a
 * paragraph's scan from an earlier text (see `scanParagraph`): only the other paragraphs are cut
 * from the text and scanned.
 */
export function scanMarks(text: string, paragraphs: ParagraphSpans, sentences: Sentence[], stats: ScanStats = { steps: 0 }, remembered?: RememberedScans): { quotes: ScannedQuote[]; problems: Problem[] } {
  const quotes: ScannedQuote[] = [];
  const problems: Problem[] = [];
  let carried: { mark: Mark; paragraphEnd: number } | null = null;
  const count = paragraphs.starts.length;
  for (let p = 0; p < count; p++) {
    const paragraphStart = paragraphs.starts[p];
    const paragraphEnd = paragraphs.ends[p];
    const carriedMark = carried && carried.mark;
    let scan = remembered?.get(p, carriedMark);
    if (!scan) {
      scan = scanParagraph(text.slice(paragraphStart, paragraphEnd), sentencesOf(sentences, p, paragraphStart), carriedMark, stats);
      remembered?.set(p, carriedMark, scan);
    }
    const at = paragraphStart;
    const settled = scan.carried && carried ? { outcome: scan.carried, mark: carried.mark, paragraphEnd: carried.paragraphEnd } : null;
    for (let k = 0; k <= scan.quotes.length; k++) {
      if (settled && settled.outcome.quoteIndex === k) {
        const closed = settled.outcome.closedAt >= 0;
        quotes.push(closed ? { start: settled.mark.start, end: settled.outcome.closedAt + at, unbalanced: false } : { start: settled.mark.start, end: settled.paragraphEnd, unbalanced: true, orphan: settled.mark });
      }
      if (k === scan.quotes.length) break;
      const q = scan.quotes[k];
      const quote: ScannedQuote = { start: q.start + at, end: q.end + at, unbalanced: q.unbalanced, within: q };
      if (q.orphan) quote.orphan = shiftMark(q.orphan, at);
      quotes.push(quote);
    }
    for (let k = 0; k <= scan.problems.length; k++) {
      if (settled && settled.outcome.closedAt < 0 && settled.outcome.problemIndex === k) problems.push(orphanProblem(settled.mark, true));
      if (k === scan.problems.length) break;
      const problem = scan.problems[k];
      problems.push({ start: problem.start + at, end: problem.end + at, code: problem.code, severity: problem.severity, message: problem.message });
    }
    carried = null;
    if (scan.open) {
      const mark = shiftMark(scan.open, at);
      // The last paragraph has no next one to close its open quote.
      if (p + 1 < count) carried = { mark, paragraphEnd };
      else {
        quotes.push({ start: mark.start, end: paragraphEnd, unbalanced: true, orphan: mark });
        problems.push(orphanProblem(mark, true));
      }
    }
  }
  quotes.sort((a, b) => a.start - b.start);
  return { quotes, problems };
}

/** The sentences of paragraph `p`, relative to its start (sentences are sorted by paragraph: a binary search finds them). */
function sentencesOf(sentences: Sentence[], p: number, at: number): Span[] {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].paragraph < p) lo = mid + 1;
    else hi = mid;
  }
  const spans: Span[] = [];
  for (let k = lo; k < sentences.length && sentences[k].paragraph === p; k++) spans.push({ start: sentences[k].start - at, end: sentences[k].end - at });
  return spans;
}

function shiftMark(mark: Mark, by: number): Mark {
  return { start: mark.start + by, end: mark.end + by, text: mark.text, family: mark.family };
}

/** The problem for a mark that has no partner. */
function orphanProblem(mark: Mark, opening: boolean): Problem {
  return {
    start: mark.start,
    end: mark.end,
    code: 'unbalanced-quote',
    severity: 'information',
    message: opening
      ? `Opening quotation mark ${mark.text} has no closing mark; the quote is taken to run to the end of its paragraph.`
      : `Closing quotation mark ${mark.text} has no opening mark; the quote is taken to start at the beginning of its paragraph.`,
  };
}

/** Marker for the entry of a mark carried in from the previous paragraph. */
const CARRIED = -1;

/**
 * Scan one paragraph, `text` being the paragraph alone and `sentences` its sentences, both
 * relative to its start; `carried` is the double mark left open by the previous paragraph.
 */
export function scanParagraph(text: string, sentences: Span[], carried: CarriedMark | null, stats: ScanStats = { steps: 0 }): ParagraphScan {
  const quotes: ScannedQuote[] = [];
  const problems: Problem[] = [];
  let settled: CarriedOutcome | null = null;
  const end = text.length;
  let sentenceCursor = 0;

  /** Where a quote closed by an orphan mark at `position` starts: paragraph start, or the first sentence after the previous quote. */
  const backStart = (previousEnd: number, position: number): number => {
    if (previousEnd < 0) return 0;
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
  /** An opening double mark that was never closed: the quote ends with its paragraph. */
  const flushOpen = (entry: Entry) => {
    if (entry.paragraph === CARRIED) {
      settled = { closedAt: -1, quoteIndex: quotes.length, problemIndex: problems.length };
      return;
    }
    quotes.push({ start: entry.mark.start, end, unbalanced: true, orphan: entry.mark });
    problems.push(orphanProblem(entry.mark, true));
  };

  const stack: Entry[] = [];
  let doubles = 0;
  let lastQuoteEnd = -1;
  // A quote left open by the previous paragraph stays open until this paragraph's first double mark decides.
  if (carried) {
    stack.push({ mark: { start: -1, end: -1, text: carried.text, family: carried.family }, paragraph: CARRIED });
    doubles = 1;
  }
  let carriedOpen = carried !== null;
  MARK_PATTERN.lastIndex = 0;
  for (let match = MARK_PATTERN.exec(text); match; match = MARK_PATTERN.exec(text)) {
    stats.steps++;
    const mark: Mark = { start: match.index, end: match.index + match[0].length, text: match[0], family: familyOf(match[0]) };
    const flank = flankingOf(text, mark, 0, end);
    const top = stack.length ? stack[stack.length - 1] : null;
    let direction = decide(text, mark, flank, doubles > 0, top, end, stats);
    if (carriedOpen && mark.family === 'double') {
      carriedOpen = false;
      if (direction === 'open') {
        // A new opening mark: the carried quote was unbalanced and ended with its own paragraph.
        const entry = stack.shift() as Entry;
        doubles--;
        flushOpen(entry);
        direction = decide(text, mark, flank, doubles > 0, stack.length ? stack[stack.length - 1] : null, end, stats);
      }
    }
    if (direction === 'ignore') continue;
    if (direction === 'open') {
      if (stack.length < MAX_DEPTH) {
        stack.push({ mark, paragraph: 0 });
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
      const start = backStart(lastQuoteEnd, mark.start);
      quotes.push({ start, end: mark.end, unbalanced: true, orphan: mark });
      problems.push(orphanProblem(mark, false));
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
      if (opened.paragraph === CARRIED) settled = { closedAt: mark.end, quoteIndex: quotes.length, problemIndex: problems.length };
      else quotes.push({ start: opened.mark.start, end: mark.end, unbalanced: false });
      lastQuoteEnd = mark.end;
    }
  }
  MARK_PATTERN.lastIndex = 0;
  // End of the paragraph: the outermost open double mark may still be closed by the next paragraph.
  const outer = stack.find(e => e.mark.family === 'double');
  let open: Mark | null = null;
  if (outer) {
    if (outer.paragraph === CARRIED) flushOpen(outer);
    else open = outer.mark;
  }
  return { quotes, problems, carried: settled, open };
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
