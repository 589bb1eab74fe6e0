/**
 * The workspace layer as the server sees it: owns the index, the disk cache, the worker pool and
 * the indexer; runs background indexing with window progress ("Indexing articles 340/1000"),
 * cancellable from the editor; keeps the index current from file-watcher events and from the
 * open documents' live analyses.
 */
import { fileURLToPath } from 'node:url';
import { FileChangeType, type Connection, type FileEvent } from '../lsp';
import type { Analysis } from '../analysis/types';
import { IndexChangedNotification, type IndexChangedParams } from '../protocol';
import { DEFAULT_DATA_DIR } from '../resources';
import { AnalysisPool } from './analysisPool';
import type { DiscoveryRules } from './discovery';
import { summarize } from './fileSummary';
import { IndexCache } from './indexCache';
import { analyzerVersion, Indexer, type IndexingResult } from './indexer';
import { WorkspaceIndex } from './workspaceIndex';
import { nowMs } from '../clock';

export interface WorkspaceOptions {
  folders: string[];
  storagePath?: string;
  canShowProgress: boolean;
  maxBytes: () => number;
  codeVersion: string;
}

export class WorkspaceService {
  readonly index = new WorkspaceIndex();
  #pool = new AnalysisPool();
  #cache: IndexCache;
  #indexer: Indexer;
  #run: { cancelled: boolean; done: Promise<IndexingResult | undefined> } | undefined;
  #rules: DiscoveryRules = { include: [], exclude: [] };
  #flushTimer: NodeJS.Timeout | undefined;
  #liveTexts = new Map<string, { text: string; analysis: Analysis } | null>();

  constructor(private readonly connection: Connection, private readonly options: WorkspaceOptions) {
    this.#cache = new IndexCache(options.storagePath, () => analyzerVersion(DEFAULT_DATA_DIR, options.codeVersion));
    this.#indexer = new Indexer(this.index, this.#cache, this.#pool, () => ({ maxBytes: options.maxBytes() }));
  }

  get indexing(): boolean {
    return !!this.#run;
  }

  /** (Re)index the workspace under `rules`, cancelling a run in progress. */
  async reindex(rules: DiscoveryRules): Promise<IndexingResult | undefined> {
    this.#rules = rules;
    if (this.#run) {
      this.#run.cancelled = true;
      await this.#run.done;
    }
    if (!this.options.folders.length) return undefined;
    const run = { cancelled: false, done: Promise.resolve<IndexingResult | undefined>(undefined) };
    this.#run = run;
    run.done = this.#index(run).finally(() => {
      if (this.#run === run) this.#run = undefined;
    });
    return run.done;
  }

  async #index(run: { cancelled: boolean }): Promise<IndexingResult | undefined> {
    const loaded = this.#cache.load();
    const reporter = this.options.canShowProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    reporter?.begin('Article Lens', 0, 'Indexing articles…', true);
    let lastReport = 0;
    const result = await this.#indexer.indexFolders(this.options.folders, this.#rules, {
      isCancelled: () => run.cancelled || !!reporter?.token.isCancellationRequested,
      report: (done, total) => {
        // At most ~10 updates a second: progress must not cost more than the work.
        const now = nowMs();
        if (done !== total && now - lastReport < 100) return;
        lastReport = now;
        reporter?.report(total ? Math.round((100 * done) / total) : 100, `Indexing articles ${done}/${total}`);
      },
    });
    reporter?.done();
    this.#announce();
    const summary = `Indexed ${result.files} articles in ${(result.millis / 1000).toFixed(1)} s (${result.analysed} analysed, ${result.fromCache} from cache${loaded ? ` of ${loaded}` : ''}${result.skipped.length ? `, ${result.skipped.length} skipped` : ''})${result.cancelled ? ', cancelled' : ''}.`;
    this.connection.console.info(summary);
    for (const skipped of result.skipped.slice(0, 20)) this.connection.console.info(`  skipped ${skipped}`);
    return result;
  }

  /** File watcher events: re-index created and changed articles, drop deleted ones. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    for (const change of changes) {
      let file: string;
      try {
        file = fileURLToPath(change.uri);
      } catch {
        continue;
      }
      // A sidecar's change is a change of the article's annotations: re-index the article.
      if (file.endsWith('.ann')) {
        for (const article of ['.txt', '.article'].map(ext => file.slice(0, -'.ann'.length) + ext)) {
          if (Indexer.isArticle(article, this.options.folders, this.#rules)) await this.#indexer.indexFile(article);
        }
        continue;
      }
      if (!Indexer.isArticle(file, this.options.folders, this.#rules)) continue;
      if (change.type === FileChangeType.Deleted) this.#indexer.removeFile(file);
      else await this.#indexer.indexFile(file);
    }
    clearTimeout(this.#flushTimer);
    this.#flushTimer = setTimeout(() => this.#indexer.flush(), 2000);
    this.#announce();
  }

  #announce(): void {
    void this.connection.sendNotification(IndexChangedNotification, { files: this.index.size, indexing: this.indexing } satisfies IndexChangedParams);
  }

  /** An open document changed: its live analysis wins over the indexed file until it is closed. */
  documentChanged(uri: string): void {
    this.#liveTexts.set(uri, null);
  }

  documentClosed(uri: string): void {
    this.#liveTexts.delete(uri);
    this.index.setOverride(uri, undefined);
  }

  /** Bring the open documents' summaries up to date (cheap: their analyses are cached). */
  refreshOpenDocuments(analyze: (uri: string) => { text: string; analysis: Analysis } | undefined): void {
    for (const [uri, live] of this.#liveTexts) {
      if (live) continue;
      const current = analyze(uri);
      this.#liveTexts.set(uri, current ?? null);
      this.index.setOverride(uri, current && summarize(current.text, current.analysis));
    }
  }

  async dispose(): Promise<void> {
    if (this.#run) this.#run.cancelled = true;
    clearTimeout(this.#flushTimer);
    this.#indexer.flush();
    await this.#pool.dispose();
  }
}
