/**
 * Semantic highlighting: person, organization, location, date and quote tokens. LSP tokens may not
 * overlap or cross lines, so a quote is emitted as the pieces of it that no entity or date covers,
 * cut at line ends; entities and dates win because they are the more specific information.
 */
import { SemanticTokensBuilder, type CancellationToken, type SemanticTokens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/types';
import { TOKEN_TYPES, type TokenType } from '../protocol';

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] as string[] };

interface Piece { start: number; end: number; type: TokenType }

const ENTITY_TOKEN = { PERSON: 'person', ORGANIZATION: 'organization', LOCATION: 'location' } as const;

/** Non-overlapping pieces in text order: entities and dates first, quotes fill the gaps. */
export function tokenPieces(analysis: Analysis): Piece[] {
  const specific: Piece[] = [
    ...analysis.mentions.map(m => ({ start: m.start, end: m.end, type: ENTITY_TOKEN[m.type] as TokenType })),
    ...analysis.dates.map(d => ({ start: d.start, end: d.end, type: 'date' as TokenType })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Piece[] = [];
  for (const piece of specific) if (!kept.length || piece.start >= kept[kept.length - 1].end) kept.push(piece);
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

/** The full semantic tokens of the document. */
export function provideSemanticTokens(document: TextDocument, analysis: Analysis, token?: CancellationToken): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  if (token?.isCancellationRequested) return builder.build();
  const text = document.getText();
  for (const piece of tokenPieces(analysis)) {
    const typeIndex = TOKEN_TYPES.indexOf(piece.type);
    let start = piece.start;
    // Split at line breaks: VS Code only renders single-line tokens.
    while (start < piece.end) {
      let end = start;
      while (end < piece.end && text[end] !== '\n' && text[end] !== '\r') end++;
      if (end > start) {
        const position = document.positionAt(start);
        builder.push(position.line, position.character, end - start, typeIndex, 0);
      }
      start = end + 1;
    }
  }
  return builder.build();
}
