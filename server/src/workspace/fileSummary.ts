/**
 * What the workspace index keeps of one article: its entities with their mention ranges and its
 * quotes with speakers, in LSP coordinates (line, UTF-16 character) so cross-file references need
 * no text. Compact on purpose (ranges as number tuples, quote text clipped): 10,000 of these must
 * fit comfortably in memory and load from the disk cache in a few seconds.
 */
import type { Analysis, EntityType, Language } from '../analysis/types';

/** `[startLine, startCharacter, endLine, endCharacter]`, end exclusive. */
export type RangeTuple = [number, number, number, number];

export interface EntitySummary {
  id: string;
  type: EntityType;
  canonical: string;
  mentions: RangeTuple[];
}

export interface QuoteSummary {
  range: RangeTuple;
  /** The quote's text, clipped to `QUOTE_TEXT_LIMIT` characters. */
  text: string;
  speakerIds: string[];
  speakers: string[];
}

export interface FileSummary {
  language: Language;
  /** The article's reference date (ISO), if it has a date line. */
  date: string | null;
  entities: EntitySummary[];
  quotes: QuoteSummary[];
}

export const QUOTE_TEXT_LIMIT = 240;

/**
 * Share the strings that recur across files (entity ids, canonical names, speakers) through
 * `pool`, so 10,000 summaries hold one copy of "PERSON:john kerry" rather than one per file.
 */
export function internSummary(summary: FileSummary, pool: Map<string, string>): FileSummary {
  const intern = (text: string) => {
    const known = pool.get(text);
    if (known !== undefined) return known;
    pool.set(text, text);
    return text;
  };
  for (const entity of summary.entities) {
    entity.id = intern(entity.id);
    entity.canonical = intern(entity.canonical);
  }
  for (const quote of summary.quotes) {
    quote.speakerIds = quote.speakerIds.map(intern);
    quote.speakers = quote.speakers.map(intern);
  }
  return summary;
}

/** Offsets → line/character, by binary search over line starts. */
export function lineIndex(text: string): (offset: number) => [number, number] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return offset => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return [low, offset - starts[low]];
  };
}

/** The index entry for an analysed text. */
export function summarize(text: string, analysis: Analysis): FileSummary {
  const position = lineIndex(text);
  const range = (start: number, end: number): RangeTuple => [...position(start), ...position(end)] as RangeTuple;
  return {
    language: analysis.language,
    date: analysis.referenceDate?.value ?? null,
    entities: analysis.entities.map(entity => ({
      id: entity.id,
      type: entity.type,
      canonical: entity.canonical,
      mentions: entity.mentions.map(i => range(analysis.mentions[i].start, analysis.mentions[i].end)),
    })),
    quotes: analysis.quotes.map(quote => ({
      range: range(quote.start, quote.end),
      text: quote.text.length > QUOTE_TEXT_LIMIT ? `${quote.text.slice(0, QUOTE_TEXT_LIMIT - 1)}…` : quote.text,
      speakerIds: quote.speakerIds,
      speakers: quote.speakers,
    })),
  };
}
