/**
 * Re-anchoring corrections when the article text changes. A correction remembers the text it
 * covered; when the text at its offsets no longer matches, it is looked for again. With the
 * previous text at hand (the server keeps it between edits), the single edit between the two
 * versions is found (common prefix and suffix) and offsets after it shift exactly; otherwise, or
 * when the edit touched the span, the nearest occurrence of the remembered text is taken. A
 * correction whose text is gone is flagged `orphaned` and keeps its last offsets, so it is
 * reported and stays in the sidecar file, and re-attaches if the text comes back near (undo).
 * Whitespace differences are tolerated (brat files flatten line breaks in their text column).
 */
import type { Correction } from './model';
import { editBetween } from '../textEdit';

export { editBetween, type TextEdit } from '../textEdit';

/** Whether two texts are equal once runs of white space are made one space. */
export function sameText(a: string, b: string): boolean {
  return a === b || a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

/** Every occurrence of `needle` in `text` within `[from, to)`, white space matching any white space. */
function occurrences(text: string, needle: string, from = 0, to = text.length): { start: number; end: number }[] {
  const words = needle.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const pattern = new RegExp(words.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  const found: { start: number; end: number }[] = [];
  pattern.lastIndex = Math.max(0, from);
  for (let m = pattern.exec(text); m && m.index < to; m = pattern.exec(text)) {
    if (m.index + m[0].length <= to) found.push({ start: m.index, end: m.index + m[0].length });
    pattern.lastIndex = m.index + 1;
  }
  return found;
}

/** How far around an edit (or an orphan's last place) a touched correction's text is looked for, in code units. */
const NEAR = 200;

/**
 * The corrections placed on `text`: those still matching keep their offsets, the others are
 * shifted through the edit from `previous` (when given) or moved to the nearest occurrence of
 * their text. A span the edit touched is only looked for near the edit, so deleting a rejected
 * "Paris" never moves the rejection to another "Paris" further on; an orphan is only looked for
 * near its last place and only while editing (`previous` given), which is how undo brings it back.
 * Those not found are returned with `orphaned: true` and unchanged offsets (clamped). Never drops
 * a correction; the result is parallel to the input.
 */
export function anchorCorrections(text: string, corrections: readonly Correction[], previous?: string): Correction[] {
  const edit = previous !== undefined && previous !== text ? editBetween(previous, text) : undefined;
  const shift = (offset: number) => (edit && offset >= edit.oldEnd ? offset + edit.newEnd - edit.oldEnd : offset);
  const claimed = new Set<string>();
  const key = (kind: string, start: number, end: number) => `${kind}|${start}|${end}`;
  const placed: (Correction | undefined)[] = corrections.map(c => {
    if (c.orphaned) return undefined;
    let { start, end } = c;
    if (edit) {
      if (start >= edit.oldEnd) {
        start = shift(start);
        end = shift(end);
      } else if (end > edit.start) {
        return undefined; // the edit touched the span: search for it below
      }
    }
    if (start >= 0 && end <= text.length && start < end && sameText(text.slice(start, end), c.text)) {
      claimed.add(key(c.kind, start, end));
      const kept: Correction = { ...c, start, end };
      delete kept.orphaned;
      return kept;
    }
    return undefined;
  });
  // Whole-text searches are shared by corrections of the same words (an imported file repeats names).
  const everywhere = new Map<string, { start: number; end: number }[]>();
  return corrections.map((c, i) => {
    const done = placed[i];
    if (done) return done;
    const orphan = (): Correction => {
      const start = Math.min(shift(c.start), text.length);
      return { ...c, start, end: Math.min(Math.max(shift(c.end), start), text.length), orphaned: true };
    };
    if (c.orphaned && previous === undefined) return orphan();
    let window: { from: number; to: number } | undefined;
    if (c.orphaned) window = { from: shift(c.start) - NEAR - c.text.length, to: shift(c.end) + NEAR + c.text.length };
    else if (edit && c.end > edit.start && c.start < edit.oldEnd) window = { from: edit.start - NEAR - c.text.length, to: edit.newEnd + NEAR + c.text.length };
    const expected = shift(c.start);
    let best: { start: number; end: number } | undefined;
    let candidates = window ? occurrences(text, c.text, window.from, window.to) : everywhere.get(c.text);
    if (!candidates) everywhere.set(c.text, (candidates = occurrences(text, c.text)));
    for (const o of candidates) {
      if (claimed.has(key(c.kind, o.start, o.end))) continue;
      if (!best || Math.abs(o.start - expected) < Math.abs(best.start - expected)) best = o;
    }
    if (!best) return orphan();
    claimed.add(key(c.kind, best.start, best.end));
    const moved: Correction = { ...c, start: best.start, end: best.end };
    delete moved.orphaned;
    return moved;
  });
}
