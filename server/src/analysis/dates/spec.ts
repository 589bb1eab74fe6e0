/**
 * The recognizer's internal model of what a date expression means, before resolution: a
 * `DateSpec` records what the text says ("the Monday before", "March of an unstated year", "three
 * weeks ahead") and `DateCandidate` ties it to a span. Recognizers (chrono, the rule tables)
 * produce candidates; `resolve.ts` alone turns a spec plus the reference date into an ISO value.
 */
import type { Span } from '../types';

/** Which way an expression points from the reference date; `auto` lets the tense decide. */
export type Direction = -1 | 0 | 1 | 'auto';

/** Calendar seasons in TimeML/ISO notation. */
export type Season = 'SP' | 'SU' | 'FA' | 'WI';

/** What a date expression says, at the precision the text gives. */
export type DateSpec =
  /** A day by its calendar numbers; `year` absent when the text omits it ("Sept. 16", "25 mai"). */
  | { kind: 'day'; year?: number; month: number; day: number; direction?: Direction; yearOffset?: number }
  /** A month; `year` absent when omitted ("early August"); `direction` from "last July", "mars dernier". */
  | { kind: 'month'; year?: number; month: number; direction?: Direction; yearOffset?: number }
  /** A year ("2014", "fiscal 2011"). */
  /** `named` when the year follows a capitalized name ("RIMPAC 2016", "Mirage 2000"): an event or a product. */
  | { kind: 'year'; year: number; named?: boolean }
  /** A weekday ("Monday", "ce mercredi", "last Friday"). ISO weekday 1–7. */
  | { kind: 'weekday'; weekday: number; direction: Direction }
  /** A day counted from the reference ("today" 0, "hier" -1, "three days ago" -3). */
  | { kind: 'relativeDay'; offset: number }
  /** A week counted from the reference ("this week" 0, "last week" -1, "in three weeks" +3). */
  | { kind: 'relativeWeek'; offset: number }
  /** The weekend nearest the reference in the given direction, valued as its ISO week. */
  | { kind: 'weekend'; direction: Direction }
  /** A month counted from the reference ("last month" -1). */
  | { kind: 'relativeMonth'; offset: number }
  /** A year counted from the reference ("l'an dernier" -1). */
  | { kind: 'relativeYear'; offset: number }
  /** A named holiday (`holidays.ts` key), of a given year or the occurrence nearest the reference. */
  | { kind: 'holiday'; key: string; year?: number; direction: Direction }
  /** A season, of a given year or the one nearest the reference. */
  | { kind: 'season'; season: Season; year?: number; direction: Direction };

/** A recognized span with its meaning. */
export interface DateCandidate extends Span {
  spec: DateSpec;
  /** Lower wins when two candidates cover the same span (explicit numbers beat rules). */
  priority?: number;
}
