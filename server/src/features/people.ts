/**
 * The People view's data: `articleLens/people` lists the workspace's people with article, mention
 * and quote counts; `articleLens/personFiles` expands one person into the files that mention them.
 */
import type { CancellationToken } from '../lsp';
import type { PeopleParams, PeopleResult, PersonFileItem } from '../protocol';
import type { RangeTuple } from '../workspace/fileSummary';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { foldAccents } from '../analysis/fold';

export const asRange = ([sl, sc, el, ec]: RangeTuple) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

const fold = foldAccents;

export function providePeople(index: WorkspaceIndex, params: PeopleParams, indexing: boolean, token?: CancellationToken): PeopleResult {
  if (token?.isCancellationRequested) return { indexing, total: 0, people: [] };
  const needle = params.filter ? fold(params.filter) : '';
  const all = index.people().filter(p => !needle || fold(p.canonical).includes(needle));
  return { indexing, total: all.length, people: all.slice(0, params.limit ?? 500) };
}

export function providePersonFiles(index: WorkspaceIndex, entityId: string, token?: CancellationToken): PersonFileItem[] {
  if (token?.isCancellationRequested) return [];
  return index.personFiles(entityId).map(file => ({
    uri: file.uri,
    mentions: file.mentions.map(asRange),
    quotes: file.quotes.map(q => ({ text: q.text, range: asRange(q.range) })),
  }));
}
