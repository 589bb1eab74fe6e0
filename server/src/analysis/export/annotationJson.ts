/**
 * The project's annotation JSON: exactly the gold format of `shared/gold/GUIDELINES.md`
 * (UTF-16 offsets, end exclusive), so `shared/eval/score.mjs` can score CLI output directly.
 */
import type { Analysis } from '../types';

export interface AnnotationJson {
  file: string;
  language: string;
  mentions: Array<{ start: number; end: number; text: string; type: string; canonical: string }>;
  dates: Array<{ start: number; end: number; text: string; value: string | null }>;
  quotes: Array<{ start: number; end: number; text: string; speakers: string[] }>;
}

/** Serialize an analysis of the text of `file` in the gold shape. */
export function toAnnotationJson(file: string, analysis: Analysis): AnnotationJson {
  return {
    file,
    language: analysis.language,
    mentions: analysis.mentions.map(m => ({ start: m.start, end: m.end, text: m.text, type: m.type, canonical: m.canonical })),
    dates: analysis.dates.map(d => ({ start: d.start, end: d.end, text: d.text, value: d.value })),
    quotes: analysis.quotes.map(q => ({ start: q.start, end: q.end, text: q.text, speakers: q.speakers })),
  };
}
