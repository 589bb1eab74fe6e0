/**
 * The flat list of labelled spans that token-level and span-level exports share: mentions, then
 * dates that do not overlap a mention (spaCy's `doc.ents` and IOB tags allow no overlap, and a
 * name is the more specific label). UTF-16 offsets, end exclusive, sorted by start.
 */
import type { Analysis } from '../types';

/** Export label names: the core's entity types, plus DATE. */
export type ExportLabel = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'DATE';

/** One exported span. UTF-16 offsets, end exclusive. */
export interface LabelledSpan {
  start: number;
  end: number;
  label: ExportLabel;
}

/** Non-overlapping labelled spans of an analysis, mentions first in priority. */
export function labelledSpans(analysis: Analysis): LabelledSpan[] {
  const spans: LabelledSpan[] = analysis.mentions.map(m => ({ start: m.start, end: m.end, label: m.type }));
  for (const d of analysis.dates) {
    if (!spans.some(s => s.start < d.end && d.start < s.end)) spans.push({ start: d.start, end: d.end, label: 'DATE' });
  }
  return spans.sort((a, b) => a.start - b.start);
}
