/**
 * JSON lines for spaCy and doccano: one object per article, `{"text", "entities", "label"}` where
 * `entities` (spaCy's training shape, `doc.char_span(start, end, label)`) and `label` (doccano's
 * sequence-labelling import) hold the same `[start, end, LABEL]` triples. Offsets are in code
 * points, as Python counts them, end exclusive; spans never overlap. Extra keys doccano keeps as
 * metadata: `file`, `language`, and `quotes` as `[start, end, [speakers]]`.
 */
import type { Analysis } from '../types';
import { offsetMap } from './codePoints';
import { labelledSpans } from './spans';

/** One exported line. Offsets in code points. */
export interface JsonlRecord {
  text: string;
  entities: Array<[number, number, string]>;
  label: Array<[number, number, string]>;
  file?: string;
  language?: string;
  quotes?: Array<[number, number, string[]]>;
}

/** The record of one article. */
export function toJsonlRecord(file: string, text: string, analysis: Analysis): JsonlRecord {
  const map = offsetMap(text);
  const entities = labelledSpans(analysis).map(s => [map.toCodePoint(s.start), map.toCodePoint(s.end), s.label] as [number, number, string]);
  return {
    text,
    entities,
    label: entities.map(e => [...e] as [number, number, string]),
    file,
    language: analysis.language,
    quotes: analysis.quotes.map(q => [map.toCodePoint(q.start), map.toCodePoint(q.end), q.speakers]),
  };
}

/** One JSON line (with its newline). */
export function toJsonl(file: string, text: string, analysis: Analysis): string {
  return `${JSON.stringify(toJsonlRecord(file, text, analysis))}\n`;
}

/** Read JSON lines back into records, with offsets converted to UTF-16 for the core. Bad lines are skipped. */
export function parseJsonl(jsonl: string): JsonlRecord[] {
  const out: JsonlRecord[] = [];
  for (const line of jsonl.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as JsonlRecord;
      if (typeof record.text !== 'string') continue;
      const map = offsetMap(record.text);
      const convert = (spans: unknown) => (Array.isArray(spans) ? spans : []).map(s => [map.toUtf16(s[0]), map.toUtf16(s[1]), s[2]] as [number, number, string]);
      out.push({ ...record, entities: convert(record.entities ?? record.label), label: convert(record.label ?? record.entities) });
    } catch {
      /* not a JSON line: skip */
    }
  }
  return out;
}
