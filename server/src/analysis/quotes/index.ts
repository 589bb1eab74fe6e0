/**
 * Quotations and who said them: the public face of `quotes/`. `scanQuotes` pairs quotation marks
 * into quote spans (`scanner.ts`) and drops scare quotes (`scare.ts`); `attributeSpeakers` finds
 * speech events (`events.ts`), resolves pronouns, titles and statements to entities
 * (`discourse.ts`) and gives each quote its speakers (`attribute.ts`); `speakerProblems` reports
 * quotes nobody is credited with. Pure functions of the layout and the linked mentions.
 */
import type { Layout } from '../layout';
import type { Entity, Mention, Problem, Quote, Span } from '../types';
import { carryOver, eventSpan, type Attribution } from './attribute';
import type { ParagraphSpelling, ViewSource } from './context';
import { linkName, paragraphHoldingToken, resolveEvents, titlesOf, type Discourse, type Titles } from './discourse';
import type { PlacedEvent } from './events';
import { isScareQuote, isTitleCaseLine } from './scare';
import { paragraphSpans, rememberedFacts, rememberedScans, rememberedSpellings, rememberedTitles, spellLayout } from './incremental';
import { paragraphFacts, type ParagraphFacts } from './paragraphFacts';
import { tablesOf, windowsAreSafe, type Tables } from './tables';
import { scanMarks, spansOf, type ParagraphSpans, type ScanStats } from './scanner';
import type { AnalysisMemo } from '../memo';

/** A quote span before attribution; marks included, UTF-16 offsets, `end` exclusive. */
export interface RawQuote extends Span {
  /** True when a mark had no partner and the paragraph bounds closed the span. */
  unbalanced: boolean;
}

const LEADING_MARK = /^(?:''|``|[“”„‟"«»‘’‚‛'`‹›])/;
const TRAILING_MARK = /(?:''|``|[“”„‟"«»‘’‚‛'`‹›])$/;

/** The text between a quote's marks (a mark missing on an unbalanced side is simply not there). */
export function innerText(text: string, quote: Span): string {
  return text.slice(quote.start, quote.end).replace(LEADING_MARK, '').replace(TRAILING_MARK, '');
}

/**
 * Quote spans of the whole text, sorted by start, plus an `unbalanced-quote` problem for every
 * quotation mark with no partner. Scare quotes (under four words and not a clause) are left out.
 * Linear in the text length; `stats` counts the work for tests.
 */
export function scanQuotes(layout: Layout, stats?: ScanStats, memo?: AnalysisMemo): { quotes: RawQuote[]; problems: Problem[] } {
  const paragraphs = memo ? paragraphSpans(layout, memo) : spansOf(layout.paragraphs);
  const { quotes, problems } = scanMarks(layout.text, paragraphs, layout.sentences, stats, memo && rememberedScans(layout, memo));
  const text = layout.text;
  const kept: RawQuote[] = [];
  for (const q of quotes) {
    // A quote inside one paragraph is decided once per paragraph text (it reads nothing else).
    if (q.within?.scare !== undefined) {
      if (!q.within.scare) kept.push({ start: q.start, end: q.end, unbalanced: q.unbalanced });
      continue;
    }
    const p = paragraphHolding(paragraphs, q.start);
    const inner = innerText(text, q);
    // Only short lines are headlines; the check is bounded so huge paragraphs stay linear.
    const headline = () => p >= 0 && paragraphs.ends[p] - paragraphs.starts[p] < 300 && isTitleCaseLine(text.slice(paragraphs.starts[p], q.start) + ' ' + text.slice(q.end, paragraphs.ends[p]));
    const scare = isScareQuote(inner, headline);
    if (q.within) q.within.scare = scare;
    if (!scare) kept.push({ start: q.start, end: q.end, unbalanced: q.unbalanced });
  }
  return { quotes: kept, problems };
}

/** The first paragraph ending after `offset` (the one a left-to-right walk over the paragraphs stops at), or -1 when there are none. */
function paragraphHolding(paragraphs: ParagraphSpans, offset: number): number {
  const count = paragraphs.ends.length;
  if (count === 0) return -1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs.ends[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Attach speakers to each quote: entity ids from `mentions`/`entities` (as linked by
 * `entities/identity.ts`), their canonical names, and the span of the phrase that names them.
 * Quotes come back in the same order with `speakerIds`/`speakers` empty when nobody is credited.
 * What each paragraph says (`paragraphFacts.ts`) is read, or remembered with `memo`; events are
 * then resolved and quotes without their own speaker filled in over the whole text.
 */
export function attributeSpeakers(layout: Layout, quotes: RawQuote[], mentions: Mention[], entities: Entity[], memo?: AnalysisMemo): Quote[] {
  if (quotes.length === 0) return [];
  const entityById = new Map(entities.map(e => [e.id, e]));
  // The paragraphs' offsets, read once (from the last analysis's where unchanged, with a memo).
  const spans = memo ? paragraphSpans(layout, memo) : spansOf(layout.paragraphs);
  const spelled = memo ? rememberedSpellings(layout, memo) : spellLayout(layout, spans.ends);
  const source: ViewSource = { layout, quotes, mentions, entityById, ...spelled };
  const tables = tablesOf(layout, quotes, mentions, spans);
  const count = layout.paragraphs.length;
  const facts = memo ? rememberedFacts(source, memo, tables, windowsAreSafe(tables)) : paragraphFacts(source, 0, count - 1, tables.quoteStart, tables.mentionStart, false);
  const doc = discourseOf(source, entityById, facts, tables, memo ? rememberedTitles(facts, memo) : titlesOf(facts));
  const events = eventsOf(source, facts, tables);
  const resolved = resolveEvents(doc, events);
  const own = ownAttributions(doc, source, facts, events, resolved);
  const attributions = carryOver(doc, own, quoteFirstTokens(source, facts, tables.quoteStart), events, resolved);
  return quotes.map((q, i) => {
    const a = attributions[i];
    const speakerIds = [...a.speakers];
    const speakers = speakerIds.map(id => entityById.get(id)?.canonical ?? doc.unlinked.get(id) ?? id);
    const quote: Quote = { start: q.start, end: q.end, text: layout.text.slice(q.start, q.end), speakerIds, speakers, unbalanced: q.unbalanced };
    if (a.span) quote.attribution = a.span;
    return quote;
  });
}

/** The text's speech events, in order, from each paragraph's. */
function eventsOf(source: ViewSource, facts: ParagraphFacts[], tables: Tables): PlacedEvent[] {
  const events: PlacedEvent[] = [];
  for (let p = 0; p < facts.length; p++) {
    const own = facts[p].events;
    if (!own.length) continue;
    const base = source.firstToken[p];
    const at = tables.paragraphStarts[p];
    for (const e of own) {
      const event: PlacedEvent = { cue: e.cue + base, first: e.first + base, last: e.last + base, reference: e.reference, issuesStatement: e.issuesStatement, start: e.start + at, end: e.end + at };
      if (e.inside) event.inside = true;
      events.push(event);
    }
  }
  return events;
}

/** The first token of each quote, from the facts of its paragraph. */
function quoteFirstTokens(source: ViewSource, facts: ParagraphFacts[], quoteStart: Int32Array): Int32Array {
  const firstTokens = new Int32Array(source.quotes.length);
  let qi = 0;
  // Only the paragraphs where a quote starts: the others' facts are not read at all.
  for (let p = 0; p < facts.length; p++) {
    if (quoteStart[p] === quoteStart[p + 1]) continue;
    for (const rel of facts[p].quoteFirst) firstTokens[qi++] = rel + source.firstToken[p];
  }
  return firstTokens;
}

/** What resolution needs: titles gathered in text order, and each person mention's sentence subject (found when asked). */
function discourseOf(source: ViewSource, entityById: Map<string, Entity>, facts: ParagraphFacts[], tables: Tables, titles: Titles): Discourse {
  const { mentionStart, mentionTypes } = tables;
  // How many PERSON mentions come before each mention, counted when a pronoun first asks.
  let personsBefore: Int32Array | null = null;
  const subjectOf = (m: number): string | null => {
    if (!personsBefore) {
      personsBefore = new Int32Array(mentionTypes.length + 1);
      for (let k = 0; k < mentionTypes.length; k++) personsBefore[k + 1] = personsBefore[k] + (mentionTypes[k] === 'PERSON' ? 1 : 0);
    }
    // The paragraph the mention starts in, then its rank among that paragraph's PERSON mentions.
    let lo = 0;
    let hi = facts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (mentionStart[mid] <= m) lo = mid;
      else hi = mid - 1;
    }
    return facts[lo].subjects[personsBefore[m] - personsBefore[mentionStart[lo]]] ?? null;
  };
  const { layout } = source;
  const folded = (i: number): string => {
    if (source.whole) return source.whole.folded[i];
    const p = paragraphHoldingToken(source.firstToken, i);
    return (source.spellings as ParagraphSpelling[])[p].folded[i - source.firstToken[p]];
  };
  return { layout, tokens: layout.tokens, mentions: source.mentions, entityById, quotes: source.quotes, unlinked: new Map(), firstToken: source.firstToken, folded, titles, subjectOf, tables };
}

/** Each quote's own attribution, its names linked in text order after the events' (as a whole-text pass does). */
function ownAttributions(doc: Discourse, source: ViewSource, facts: ParagraphFacts[], events: PlacedEvent[], resolved: string[][]): (Attribution | null)[] {
  const own: (Attribution | null)[] = [];
  const cues = events.map(e => e.cue);
  const quoteStart = doc.tables.quoteStart;
  for (let p = 0; p < facts.length; p++) {
    // A paragraph's decisions are those of the quotes starting in it: skip the others unread.
    if (quoteStart[p] === quoteStart[p + 1]) continue;
    const decisions = facts[p].decisions;
    const at = doc.tables.paragraphStarts[p];
    const base = source.firstToken[p];
    for (const decision of decisions) {
      if (!decision) {
        own.push(null);
        continue;
      }
      const ids = decision.links.length ? decision.links.map(([name, type]) => linkName(doc, name, type)) : NO_IDS;
      if (decision.cue !== undefined) {
        const e = indexOfCue(cues, decision.cue + base);
        own.push({ speakers: resolved[e], span: eventSpan(events[e]), own: true });
      } else if (decision.speakers) {
        const attribution: Attribution = { speakers: decision.speakers.map(s => (typeof s === 'number' ? ids[s] : s)), own: true };
        if (decision.span) attribution.span = { start: decision.span.start + at, end: decision.span.end + at };
        own.push(attribution);
      } else own.push(null);
    }
  }
  return own;
}

const NO_IDS: string[] = [];

function indexOfCue(cues: number[], cue: number): number {
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid] < cue) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A `quote-without-speaker` problem (information) for every quote nobody is credited with. */
export function speakerProblems(quotes: Quote[]): Problem[] {
  return quotes
    .filter(q => q.speakerIds.length === 0)
    .map(q => ({ start: q.start, end: q.end, code: 'quote-without-speaker' as const, severity: 'information' as const, message: 'Nobody is credited with this quotation in the text.' }));
}
