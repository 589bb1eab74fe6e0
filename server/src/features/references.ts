/**
 * References: every mention of the entity under the cursor, in this file and, through the
 * workspace index, in every other article. The declaration is the entity's first full-name
 * mention in this file.
 */
import type { CancellationToken, Location, Position } from '../lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { entityOf, mentionAt } from './locate';
import { asRange } from './people';

/** Locations of every mention of the entity at `position`: this document first, then other files. */
export function provideReferences(document: TextDocument, analysis: Analysis, position: Position, includeDeclaration: boolean, index?: WorkspaceIndex, token?: CancellationToken): Location[] {
  if (token?.isCancellationRequested) return [];
  const mention = mentionAt(analysis, document.offsetAt(position));
  const entity = mention && entityOf(analysis, mention);
  if (!entity) return [];
  const locations: Location[] = entity.mentions
    .filter(i => includeDeclaration || i !== entity.definition)
    .map(i => analysis.mentions[i])
    .map(m => ({ uri: document.uri, range: { start: document.positionAt(m.start), end: document.positionAt(m.end) } }));
  const occurrences = index?.entity(entity.id);
  if (occurrences) {
    for (const [uri, summary] of [...occurrences.files].sort((a, b) => a[0].localeCompare(b[0]))) {
      if (uri === document.uri) continue;
      for (const range of summary.mentions) locations.push({ uri, range: asRange(range) });
    }
  }
  return locations;
}
