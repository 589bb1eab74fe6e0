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

/** Semantic token types, in legend order (`contributes.semanticTokenTypes` declares the same ids). */
export const TOKEN_TYPES = ['person', 'organization', 'location', 'date', 'quote'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
