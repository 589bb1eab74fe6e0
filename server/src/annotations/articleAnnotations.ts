/**
 * The annotations of an article file on disk, for hosts that read files rather than editor
 * buffers (the CLI, the workspace index): its sidecar `NAME.ann` (or the one in another folder of
 * sidecars) and the nearest `.article-lens/watchlist.json` above it. Watch-list files are cached
 * per folder for the life of the process, since a batch reads the same one for every article.
 * `annotationsFingerprint` is what a cache keyed by the article's content must add to its key.
 */
import path from 'node:path';
import { correctionsFromBrat } from '../analysis/corrections/bratCorrections';
import type { Annotations } from '../analysis/corrections/model';
import { readSidecar, sidecarPathFor } from './sidecarFile';
import { findWatchListFile, readWatchListFile, type Lists } from './watchListFile';

const listsByFolder = new Map<string, Lists>();

/** The watch-list and stop-list that apply to articles in `folder` (from the nearest workspace file). */
export function listsFor(folder: string): Lists {
  let lists = listsByFolder.get(folder);
  if (!lists) {
    const file = findWatchListFile(folder);
    lists = file ? readWatchListFile(file) : { watchList: [], stopList: [] };
    listsByFolder.set(folder, lists);
  }
  return lists;
}

/**
 * The annotations of the article at `articlePath` whose text is `text`. `sidecarDir` reads
 * `NAME.ann` from that folder instead of beside the article. Unreadable lines become `problems`.
 */
export function loadArticleAnnotations(articlePath: string, text: string, sidecarDir?: string): { annotations: Annotations; problems: string[] } {
  const sidecar = sidecarDir ? path.join(sidecarDir, path.basename(sidecarPathFor(articlePath))) : sidecarPathFor(articlePath);
  const content = readSidecar(sidecar);
  const parsed = content ? correctionsFromBrat(text, content) : { corrections: [], problems: [] };
  const lists = listsFor(path.dirname(path.resolve(articlePath)));
  return {
    annotations: { corrections: parsed.corrections, watchList: lists.watchList, stopList: lists.stopList },
    problems: parsed.problems.map(p => `${path.basename(sidecar)}: ${p}`),
  };
}

/**
 * A string that changes whenever the annotations of `articlePath` change (its sidecar's content,
 * the watch-list that applies): add it to a content-hash cache key so corrected files are
 * re-analysed. Reads the files; cheap next to an analysis.
 */
export function annotationsFingerprint(articlePath: string): string {
  const sidecar = readSidecar(sidecarPathFor(articlePath)) ?? '';
  const file = findWatchListFile(path.dirname(path.resolve(articlePath)));
  const lists = file ? readSidecar(file) ?? '' : '';
  return sidecar || lists ? `${sidecar}\u0000${lists}` : '';
}
