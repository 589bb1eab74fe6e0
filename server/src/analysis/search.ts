/** Binary searches over sorted offsets, shared by the stages that look up positions, and the test that spans are sorted. */
import type { Token } from './types';

/** The first index at or after `from` whose value is at or after `value` (values ascending). */
export function lowerBound(values: ArrayLike<number>, value: number, from = 0): number {
  let lo = from;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index at or after `from` whose token starts at or after `offset`. */
export function firstTokenStartingAt(tokens: Token[], offset: number, from = 0): number {
  let lo = from;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last index in 0..`last` whose value is at most `value` (0 when none is; values ascending). */
export function lastAtMost(values: ArrayLike<number>, value: number, last = values.length - 1): number {
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether `spans` are in order of their starts (then a sort by start would change nothing). */
export function isSortedByStart(spans: readonly { start: number }[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i - 1].start > spans[i].start) return false;
  return true;
}
