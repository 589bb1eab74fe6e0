/**
 * The plain-data shapes of the analysis core. Everything here is editor-agnostic: offsets are
 * UTF-16 code-unit indices into the analysed text (JavaScript string indices), and every span's
 * `end` is exclusive, so `text.slice(start, end)` is the covered text. No LSP types appear here;
 * the features layer converts at the boundary.
 */

export type Language = 'en' | 'fr';

export type EntityType = 'PERSON' | 'ORGANIZATION' | 'LOCATION';

/** A half-open range `[start, end)` of UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** A word or punctuation token. `text` equals the covered slice of the source. */
export interface Token extends Span {
  text: string;
}

/** A block of text separated from its neighbours by a blank line (or a line break in navigation lists). */
export interface Paragraph extends Span {
  language: Language;
}

/** A sentence inside a paragraph. */
export interface Sentence extends Span {
  /** Index into `Analysis.paragraphs`. */
  paragraph: number;
}

/**
 * One occurrence of a named entity in the text. With a memo, the next analysis of the document may
 * hand the same object out again (see `linkMentions`): never mutate one, copy it.
 */
export interface Mention extends Span {
  text: string;
  type: EntityType;
  /** Id shared by every mention of the same real entity in this text (see `Entity.id`). */
  entityId: string;
  /** The entity's fullest name as written in this text ("Kerry" → "John Kerry"). */
  canonical: string;
  /** Set when a user decision put it there rather than the recognizer: a correction or the watch-list. */
  origin?: 'correction' | 'watch-list';
}

/** One real-world entity, with all its mentions in this text. */
export interface Entity {
  /**
   * Stable key derived from type and canonical name, folded for case and accents
   * (`PERSON:john kerry`), so the same entity gets the same id in every file.
   */
  id: string;
  type: EntityType;
  canonical: string;
  /** Indexes into `Analysis.mentions`, in text order. */
  mentions: number[];
  /** Index into `Analysis.mentions` of the first mention that spells the full canonical name. */
  definition: number;
}

/** Where relative dates take their reference from: the article's own date line. */
export interface ReferenceDate extends Span {
  text: string;
  /** ISO 8601 day, e.g. `2014-09-05`. */
  value: string;
}

/** A date expression. */
export interface DateMention extends Span {
  text: string;
  /** ISO 8601 at the precision the text gives (`2014-09-05`, `2014-09`, `2014`, `2014-W36`), or null. */
  value: string | null;
  /** True when the value depends on the reference date ("Monday", "hier", "last year"). */
  relative: boolean;
  /**
   * How the value was obtained, for hovers: "as written", "Monday before 2014-09-05 (past tense)",
   * "2014-09-05 − 1 day", "no reference date in the article". Optional; set by the date recognizer.
   */
  resolution?: string;
  /** Set when the user marked it as a date. */
  origin?: 'correction';
}

/** A stretch of reported speech, marks included. */
export interface Quote extends Span {
  text: string;
  /** Entity ids of who said it; empty when the text does not say. */
  speakerIds: string[];
  /** Canonical names of the speakers, parallel to `speakerIds`. */
  speakers: string[];
  /** The phrase that names the speaker ("Kerry said", "a-t-il déclaré"), when one was found. */
  attribution?: Span;
  /** True when the opening or closing mark has no partner and the span was closed by the paragraph. */
  unbalanced: boolean;
  /** Set when the user chose the speakers. */
  origin?: 'correction';
}

export type ProblemSeverity = 'error' | 'warning' | 'information';

/** Something worth telling the user about the text; the core reports rather than throws. */
export interface Problem extends Span {
  code: 'unbalanced-quote' | 'quote-without-speaker' | 'too-large' | 'binary' | 'internal' | 'correction-orphaned';
  message: string;
  severity: ProblemSeverity;
}

/** Everything the core derives from one text. Arrays are sorted by `start`. */
export interface Analysis {
  /** The main language of the text. */
  language: Language;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  mentions: Mention[];
  entities: Entity[];
  dates: DateMention[];
  referenceDate: ReferenceDate | null;
  quotes: Quote[];
  problems: Problem[];
}
