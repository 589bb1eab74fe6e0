/**
 * Finding what sits under a cursor: the mention, date or quote covering a UTF-16 offset. Arrays in
 * an `Analysis` are sorted by start, so a binary search finds the candidate in O(log n).
 */
import type { Analysis, DateMention, Entity, Mention, Quote, Span } from '../analysis/types';

/** The last span of `spans` (sorted by start) that contains `offset` (start inclusive, end inclusive so a cursor just after a word counts). */
export function spanAt<T extends Span>(spans: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = spans.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (spans[mid].start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  // Quotes can nest, so walk back past spans that start earlier but end before the offset.
  for (let i = found; i >= 0 && i > found - 8; i--) {
    if (spans[i].start <= offset && offset <= spans[i].end) return spans[i];
  }
  return undefined;
}

export function mentionAt(analysis: Analysis, offset: number): Mention | undefined {
  return spanAt(analysis.mentions, offset);
}

export function dateAt(analysis: Analysis, offset: number): DateMention | undefined {
  return spanAt(analysis.dates, offset);
}

export function quoteAt(analysis: Analysis, offset: number): Quote | undefined {
  return spanAt(analysis.quotes, offset);
}

export function entityOf(analysis: Analysis, mention: Mention): Entity | undefined {
  return analysis.entities.find(e => e.id === mention.entityId);
}

/** Quotes whose speakers include the entity. */
export function quotesBy(analysis: Analysis, entityId: string): Quote[] {
  return analysis.quotes.filter(q => q.speakerIds.includes(entityId));
}
