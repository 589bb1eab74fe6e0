/**
 * Workspace symbols ("Go to Symbol in Workspace", Ctrl+T): people, organizations and places of
 * every indexed article, matched fuzzily by name; each points at its first mention.
 */
import { SymbolKind, type CancellationToken, type SymbolInformation } from '../lsp';
import type { EntityType } from '../analysis/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { asRange } from './people';

const KIND: Record<EntityType, SymbolKind> = { PERSON: SymbolKind.Class, ORGANIZATION: SymbolKind.Module, LOCATION: SymbolKind.Namespace };
const LABEL: Record<EntityType, string> = { PERSON: 'person', ORGANIZATION: 'organization', LOCATION: 'place' };

export function provideWorkspaceSymbols(index: WorkspaceIndex, query: string, token?: CancellationToken): SymbolInformation[] {
  if (token?.isCancellationRequested) return [];
  return index.searchEntities(query).map(entity => {
    const [uri, first] = [...entity.files.entries()].sort((a, b) => a[0].localeCompare(b[0]))[0];
    const articles = entity.files.size;
    return {
      name: entity.canonical,
      kind: KIND[entity.type],
      containerName: `${LABEL[entity.type]} · ${articles} article${articles === 1 ? '' : 's'}`,
      location: { uri, range: asRange(first.mentions[0]) },
    };
  });
}
