/**
 * References: every mention of the entity under the cursor (within the file; the workspace layer
 * adds other files). The declaration is the entity's first full-name mention.
 */
import type { CancellationToken, Location, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/types';
import { entityOf, mentionAt } from './locate';

/** Locations of every mention of the entity at `position` in this document. */
export function provideReferences(document: TextDocument, analysis: Analysis, position: Position, includeDeclaration: boolean, token?: CancellationToken): Location[] {
  if (token?.isCancellationRequested) return [];
  const mention = mentionAt(analysis, document.offsetAt(position));
  const entity = mention && entityOf(analysis, mention);
  if (!entity) return [];
  return entity.mentions
    .filter(i => includeDeclaration || i !== entity.definition)
    .map(i => analysis.mentions[i])
    .map(m => ({ uri: document.uri, range: { start: document.positionAt(m.start), end: document.positionAt(m.end) } }));
}
