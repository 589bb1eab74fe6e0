/**
 * Converting offsets between UTF-16 code units (the core's, JavaScript string indices) and Unicode
 * code points (what Python tools count: brat, doccano, spaCy). They differ only after characters
 * outside the Basic Multilingual Plane (emoji, some CJK), so the common case costs one scan.
 */

/** Conversions for one text. Offsets out of range are clamped. */
export interface OffsetMap {
  toCodePoint(utf16: number): number;
  toUtf16(codePoint: number): number;
}

/** The offset conversions for `text`. */
export function offsetMap(text: string): OffsetMap {
  // Positions (UTF-16) of the second half of each surrogate pair, in order.
  const lows: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) lows.push(++i);
    }
  }
  const clamp = (n: number, max: number) => Math.max(0, Math.min(max, Math.floor(n)));
  if (!lows.length) return { toCodePoint: n => clamp(n, text.length), toUtf16: n => clamp(n, text.length) };
  const total = text.length - lows.length;
  return {
    toCodePoint(utf16) {
      const n = clamp(utf16, text.length);
      let low = 0;
      let high = lows.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (lows[mid] < n) low = mid + 1;
        else high = mid;
      }
      // `low` pairs end before n; an offset inside a pair counts as after it.
      return n - low;
    },
    toUtf16(codePoint) {
      let n = clamp(codePoint, total);
      for (const position of lows) {
        if (position <= n) n++;
        else break;
      }
      return Math.min(n, text.length);
    },
  };
}
