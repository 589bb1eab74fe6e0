/**
 * Highlights every mention of the entity under the cursor, the way an editor highlights every use
 * of a variable. The client's next/previous-mention commands walk these ranges.
 */
import { DocumentHighlightKind, type CancellationToken, type DocumentHighlight, type Position } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/types';
import { entityOf, mentionAt } from './locate';

export function provideDocumentHighlights(document: TextDocument, analysis: Analysis, position: Position, token?: CancellationToken): DocumentHighlight[] {
  if (token?.isCancellationRequested) return [];
  const mention = mentionAt(analysis, document.offsetAt(position));
  const entity = mention && entityOf(analysis, mention);
  if (!entity) return [];
  return entity.mentions.map(i => {
    const m = analysis.mentions[i];
    const kind = i === entity.definition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read;
    return { range: { start: document.positionAt(m.start), end: document.positionAt(m.end) }, kind };
  });
}
