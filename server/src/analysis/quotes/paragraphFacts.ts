/**
 * What attribution reads of each paragraph and its neighbourhood, kept apart from what it decides
 * over the whole text. Per paragraph: the speech events whose cue word it holds, the title words
 * around its person mentions, the named subject of each person mention's sentence, and each of its
 * quotes' own decision (an event, or a speaker named right there). Token indexes are relative to
 * the paragraph's first token and offsets to its start, so the facts move with the paragraph.
 *
 * Facts are computed on a view of the whole text or of a window of paragraphs. A window starts two
 * paragraphs before the first one wanted (the rules read at most the last tokens of the paragraph
 * before the previous one) and ends some tokens after the last event the facts need; if a rule
 * needed a token past the window (`TextView.reach`), the window is widened and read again. Each
 * paragraph's facts also say which paragraphs they depend on and which lower-case words they
 * asked about, so `incremental.ts` knows when they still hold.
 */
import type { Entity, Span } from '../types';
import { buildView, firstEndingAfter, tokenAt, type TextView, type ViewSource } from './context';
import { indexEvents, ownDecision } from './attribute';
import { titleFacts, type TitleFacts } from './discourse';
import { findEvents, sentenceSubject, type CueReads, type PlacedEvent, type SpeechEvent } from './events';
import { firstTokenStartingAt, lastAtMost, lowerBound } from '../search';

/** A quote's own decision with its event given by cue token and its span by offsets, both relative to the paragraph. */
export interface LocalDecision {
  cue?: number;
  speakers?: (string | number)[];
  span?: Span;
  links: [name: string, type: string][];
}

export interface ParagraphFacts {
  /** Its events, with their phrases' spans relative to its start. */
  events: PlacedEvent[];
  titles: TitleFacts[];
  /** For each PERSON mention starting in the paragraph, in order: the named subject of its sentence, or null. */
  subjects: (string | null)[];
  /** For each quote starting in the paragraph, in order. */
  decisions: (LocalDecision | null)[];
  /** For each of those quotes, its first token (the first starting at or after its start). */
  quoteFirst: number[];
  /** The paragraphs read, relative to this one: `[before, after]` (before ≤ 0 ≤ after). */
  before: number;
  after: number;
  /** The rules looked before the first paragraph of the text / past its last one. */
  atStart: boolean;
  atEnd: boolean;
  /** Lower-case words asked about (`nameInRun`) and the answers then. */
  asked: string[];
  answers: boolean[];
  /** Entity ids whose type its quotes looked up, each followed by the type then ('' for none). */
  entityTypes: string[];
}

/** How many tokens a window reaches past the last event its facts need, at first. */
const FOLLOW = 32;

/** The paragraph whose char span holds `offset` (the last one starting at or before it). */
export function paragraphAt(source: ViewSource, offset: number): number {
  const paragraphs = source.layout.paragraphs;
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (paragraphs[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The paragraph of token `i` of the text (paragraphs with no tokens are skipped). */
function paragraphOfTokenIn(firstToken: Int32Array, i: number): number {
  return lastAtMost(firstToken, i, firstToken.length - 2);
}

function tokenOfOffset(source: ViewSource, offset: number): number {
  return firstTokenStartingAt(source.layout.tokens, offset);
}

/**
 * The first paragraph whose first token is past every event the facts of paragraph `p` need: the
 * events of its quotes' paragraphs, plus the next paragraph's first token (« t-il » may put an
 * event's start at the end of the paragraph before).
 */
function lastNeeded(source: ViewSource, p: number, quoteFrom: number, quoteTo: number): number {
  const n = source.layout.tokens.length;
  let last = p;
  for (let qi = quoteFrom; qi < quoteTo; qi++) {
    const q = source.quotes[qi];
    const first = tokenOfOffset(source, q.start);
    if (first >= n) continue;
    const after = tokenOfOffset(source, q.end);
    last = Math.max(last, paragraphOfTokenIn(source.firstToken, first), paragraphOfTokenIn(source.firstToken, Math.max(first, after - 1)));
  }
  return last + 1;
}

/** Lower-case word lookups of a view, recorded. */
function recordingLowerWords(source: ViewSource, asked: string[]) {
  return {
    has(word: string): boolean {
      asked.push(word);
      return source.lowerWords.has(word);
    },
  };
}

/** Entity lookups of a view, recorded as id, type pairs. */
function recordingEntities(source: ViewSource, looked: string[]) {
  return {
    get(id: string): Entity | undefined {
      const entity = source.entityById.get(id);
      looked.push(id, entity?.type ?? '');
      return entity;
    },
  };
}

/**
 * The facts of paragraphs `[from, to]`, read from one view (a window unless they are the whole
 * text). `quoteStart[p]` is the index of the first quote starting in paragraph `p` (P + 1 entries),
 * likewise `mentionStart`. `track` asks for what the facts depend on.
 */
export function paragraphFacts(source: ViewSource, from: number, to: number, quoteStart: Int32Array, mentionStart: Int32Array, track: boolean): ParagraphFacts[] {
  const paragraphCount = source.layout.paragraphs.length;
  const n = source.layout.tokens.length;
  const whole = from === 0 && to === paragraphCount - 1;
  let needed = to;
  if (!whole) for (let p = from; p <= to; p++) needed = Math.max(needed, lastNeeded(source, p, quoteStart[p], quoteStart[p + 1]));
  const trusted = needed < paragraphCount ? source.firstToken[needed] : n;
  const windowFrom = Math.max(0, from - 2);
  for (let follow = FOLLOW; ; follow *= 4) {
    let windowTo = whole ? to : Math.min(needed, paragraphCount - 1);
    while (windowTo < paragraphCount - 1 && source.firstToken[windowTo + 1] - trusted < follow) windowTo++;
    const facts = readWindow(source, windowFrom, windowTo, from, to, quoteStart, mentionStart, track, trusted);
    if (facts) return facts;
  }
}

/** The facts of `[from, to]` read from the window `[windowFrom, windowTo]`, or null when a needed event read past it. */
function readWindow(source: ViewSource, windowFrom: number, windowTo: number, from: number, to: number, quoteStart: Int32Array, mentionStart: Int32Array, track: boolean, trusted: number): ParagraphFacts[] | null {
  const asked: string[] = [];
  const looked: string[] = [];
  const view = buildView(track ? { ...source, lowerWords: recordingLowerWords(source, asked), entityById: recordingEntities(source, looked) } : source, windowFrom, windowTo);
  const base = source.firstToken[windowFrom];
  const reads: CueReads | undefined = track || view.limit !== Infinity ? { cue: [], reach: [], askedTo: [] } : undefined;
  const events = findEvents(view, reads, asked);
  const firstTrusted = source.firstToken[Math.max(0, from - 1)] - base;
  const lastTrusted = trusted - base;
  if (reads && view.limit !== Infinity) {
    for (let k = 0; k < reads.cue.length; k++) {
      if (reads.cue[k] >= firstTrusted && reads.cue[k] <= lastTrusted && reads.reach[k] >= view.limit) return null;
    }
  }
  const index = indexEvents(events);
  const result: ParagraphFacts[] = [];
  let e = 0;
  let tm = 0;
  // The text's indexes of the window's first quote and mention (as `buildView` picks them).
  const startChar = view.tokens.length ? view.tokens[0].start : 0;
  const quoteBase = view.quotes === source.quotes ? 0 : firstEndingAfter(source.quotes, startChar);
  const mentionBase = view.mentions === source.mentions ? 0 : firstEndingAfter(source.mentions, startChar);
  for (let p = from; p <= to; p++) {
    const first = source.firstToken[p] - base;
    const end = source.firstToken[p + 1] - base;
    const paragraphStart = source.layout.paragraphs[p].start;
    while (e < events.length && events[e].cue < first) e++;
    const own: PlacedEvent[] = [];
    for (; e < events.length && events[e].cue < end; e++) own.push(place(view, events[e], first, paragraphStart));
    const titles: TitleFacts[] = [];
    const subjects: (string | null)[] = [];
    for (let mi = mentionStart[p] - mentionBase; mi < mentionStart[p + 1] - mentionBase; mi++) {
      if (view.mentions[mi].type !== 'PERSON') continue;
      const subject = sentenceSubject(view, tokenAt(view, view.mentions[mi].start));
      subjects.push(subject && subject.kind === 'named' ? subject.entityIds[0] : null);
    }
    // Mentions' first tokens increase with their index (`buildView` assigns tokens in order).
    for (; tm < view.mentions.length; tm++) {
      const i = view.mentionFirstToken[tm];
      if (i >= end) break;
      if (i < first) continue;
      const facts = titleFacts(view, tm);
      if (facts) titles.push(facts);
    }
    const askedBefore = asked.length;
    const lookedBefore = looked.length;
    const decisions: (LocalDecision | null)[] = [];
    const quoteFirst: number[] = [];
    for (let qi = quoteStart[p] - quoteBase; qi < quoteStart[p + 1] - quoteBase; qi++) {
      quoteFirst.push(tokenAt(view, view.quotes[qi].start) - first);
      const decision = ownDecision(view, view.quotes, qi, index);
      if (!decision) decisions.push(null);
      else {
        const local: LocalDecision = { links: decision.links };
        if (decision.event !== undefined) local.cue = events[decision.event].cue - first;
        if (decision.speakers) local.speakers = decision.speakers;
        if (decision.span) local.span = { start: decision.span.start - paragraphStart, end: decision.span.end - paragraphStart };
        decisions.push(local);
      }
    }
    const facts: ParagraphFacts = { events: own, titles, subjects, decisions, quoteFirst, before: 0, after: 0, atStart: false, atEnd: false, asked: [], answers: [], entityTypes: [] };
    if (track) {
      dependencies(source, facts, p, quoteStart, reads as CueReads, asked, askedBefore, base);
      facts.entityTypes = looked.slice(lookedBefore);
    }
    result.push(facts);
  }
  return result;
}

/** `event` with its tokens relative to the token `first` and its phrase's span relative to the offset `at`. */
function place(view: TextView, event: SpeechEvent, first: number, at: number): PlacedEvent {
  const start = view.tokens[event.first].start - at;
  const end = view.tokens[event.last].end - at;
  const placed: PlacedEvent = { cue: event.cue - first, first: event.first - first, last: event.last - first, reference: event.reference, issuesStatement: event.issuesStatement, start, end };
  if (event.inside) placed.inside = true;
  return placed;
}

/**
 * Fill in what paragraph `p`'s facts read: two paragraphs back, and forward to the furthest token
 * needed by the events they use (those whose cue lies from the previous paragraph to the first
 * token past its quotes' paragraphs); the lower-case words those events and its quotes asked about.
 */
function dependencies(source: ViewSource, facts: ParagraphFacts, p: number, quoteStart: Int32Array, reads: CueReads, asked: string[], askedBefore: number, base: number): void {
  const paragraphCount = source.layout.paragraphs.length;
  const n = source.layout.tokens.length;
  const needed = lastNeeded(source, p, quoteStart[p], quoteStart[p + 1]);
  const fromToken = source.firstToken[Math.max(0, p - 1)] - base;
  const toToken = (needed < paragraphCount ? source.firstToken[needed] : n) - base;
  let reach = toToken + base;
  const words: string[] = [];
  let k = lowerBound(reads.cue, fromToken);
  for (; k < reads.cue.length && reads.cue[k] <= toToken; k++) {
    reach = Math.max(reach, reads.reach[k] + base);
    for (let a = k > 0 ? reads.askedTo[k - 1] : 0; a < reads.askedTo[k]; a++) words.push(asked[a]);
  }
  for (let a = askedBefore; a < asked.length; a++) words.push(asked[a]);
  facts.before = Math.max(0, p - 2) - p;
  facts.atStart = p - 2 < 0;
  facts.atEnd = reach >= n;
  facts.after = (facts.atEnd ? paragraphCount - 1 : paragraphOfTokenIn(source.firstToken, reach)) - p;
  facts.asked = words;
  facts.answers = words.map(w => source.lowerWords.has(w));
}

