/**
 * Go to Definition on a mention jumps to the entity's first full-name mention ("Kerry" → the
 * first "John F. Kerry"), where the article introduces the person.
 */
import type { CancellationToken, Location, Position } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/types';
import { entityOf, mentionAt } from './locate';

export function provideDefinition(document: TextDocument, analysis: Analysis, position: Position, token?: CancellationToken): Location | null {
  if (token?.isCancellationRequested) return null;
  const mention = mentionAt(analysis, document.offsetAt(position));
  const entity = mention && entityOf(analysis, mention);
  if (!entity) return null;
  const target = analysis.mentions[entity.definition];
  return { uri: document.uri, range: { start: document.positionAt(target.start), end: document.positionAt(target.end) } };
}
