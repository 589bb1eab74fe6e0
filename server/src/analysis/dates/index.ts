/**
 * Date expressions and their calendar values. (Contract placeholder: the chrono-node based
 * recognizer lands here.)
 */
import type { Layout } from '../layout';
import type { DateMention, ReferenceDate } from '../types';

/** The article's own date (its date line or publication line), or null when it has none. */
export function findReferenceDate(layout: Layout): ReferenceDate | null {
  void layout;
  return null;
}

/** Every date expression of the text, sorted by start, values resolved against `reference`. */
export function recognizeDates(layout: Layout, reference: ReferenceDate | null): DateMention[] {
  void layout;
  void reference;
  return [];
}
