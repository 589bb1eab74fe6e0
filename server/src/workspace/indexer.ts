/**
 * Building and maintaining the workspace index from disk: discover article files, hash each one,
 * take unchanged files from the disk cache, analyse the rest on the worker pool, and report
 * progress. Cancellable between files; re-runs for single files when the file watcher reports
 * changes. All I/O of the workspace layer lives here.
 */
import type * as Crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { annotationsFingerprint, loadArticleAnnotations } from '../annotations/articleAnnotations';
import { decodeArticle } from '../articleFile';
import type { AnalysisPool } from './analysisPool';
import { discoverArticles, isArticlePath, type DiscoveryRules } from './discovery';
import type { IndexCache } from './indexCache';
import type { WorkspaceIndex } from './workspaceIndex';
import { nowMs } from '../clock';
import { onFirstUse } from '../onFirstUse';

/** node:crypto on first use: loading it costs a server's first answer ~11 ms, and only indexing hashes. */
const crypto = onFirstUse(() => require('node:crypto') as typeof Crypto);
const createHash = (algorithm: string) => crypto().createHash(algorithm);

export interface IndexingProgress {
  report(done: number, total: number): void;
  isCancelled(): boolean;
}

export interface IndexingResult {
  files: number;
  analysed: number;
  fromCache: number;
  skipped: string[];
  cancelled: boolean;
  millis: number;
}

/** A version string for the cache: the analyser's code and data, so a new model re-indexes. */
export function analyzerVersion(dataDir: string, codeVersion: string): string {
  const hash = createHash('sha1').update(codeVersion);
  for (const sub of ['models', 'gazetteers']) {
    const dir = path.join(dataDir, sub);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) hash.update(name).update(fs.readFileSync(path.join(dir, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

export class Indexer {
  /** Hash of each indexed file, to skip re-analysis when a watcher event changes nothing. */
  #hashes = new Map<string, string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly cache: IndexCache,
    private readonly pool: AnalysisPool,
    private readonly limits: () => { maxBytes: number },
  ) {}

  /** Index every article under `folders`. */
  async indexFolders(folders: string[], rules: DiscoveryRules, progress: IndexingProgress): Promise<IndexingResult> {
    const started = nowMs();
    const files = folders.flatMap(folder => discoverArticles(folder, rules, () => progress.isCancelled()));
    const result: IndexingResult = { files: files.length, analysed: 0, fromCache: 0, skipped: [], cancelled: false, millis: 0 };
    let next = 0;
    let done = 0;
    progress.report(0, files.length);
    // Enough files in flight to keep every worker busy while the next ones are read and hashed.
    const lanes = Array.from({ length: this.pool.size * 4 }, async () => {
      while (next < files.length && !progress.isCancelled()) {
        const file = files[next++];
        const outcome = await this.indexFile(file);
        if (outcome === 'analysed') result.analysed++;
        else if (outcome === 'cached') result.fromCache++;
        else if (outcome !== 'unchanged') result.skipped.push(`${file}: ${outcome}`);
        progress.report(++done, files.length);
      }
    });
    await Promise.all(lanes);
    result.cancelled = progress.isCancelled();
    if (!result.cancelled) this.cache.save(new Set(this.#hashes.values()));
    else this.cache.save();
    result.millis = nowMs() - started;
    return result;
  }

  /** (Re-)index one file; returns how it went, or the reason it was skipped. */
  async indexFile(file: string): Promise<'analysed' | 'cached' | 'unchanged' | string> {
    const uri = pathToFileURL(file).href;
    let bytes: Buffer;
    try {
      // Checked before reading: a pipe or device would block a thread forever, and a huge file
      // (up to gigabytes) would be read whole only to be refused.
      const stat = await fs.promises.stat(file);
      if (!stat.isFile() || stat.size > this.limits().maxBytes) {
        this.removeFile(file);
        const mb = (n: number) => (n / 1048576).toFixed(1);
        return stat.isFile() ? `too large (${mb(stat.size)} MB; the limit is ${mb(this.limits().maxBytes)} MB, setting articleLens.maxFileSize)` : 'not a regular file (a pipe, socket or device)';
      }
      bytes = await fs.promises.readFile(file);
    } catch (error) {
      this.removeFile(file);
      return `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`;
    }
    // The user's corrections are part of what the summary depends on: a changed sidecar re-indexes.
    const hash = createHash('sha1').update(bytes).update(annotationsFingerprint(file)).digest('hex');
    if (this.#hashes.get(uri) === hash) return 'unchanged';
    const cached = this.cache.get(hash);
    if (cached) {
      this.#hashes.set(uri, hash);
      this.index.setFile(uri, cached);
      return 'cached';
    }
    const { maxBytes } = this.limits();
    const read = decodeArticle(bytes, maxBytes);
    if (!read.ok) {
      this.removeFile(file);
      return read.reason;
    }
    try {
      const { annotations } = loadArticleAnnotations(file, read.text);
      const summary = await this.pool.summarize(read.text, read.text.length + 1, annotations);
      this.#hashes.set(uri, hash);
      this.cache.set(hash, summary);
      this.index.setFile(uri, summary);
      return 'analysed';
    } catch (error) {
      return (error as Error).message;
    }
  }

  removeFile(file: string): void {
    const uri = pathToFileURL(file).href;
    this.#hashes.delete(uri);
    this.index.deleteFile(uri);
  }

  /** Whether a changed path (absolute) is an article of one of `folders`. */
  static isArticle(file: string, folders: string[], rules: DiscoveryRules): boolean {
    return folders.some(folder => {
      const relative = path.relative(folder, file);
      return !relative.startsWith('..') && !path.isAbsolute(relative) && isArticlePath(relative, rules, file);
    });
  }

  /** Persist what changed since the last save (after watcher-driven updates). */
  flush(): void {
    this.cache.save();
  }
}
