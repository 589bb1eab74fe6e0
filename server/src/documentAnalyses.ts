/**
 * The server's cache of analyses: one per open document, keyed by URI and version, computed lazily
 * on the first request that needs it, so typing never pays for analyses nobody asks for. When the
 * entity model finishes loading, every cached analysis is dropped and recomputed on demand.
 * Each document keeps memos of its paragraph layouts and sentence tagging, so a keystroke re-cuts
 * and re-tags only the paragraph it touched (the result is the same as a fresh analysis).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type AnalyzeOptions } from './analysis/analyze';
import type { Analysis } from './analysis/types';
import type { Annotations } from './analysis/corrections/model';
import { createAnalysisMemo } from './analysis/memo';
import { nowMs } from './clock';

export class DocumentAnalyses {
  #cache = new Map<string, { version: number; analysis: Analysis; millis: number }>();
  #options: AnalyzeOptions = {};
  #annotationsFor: ((document: TextDocument) => Annotations | undefined) | undefined;
  #memos = new Map<string, ReturnType<typeof createAnalysisMemo>>();

  /** Where each document's corrections, watch-list and stop-list come from (the annotation layer). */
  setAnnotationSource(source: (document: TextDocument) => Annotations | undefined): void {
    this.#annotationsFor = source;
    this.#cache.clear();
  }

  /** Forget the analysis of `uri` (its corrections changed); it is recomputed on the next request. */
  invalidate(uri: string): void {
    this.#cache.delete(uri);
  }

  /** Replace the analysis options (model loaded, size limit changed): every cached result is stale. */
  setOptions(options: AnalyzeOptions): void {
    this.#options = { ...this.#options, ...options };
    this.#cache.clear();
    // Memoized tagging came from the old resources.
    this.#memos.clear();
  }

  get options(): AnalyzeOptions {
    return this.#options;
  }

  /** The analysis of the document's current version, computed now if needed. */
  get(document: TextDocument): Analysis {
    const cached = this.#cache.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    const started = nowMs();
    const annotations = this.#annotationsFor?.(document);
    let memo = this.#memos.get(document.uri);
    if (!memo) this.#memos.set(document.uri, (memo = createAnalysisMemo()));
    memo.roll();
    const analysis = analyzeText(document.getText(), { ...this.#options, ...(annotations ? { annotations } : {}), memo });
    this.#cache.set(document.uri, { version: document.version, analysis, millis: nowMs() - started });
    return analysis;
  }

  /** How long the last analysis of `uri` took, in milliseconds. */
  millis(uri: string): number | undefined {
    return this.#cache.get(uri)?.millis;
  }

  delete(uri: string): void {
    this.#cache.delete(uri);
    this.#memos.delete(uri);
  }
}
