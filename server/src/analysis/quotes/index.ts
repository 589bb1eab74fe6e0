/**
 * Quotations and who said them. (Contract placeholder: the mark-pairing scanner and the
 * attribution rules land here.)
 */
import type { Layout } from '../layout';
import type { Entity, Mention, Problem, Quote, Span } from '../types';

/** A quote span before attribution; marks included. */
export interface RawQuote extends Span {
  unbalanced: boolean;
}

/** Quote spans of the whole text plus problems such as unbalanced marks. */
export function scanQuotes(layout: Layout): { quotes: RawQuote[]; problems: Problem[] } {
  void layout;
  return { quotes: [], problems: [] };
}

/** Attach speakers (entity ids and canonical names) to each quote. */
export function attributeSpeakers(layout: Layout, quotes: RawQuote[], mentions: Mention[], entities: Entity[]): Quote[] {
  void mentions;
  void entities;
  return quotes.map(q => ({ ...q, text: layout.text.slice(q.start, q.end), speakerIds: [], speakers: [] }));
}
