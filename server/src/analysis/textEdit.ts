/**
 * The single edit between two versions of a text, found by comparing their common prefix and
 * suffix. Editors send one change per keystroke, so the rest of a 1 MB article is equal: it is
 * compared in chunks (native string comparison), then character by character where they differ.
 */

/** The one region where `current` differs from `previous`: `[start, oldEnd)` became `[start, newEnd)`. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const CHUNK = 1024;

/** The smallest single edit turning `previous` into `current` (common prefix, then common suffix of the rest). */
export function editBetween(previous: string, current: string): TextEdit {
  const max = Math.min(previous.length, current.length);
  let start = 0;
  while (start + CHUNK <= max && previous.slice(start, start + CHUNK) === current.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && previous.charCodeAt(start) === current.charCodeAt(start)) start++;
  const room = max - start; // the suffix may not overlap the prefix
  let suffix = 0;
  while (suffix + CHUNK <= room && previous.slice(previous.length - suffix - CHUNK, previous.length - suffix) === current.slice(current.length - suffix - CHUNK, current.length - suffix)) suffix += CHUNK;
  while (suffix < room && previous.charCodeAt(previous.length - 1 - suffix) === current.charCodeAt(current.length - 1 - suffix)) suffix++;
  return { start, oldEnd: previous.length - suffix, newEnd: current.length - suffix };
}
