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
 * A memo that forgets what the last analysis did not use: lookups fall back to the previous
 * generation, and `roll()` starts a new one, so its size follows the document, not its history.
 */
export class RollingMemo<V> implements Memo<V> {
  #previous = new Map<string, V>();
  #current = new Map<string, V>();

  get(key: string): V | undefined {
    let value = this.#current.get(key);
    if (value === undefined) {
      value = this.#previous.get(key);
      if (value !== undefined) this.#current.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#current.set(key, value);
  }

  /** Begin a new analysis. */
  roll(): void {
    this.#previous = this.#current;
    this.#current = new Map();
  }

  get size(): number {
    return this.#current.size;
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
