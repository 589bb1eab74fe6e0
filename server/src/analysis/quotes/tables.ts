/**
 * The text's paragraphs, mentions and quotes as flat arrays, read once per analysis: the
 * document-level passes of attribution (matching paragraphs with the last analysis, resolving
 * speakers, carrying them over) then compare and search numbers in a few contiguous arrays
 * instead of touching thousands of objects spread over the heap again and again.
 */
import type { Layout } from '../layout';
import type { Mention, Span } from '../types';

export interface Tables {
  paragraphStarts: Int32Array;
  paragraphEnds: Int32Array;
  mentionStarts: Int32Array;
  mentionEnds: Int32Array;
  mentionTypes: string[];
  mentionIds: string[];
  quoteStarts: Int32Array;
  quoteEnds: Int32Array;
  /** The first mention starting in each paragraph or later (a mention belongs to the last paragraph starting at or before it); P + 1 entries. */
  mentionStart: Int32Array;
  /** Likewise for quotes. */
  quoteStart: Int32Array;
  /** The quotes overlapping each paragraph: `[quoteFrom[p], quoteTo[p])`. */
  quoteFrom: Int32Array;
  quoteTo: Int32Array;
}

/** The tables of a text; `paragraphSpans` when the paragraphs' offsets were already read (`incremental.ts`). */
export function tablesOf(layout: Layout, quotes: Span[], mentions: Mention[], paragraphSpans?: { starts: Int32Array; ends: Int32Array }): Tables {
  const count = layout.paragraphs.length;
  let paragraphStarts: Int32Array;
  let paragraphEnds: Int32Array;
  if (paragraphSpans) ({ starts: paragraphStarts, ends: paragraphEnds } = paragraphSpans);
  else {
    paragraphStarts = new Int32Array(count);
    paragraphEnds = new Int32Array(count);
    for (let p = 0; p < count; p++) {
      const paragraph = layout.paragraphs[p];
      paragraphStarts[p] = paragraph.start;
      paragraphEnds[p] = paragraph.end;
    }
  }
  const m = mentions.length;
  const mentionStarts = new Int32Array(m);
  const mentionEnds = new Int32Array(m);
  const mentionTypes: string[] = new Array(m);
  const mentionIds: string[] = new Array(m);
  for (let k = 0; k < m; k++) {
    const mention = mentions[k];
    mentionStarts[k] = mention.start;
    mentionEnds[k] = mention.end;
    mentionTypes[k] = mention.type;
    mentionIds[k] = mention.entityId;
  }
  const quoteStarts = new Int32Array(quotes.length);
  const quoteEnds = new Int32Array(quotes.length);
  for (let k = 0; k < quotes.length; k++) {
    quoteStarts[k] = quotes[k].start;
    quoteEnds[k] = quotes[k].end;
  }
  const quoteFrom = new Int32Array(count);
  const quoteTo = new Int32Array(count);
  let q = 0;
  for (let p = 0; p < count; p++) {
    while (q < quotes.length && quoteEnds[q] <= paragraphStarts[p]) q++;
    let to = q;
    while (to < quotes.length && quoteStarts[to] < paragraphEnds[p]) to++;
    quoteFrom[p] = q;
    quoteTo[p] = to;
  }
  return {
    paragraphStarts,
    paragraphEnds,
    mentionStarts,
    mentionEnds,
    mentionTypes,
    mentionIds,
    quoteStarts,
    quoteEnds,
    mentionStart: startsByParagraph(paragraphStarts, mentionStarts),
    quoteStart: startsByParagraph(paragraphStarts, quoteStarts),
    quoteFrom,
    quoteTo,
  };
}

/** For offsets sorted ascending: the index of the first one in each paragraph or later (P + 1 entries). */
function startsByParagraph(paragraphStarts: Int32Array, offsets: Int32Array): Int32Array {
  const count = paragraphStarts.length;
  const starts = new Int32Array(count + 1);
  let k = 0;
  for (let p = 0; p < count; p++) {
    // An offset belongs to the last paragraph starting at or before it.
    if (p > 0) while (k < offsets.length && offsets[k] < paragraphStarts[p]) k++;
    starts[p] = k;
  }
  starts[count] = offsets.length;
  return starts;
}

/** Windows read the same as the whole text when quotes and mentions are sorted and apart, and no mention crosses a paragraph break. */
export function windowsAreSafe(tables: Tables): boolean {
  const { quoteStarts, quoteEnds, mentionStarts, mentionEnds, paragraphEnds, mentionStart } = tables;
  for (let k = 1; k < quoteStarts.length; k++) if (quoteStarts[k] < quoteEnds[k - 1]) return false;
  for (let k = 1; k < mentionStarts.length; k++) if (mentionStarts[k] < mentionEnds[k - 1]) return false;
  for (let p = 0; p < paragraphEnds.length; p++) {
    for (let m = mentionStart[p]; m < mentionStart[p + 1]; m++) if (mentionEnds[m] > paragraphEnds[p]) return false;
  }
  return true;
}
