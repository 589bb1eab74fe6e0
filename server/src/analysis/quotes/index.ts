/**
 * Quotations and who said them: the public face of `quotes/`. `scanQuotes` pairs quotation marks
 * into quote spans (`scanner.ts`) and drops scare quotes (`scare.ts`); `attributeSpeakers` finds
 * speech events (`events.ts`), resolves pronouns, titles and statements to entities
 * (`discourse.ts`) and gives each quote its speakers (`attribute.ts`); `speakerProblems` reports
 * quotes nobody is credited with. Pure functions of the layout and the linked mentions.
 */
import type { Layout } from '../layout';
import type { Entity, Mention, Problem, Quote, Span } from '../types';
import { attributeQuotes } from './attribute';
import { buildView } from './context';
import { resolveEvents } from './discourse';
import { findEvents } from './events';
import { isScareQuote, isTitleCaseLine } from './scare';
import { rememberedScans, rememberedSpellings } from './incremental';
import { scanMarks, type ScanStats } from './scanner';
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
  const { quotes, problems } = scanMarks(layout.text, layout.paragraphs, layout.sentences, stats, memo && rememberedScans(layout, memo, stats));
  const text = layout.text;
  let p = 0;
  const kept = quotes
    .filter(q => {
      while (p + 1 < layout.paragraphs.length && layout.paragraphs[p].end <= q.start) p++;
      const paragraph = layout.paragraphs[p];
      // A quote inside one paragraph is decided once per paragraph text (it reads nothing else).
      if (q.within?.scare !== undefined) return !q.within.scare;
      const inner = innerText(text, q);
      // Only short lines are headlines; the check is bounded so huge paragraphs stay linear.
      const headline = () => paragraph !== undefined && paragraph.end - paragraph.start < 300 && isTitleCaseLine(text.slice(paragraph.start, q.start) + ' ' + text.slice(q.end, paragraph.end));
      const scare = isScareQuote(inner, headline);
      if (q.within) q.within.scare = scare;
      return !scare;
    })
    .map(q => ({ start: q.start, end: q.end, unbalanced: q.unbalanced }));
  return { quotes: kept, problems };
}

/**
 * Attach speakers to each quote: entity ids from `mentions`/`entities` (as linked by
 * `entities/identity.ts`), their canonical names, and the span of the phrase that names them.
 * Quotes come back in the same order with `speakerIds`/`speakers` empty when nobody is credited.
 */
export function attributeSpeakers(layout: Layout, quotes: RawQuote[], mentions: Mention[], entities: Entity[], memo?: AnalysisMemo): Quote[] {
  const view = buildView(layout, quotes, mentions, entities, memo && rememberedSpellings(layout, memo));
  const events = findEvents(view);
  const resolved = resolveEvents(view, events);
  const attributions = attributeQuotes(view, quotes, events, resolved);
  return quotes.map((q, i) => {
    const a = attributions[i];
    const speakerIds = a.speakers;
    const speakers = speakerIds.map(id => view.entityById.get(id)?.canonical ?? view.unlinked.get(id) ?? id);
    const quote: Quote = { start: q.start, end: q.end, text: layout.text.slice(q.start, q.end), speakerIds, speakers, unbalanced: q.unbalanced };
    if (a.span) quote.attribution = a.span;
    return quote;
  });
}

/** A `quote-without-speaker` problem (information) for every quote nobody is credited with. */
export function speakerProblems(quotes: Quote[]): Problem[] {
  return quotes
    .filter(q => q.speakerIds.length === 0)
    .map(q => ({ start: q.start, end: q.end, code: 'quote-without-speaker' as const, severity: 'information' as const, message: 'Nobody is credited with this quotation in the text.' }));
}
