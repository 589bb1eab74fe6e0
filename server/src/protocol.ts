/**
 * The custom messages between the Article Lens client and server, shared by both sides (the client
 * bundle imports this file too, so it holds only plain types and method names, no runtime imports).
 * Ranges are LSP ranges: zero-based lines, UTF-16 characters, end exclusive.
 */

export interface LspPosition { line: number; character: number }
export interface LspRange { start: LspPosition; end: LspPosition }

/** One quotation as the Quotations view shows it. */
export interface QuotationItem {
  text: string;
  range: LspRange;
  /** Range of the attribution phrase ("Kerry said"), when there is one. */
  attributionRange?: LspRange;
  unbalanced: boolean;
}

/** The quotes of one speaker (or of nobody known: `speaker` is empty, `entityId` null). */
export interface QuotationGroup {
  speaker: string;
  entityId: string | null;
  quotes: QuotationItem[];
}

export interface QuotationsParams { uri: string }
export interface QuotationsResult {
  uri: string;
  /** The article's reference date (ISO), for citing a quote. */
  date: string | null;
  groups: QuotationGroup[];
}

/** To server: the quotations of a document grouped by speaker. */
export const QuotationsRequest = 'articleLens/quotations';

/** From server: a short status for the status bar (model loading, file too large, analysis time). */
export const StatusNotification = 'articleLens/status';
export interface StatusParams {
  uri?: string;
  /** Short text for the status bar. */
  text: string;
  /** Longer explanation for the tooltip. */
  detail?: string;
  severity: 'info' | 'warning';
}

/** One person of the workspace, for the People view. */
export interface PersonItem {
  entityId: string;
  canonical: string;
  articleCount: number;
  mentionCount: number;
  quoteCount: number;
}

/** To server: every person in the workspace index (open documents included), most widely mentioned first. */
export const PeopleRequest = 'articleLens/people';
export interface PeopleParams { /** Only names containing this (case- and accent-insensitive). */ filter?: string; limit?: number }
export interface PeopleResult { indexing: boolean; total: number; people: PersonItem[] }

/** To server: the files that mention one person, with mention ranges and the person's quotes there. */
export const PersonFilesRequest = 'articleLens/personFiles';
export interface PersonFilesParams { entityId: string }
export interface PersonFileItem { uri: string; mentions: LspRange[]; quotes: Array<{ text: string; range: LspRange }> }

/**
 * From server: every analysis may have changed (the entity model finished loading, settings
 * changed): views built from analyses ask again. No params.
 */
export const AnalysesChangedNotification = 'articleLens/analysesChanged';

/** From server: the workspace index changed (indexing finished, files changed): views listing it refresh. */
export const IndexChangedNotification = 'articleLens/indexChanged';
export interface IndexChangedParams { files: number; indexing: boolean }

/** Options the client passes in `initializationOptions`. */
export interface InitializationOptions {
  /** Folder for the index cache (the extension's storage, never the user's workspace). */
  storagePath?: string;
}

/** To server: the document's annotations (recognizer output merged with the user's corrections) in an export format. */
export const ExportAnnotationsRequest = 'articleLens/exportAnnotations';
export type ExportFormatName = 'brat' | 'conll' | 'jsonl' | 'json';
export interface ExportAnnotationsParams { uri: string; format: ExportFormatName }
export interface ExportAnnotationsResult {
  format: ExportFormatName;
  /** The exported text (UTF-8 when written to a file). */
  content: string;
  /** Suggested file name: the article's base name with the format's extension (`.ann`, `.conll`, `.jsonl`, `.json`). */
  fileName: string;
  /** For brat: the `annotation.conf` to put in the export folder if it has none. */
  annotationConf?: string;
}

/** From server: a document's corrections changed (this editor's command, or another editor's write). */
export const AnnotationsChangedNotification = 'articleLens/annotationsChanged';
export interface AnnotationsChangedParams { uri: string; corrections: number; orphaned: number }

/**
 * Server command (`workspace/executeCommand`): correct the annotations of a span and persist them
 * to the sidecar `NAME.ann`. `range` is the span (a selection, a mention, a quote); an empty range
 * means the mention, date or word at that position.
 */
export const ApplyCorrectionCommand = 'articleLens.applyCorrection';
export interface ApplyCorrectionArgs {
  uri: string;
  range: LspRange;
  /** `mark`: give the span a label; `reject`: not an entity; `speakers`: the quote's speakers; `merge`: the mention's entity takes `canonical`; `remove`: forget corrections there. */
  action: 'mark' | 'reject' | 'speakers' | 'merge' | 'remove';
  label?: 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'DATE';
  speakers?: string[];
  canonical?: string;
  /** `mark` and `reject`: the same for every whole-word occurrence of the span's text in the file. */
  all?: boolean;
  /** `remove`: forget exactly this correction (its sidecar id), e.g. one whose text vanished. */
  id?: string;
}
export interface ApplyCorrectionResult { persisted: boolean; message: string; sidecar?: string }

/** Server command: what can be corrected at a position, for the client's quick picks. */
export const AnnotationTargetsCommand = 'articleLens.annotationTargets';
export interface AnnotationTargetsArgs { uri: string; range: LspRange }
export interface AnnotationTargets {
  /** The mention under the range, with its type and canonical name. */
  mention?: { range: LspRange; type: string; canonical: string };
  /** The quote under the range, with its current speakers. */
  quote?: { range: LspRange; speakers: string[] };
  /** Canonical names of the file's people (and watch-list people), for "Set speaker…". */
  people: string[];
  /** Canonical names of the other entities of the mention's type, for "Merge with…". */
  sameType: string[];
}

/** `initializationOptions` the Article Lens client sends: it has the pickers for the "…" code actions. */
export interface AnnotationInitializationOptions { annotationPickers?: boolean }

/** Semantic token types, in legend order (`contributes.semanticTokenTypes` declares the same ids). */
export const TOKEN_TYPES = ['person', 'organization', 'location', 'date', 'quote'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
