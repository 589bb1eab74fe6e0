/**
 * Memos that let an edited document be re-analysed paragraph by paragraph. The expensive
 * per-paragraph and per-sentence passes (layout, entity tagging) are pure functions of their own
 * text, so their results can be reused whenever the same text comes back; the document-level
 * passes (identity, propagation, dates, quote pairing and attribution) always run on the whole
 * text, which keeps the result identical to a fresh analysis.
 */
import type { TokenSpan } from './entities/rules';
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
  sentences: Memo<TokenSpan[]>;
}

/** A fresh pair of rolling memos, and the call that starts each analysis. */
export function createAnalysisMemo(): AnalysisMemo & { roll(): void } {
  const paragraphs = new RollingMemo<{ tokens: Token[]; sentences: Span[] }>();
  const sentences = new RollingMemo<TokenSpan[]>();
  return { paragraphs, sentences, roll: () => { paragraphs.roll(); sentences.roll(); } };
}
