/**
 * Semantic highlighting: person, organization, location, date and quote tokens. LSP tokens may not
 * overlap or cross lines, so a quote is emitted as the pieces of it that no entity or date covers,
 * cut at line ends; entities and dates win because they are the more specific information.
 */
import type { CancellationToken, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/types';
import { TOKEN_TYPES, type TokenType } from '../protocol';

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] as string[] };

interface Piece { start: number; end: number; type: TokenType }

const ENTITY_TOKEN = { PERSON: 'person', ORGANIZATION: 'organization', LOCATION: 'location' } as const;

/** Non-overlapping pieces in text order: entities and dates first, quotes fill the gaps. */
export function tokenPieces(analysis: Analysis): Piece[] {
  const kept = specificPieces(analysis);
  const pieces: Piece[] = [];
  let k = 0;
  let covered = 0; // quotes can nest: never emit the same stretch twice
  for (const quote of analysis.quotes) {
    let cursor = Math.max(quote.start, covered);
    while (k < kept.length && kept[k].end <= cursor) pieces.push(kept[k++]);
    for (let j = k; j < kept.length && kept[j].start < quote.end; j++) {
      if (kept[j].start > cursor) pieces.push({ start: cursor, end: kept[j].start, type: 'quote' });
      cursor = Math.max(cursor, kept[j].end);
    }
    if (cursor < quote.end) pieces.push({ start: cursor, end: quote.end, type: 'quote' });
    covered = Math.max(covered, quote.end);
  }
  while (k < kept.length) pieces.push(kept[k++]);
  return pieces.sort((a, b) => a.start - b.start);
}

/**
 * Entity and date pieces in text order, the first of overlapping ones kept (the longer at equal
 * starts). Mentions and dates each come sorted by start, so a merge replaces a sort of both.
 */
function specificPieces(analysis: Analysis): Piece[] {
  const sortedByStart = (items: { start: number }[]) => items.every((item, i) => i === 0 || items[i - 1].start <= item.start);
  const mentions = sortedByStart(analysis.mentions) ? analysis.mentions : [...analysis.mentions].sort((a, b) => a.start - b.start);
  const dates = sortedByStart(analysis.dates) ? analysis.dates : [...analysis.dates].sort((a, b) => a.start - b.start);
  const kept: Piece[] = [];
  let m = 0;
  let d = 0;
  while (m < mentions.length || d < dates.length) {
    const mention = mentions[m];
    const date = dates[d];
    // At equal starts the longer piece comes first; a mention before a date of the same extent.
    const takeMention = !date || (mention && (mention.start < date.start || (mention.start === date.start && mention.end >= date.end)));
    const piece: Piece = takeMention
      ? { start: mention.start, end: mention.end, type: ENTITY_TOKEN[mention.type] }
      : { start: date.start, end: date.end, type: 'date' };
    if (takeMention) m++;
    else d++;
    if (!kept.length || piece.start >= kept[kept.length - 1].end) kept.push(piece);
  }
  return kept;
}

const TYPE_INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((type, index) => [type, index]));

/**
 * The encoded tokens (LSP relative format) of the document. Pieces come in text order, so line
 * numbers are found by one forward walk over the text instead of a lookup per token; line ends
 * are those of LSP (\n, \r\n, \r).
 */
export function encodeTokens(text: string, pieces: Piece[]): number[] {
  const data: number[] = [];
  let line = 0;
  let lineStart = 0;
  let walked = 0;
  let previousLine = 0;
  let previousChar = 0;
  const walkTo = (offset: number) => {
    for (; walked < offset; walked++) {
      const c = text.charCodeAt(walked);
      // "\r\n" counts once, at its "\n".
      if (c === 10 || (c === 13 && text.charCodeAt(walked + 1) !== 10)) {
        line++;
        lineStart = walked + 1;
      }
    }
  };
  for (const piece of pieces) {
    const typeIndex = TYPE_INDEX.get(piece.type)!;
    let start = piece.start;
    // Split at line breaks: VS Code only renders single-line tokens.
    while (start < piece.end) {
      let end = start;
      for (let c = text.charCodeAt(end); end < piece.end && c !== 10 && c !== 13; c = text.charCodeAt(++end));
      if (end > start) {
        walkTo(start);
        const character = start - lineStart;
        data.push(line - previousLine, line === previousLine ? character - previousChar : character, end - start, typeIndex, 0);
        previousLine = line;
        previousChar = character;
      }
      start = end + 1;
    }
  }
  return data;
}

/**
 * The last tokens sent per document, so a delta request (VS Code sends one after each edit when
 * the server offers it) answers with one edit instead of every token of a large article.
 */
export class SemanticTokensCache {
  #sent = new Map<string, { resultId: string; data: number[] }>();
  #next = 1;

  full(uri: string, data: number[]): SemanticTokens {
    const resultId = String(this.#next++);
    this.#sent.set(uri, { resultId, data });
    return { resultId, data };
  }

  /** The edit from the tokens last sent as `previousResultId`, or the full tokens if those are gone. */
  delta(uri: string, previousResultId: string, data: number[]): SemanticTokens | SemanticTokensDelta {
    const previous = this.#sent.get(uri);
    const result = this.full(uri, data);
    if (!previous || previous.resultId !== previousResultId) return result;
    const old = previous.data;
    let prefix = 0;
    while (prefix < old.length && prefix < data.length && old[prefix] === data[prefix]) prefix++;
    let suffix = 0;
    while (suffix < old.length - prefix && suffix < data.length - prefix && old[old.length - 1 - suffix] === data[data.length - 1 - suffix]) suffix++;
    const edits = prefix === old.length && prefix === data.length ? [] : [{ start: prefix, deleteCount: old.length - prefix - suffix, data: data.slice(prefix, data.length - suffix) }];
    return { resultId: result.resultId, edits };
  }

  forget(uri: string): void {
    this.#sent.delete(uri);
  }
}

/** The full semantic tokens of the document, as the numbers LSP sends. */
export function semanticTokenData(document: TextDocument, analysis: Analysis, token?: CancellationToken): number[] {
  if (token?.isCancellationRequested) return [];
  return encodeTokens(document.getText(), tokenPieces(analysis));
}

/** The full semantic tokens of the document. */
export function provideSemanticTokens(document: TextDocument, analysis: Analysis, token?: CancellationToken): SemanticTokens {
  return { data: semanticTokenData(document, analysis, token) };
}
