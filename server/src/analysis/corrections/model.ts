/**
 * The plain data of a user's annotation decisions: span corrections (this span is a person, an
 * organization, a place or a date, possibly with the canonical name it stands for; this span is
 * not an entity; these are the speakers of this quote), a watch-list of names that always count,
 * and a stop-list of names never tagged. The recognizer proposes, these decide: `apply.ts` merges
 * them over its output. Offsets are UTF-16 code units into the article, `end` exclusive; every
 * span correction also keeps the text it covered, so it can be found again after edits
 * (`anchor.ts`).
 */
import type { EntityType } from '../types';

/** The labels a user can give a span: the three entity types plus dates. */
export type CorrectionLabel = EntityType | 'DATE';

/** Every label, in the order menus offer them. */
export const CORRECTION_LABELS: readonly CorrectionLabel[] = ['PERSON', 'ORGANIZATION', 'LOCATION', 'DATE'];

interface SpanCorrectionBase {
  start: number;
  /** Exclusive. */
  end: number;
  /** The text the span covered when the correction was made (what re-anchoring searches for). */
  text: string;
  /** Identifier in the sidecar file (brat `T` id), kept so rewrites do not renumber others' lines. */
  id?: string;
  /** Set when the text could not be found any more: kept and reported, never applied nor dropped. */
  orphaned?: boolean;
}

/** "This span is a PERSON / ORGANIZATION / LOCATION / DATE", optionally naming its canonical entity. */
export interface EntityCorrection extends SpanCorrectionBase {
  kind: 'entity';
  label: CorrectionLabel;
  /**
   * Canonical name the entity takes ("Kerry" → "John Kerry"). Every mention linked with this one
   * takes it too, which is how "Merge with…" joins two entities.
   */
  canonical?: string;
  /** ISO value for a DATE, when the user or an imported file gave one. */
  value?: string;
}

/** "This span is not an entity": no mention nor date may overlap it. */
export interface RejectCorrection extends SpanCorrectionBase {
  kind: 'reject';
}

/** "The speakers of the quote at this span are …" (canonical names; empty means nobody known). */
export interface SpeakerCorrection extends SpanCorrectionBase {
  kind: 'speakers';
  speakers: string[];
}

/** One user decision about a span of the article. */
export type Correction = EntityCorrection | RejectCorrection | SpeakerCorrection;

/** A name that always counts, with the aliases that refer to it ("Le Drian" → "Jean-Yves Le Drian"). */
export interface WatchEntry {
  /** Canonical name, also matched in the text. */
  name: string;
  aliases?: string[];
  /** Default PERSON. */
  type?: EntityType;
}

/** Everything a user decided for one article, passed to `analyzeText` as `AnalyzeOptions.annotations`. */
export interface Annotations {
  corrections?: Correction[];
  watchList?: WatchEntry[];
  /** Names never tagged, compared folded (case and accents ignored). */
  stopList?: string[];
}

/** A short human description of a correction, for messages and hovers. */
export function describeCorrection(c: Correction): string {
  const text = JSON.stringify(c.text.length > 40 ? `${c.text.slice(0, 39)}…` : c.text);
  if (c.kind === 'reject') return `${text}: not an entity`;
  if (c.kind === 'speakers') return `${text}: speaker ${c.speakers.join(', ') || 'unknown'}`;
  return `${text}: ${c.label}${c.canonical ? ` (${c.canonical})` : ''}`;
}

/** Whether two half-open spans share at least one code unit. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
