/**
 * A static index of spans for the questions corrections ask of every mention: does any span
 * overlap this one, does any contain it, which overlap it. Spans are sorted by start with the
 * running maximum of their ends, so each question is a binary search plus a walk over the spans
 * that actually overlap: an imported sidecar with thousands of spans stays linear-logarithmic.
 * UTF-16 offsets, ends exclusive.
 */
import type { Span } from '../types';

/** Spans frozen at construction, queried by overlap and containment. */
export class SpanIndex<T extends Span> {
  readonly #spans: T[];
  readonly #maxEnd: number[];

  constructor(spans: Iterable<T>) {
    this.#spans = [...spans].sort((a, b) => a.start - b.start);
    let max = -Infinity;
    this.#maxEnd = this.#spans.map(s => (max = Math.max(max, s.end)));
  }

  get size(): number {
    return this.#spans.length;
  }

  /** Index of the last span whose start is below `limit` (or at most `limit` when `inclusive`). */
  #lastStartingBefore(limit: number, inclusive: boolean): number {
    let low = 0;
    let high = this.#spans.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = this.#spans[mid].start;
      if (start < limit || (inclusive && start === limit)) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** Whether some span shares at least one code unit with `s`. */
  anyOverlapping(s: Span): boolean {
    const k = this.#lastStartingBefore(s.end, false);
    return k >= 0 && this.#maxEnd[k] > s.start;
  }

  /** Whether some span covers all of `s`. */
  anyContaining(s: Span): boolean {
    const k = this.#lastStartingBefore(s.start, true);
    return k >= 0 && this.#maxEnd[k] >= s.end;
  }

  /** The spans sharing at least one code unit with `s`, in start order. */
  overlapping(s: Span): T[] {
    const out: T[] = [];
    for (let k = this.#lastStartingBefore(s.end, false); k >= 0 && this.#maxEnd[k] > s.start; k--) {
      if (this.#spans[k].end > s.start) out.push(this.#spans[k]);
    }
    return out.reverse();
  }
}
