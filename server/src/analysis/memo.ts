/**
 * Memos that let an edited document be re-analysed paragraph by paragraph. A stage's per-unit
 * work (a paragraph's layout, a sentence's tagging, a paragraph's dates…) is a pure function of
 * its key, so a result is reused whenever the same key comes back. Each key must hold everything
 * the unit's computation reads, which keeps the result identical to a fresh analysis.
 */
import type { Span, Token } from './types';

/** The part of a Map a memo needs. */
export interface Memo<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): unknown;
}

/**
 * A memo that forgets what the last analysis did not use: lookups see what the current or the
 * previous analysis used or set, and `roll()` starts a new one, so its size follows the document,
 * not its history.
 */
export class RollingMemo<V> implements Memo<V> {
  // One map whose entries carry the last analysis (generation) that used them: a lookup marks its
  // entry in place, where a map per generation re-inserted every used entry at each analysis.
  #entries = new Map<string, { value: V; used: number }>();
  #generation = 0;
  #used = 0;

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#markUsed(entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.#entries.set(key, { value, used: this.#generation });
      this.#used++;
    } else {
      this.#markUsed(entry);
      entry.value = value;
    }
  }

  #markUsed(entry: { used: number }): void {
    if (entry.used === this.#generation) return;
    entry.used = this.#generation;
    this.#used++;
  }

  /** Begin a new analysis: what the one ending did not use is dropped. */
  roll(): void {
    for (const [key, entry] of this.#entries) if (entry.used !== this.#generation) this.#entries.delete(key);
    this.#generation++;
    this.#used = 0;
  }

  /** Entries used or set since the last roll. */
  get size(): number {
    return this.#used;
  }
}

/** Per-document memos, handed to `analyzeText` through `AnalyzeOptions.memo`. */
export interface AnalysisMemo {
  paragraphs: Memo<{ tokens: Token[]; sentences: Span[] }>;
  /** The memo of a named stage ("dates", "quote-events"…), created on first use; one per stage so keys never collide. */
  stage<V>(name: string): Memo<V>;
}

/** A fresh set of rolling memos, and the call that starts each analysis. */
export function createAnalysisMemo(): AnalysisMemo & { roll(): void } {
  const paragraphs = new RollingMemo<{ tokens: Token[]; sentences: Span[] }>();
  const stages = new Map<string, RollingMemo<unknown>>();
  const stage = <V>(name: string): Memo<V> => {
    let memo = stages.get(name);
    if (!memo) stages.set(name, (memo = new RollingMemo<unknown>()));
    return memo as Memo<V>;
  };
  const roll = () => {
    paragraphs.roll();
    for (const memo of stages.values()) memo.roll();
  };
  return { paragraphs, stage, roll };
}
