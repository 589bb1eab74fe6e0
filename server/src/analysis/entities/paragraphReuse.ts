/**
 * Reuse of per-paragraph entity results across analyses of one edited document. A paragraph's
 * result is a pure function of its text and language (its tokens, sentences and their spacing come
 * from the paragraph's text alone, see `layout.ts`). After an edit, the texts before and after it
 * are the same, so a paragraph there is found by its position in the previous analysis without
 * hashing its text (a keystroke in a 1 MB article would otherwise hash the whole megabyte); only
 * paragraphs in the edited stretch are looked up by text among the previous ones that changed,
 * and a re-tagged paragraph reuses the previous tagging of its unchanged sentences.
 */
import type { Memo } from '../memo';
import type { EntityType, Language, Paragraph, Span } from '../types';
import type { PropagationUnit } from './propagate';
import type { TokenSpan } from './rules';
import type { RawMention } from './index';

/**
 * One paragraph's per-sentence results, the same for every paragraph with its text and language;
 * as a propagation unit it also keeps its last propagation.
 */
export interface ParagraphTagging extends PropagationUnit {
  language: Language;
  /** How many layout sentences and tokens the paragraph has. */
  sentenceCount: number;
  tokenCount: number;
  /** Token offsets relative to the paragraph's start. */
  starts: number[];
  ends: number[];
  /** Per sentence (of `sentences`, those with tokens), its first token relative to the paragraph's first. */
  froms: number[];
  /** URL ranges relative to the paragraph's start, found on first use (URLs never cross a line). */
  urls?: Span[];
  /** The mentions of the last propagation's spans. */
  found?: ParagraphMentions;
}

/** A paragraph's mentions: offsets relative to its start (start, end per mention), types and gazetteer keys. */
export interface ParagraphMentions {
  /** The spans per sentence they come from. */
  final: TokenSpan[][];
  offsets: number[];
  types: EntityType[];
  keys: (string | undefined)[];
  /**
   * The mentions at their offsets in the document when the paragraph started at `base`: a
   * paragraph before the edit hands out the same objects again instead of new ones (read only).
   */
  placed?: RawMention[];
  base?: number;
}

/** What one analysis leaves for the next. */
export interface PreviousAnalysis {
  text: string;
  paragraphs: Span[];
  taggings: ParagraphTagging[];
  /** How many paragraph results it took from the analysis before it. */
  reused: number;
}

/**
 * The key of a sentence's per-sentence pass: language, token texts and the spacing between tokens
 * (everything the pass reads). `starts`/`ends` are the paragraph's token offsets, `words` the
 * sentence's token texts, its first token at `from`.
 */
export function sentenceKey(language: string, words: string[], starts: number[], ends: number[], from: number): string {
  let key = language;
  for (let i = 0; i < words.length; i++) key += `\u0001${words[i]}\u0002${i + 1 < words.length ? starts[from + i + 1] - ends[from + i] : 0}`;
  return key;
}

// Strings are compared this many characters at a time first: slices of flat strings compare natively.
const CHUNK = 4096;

/** Length of the common prefix of two strings. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of two strings, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i + CHUNK <= limit && a.slice(a.length - i - CHUNK, a.length - i) === b.slice(b.length - i - CHUNK, b.length - i)) i += CHUNK;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** Finds the previous analysis's result for each paragraph of the new text, in order. */
export class ParagraphReuse {
  readonly #previous?: PreviousAnalysis;
  readonly #text: string;
  /** The new text equals the previous one on `[0, prefix)` and on its last `suffix` characters. */
  #prefix = 0;
  #suffix = 0;
  /** Next previous paragraph to compare with (the new paragraphs come in order). */
  #next = 0;
  #reused = 0;
  /** Previous paragraphs in the edited stretch, by text, and their sentences by key; built on first need. */
  #byText?: Map<string, ParagraphTagging>;
  #bySentence?: Map<string, TokenSpan[]>;

  constructor(text: string, previous?: PreviousAnalysis) {
    this.#text = text;
    this.#previous = previous;
    if (previous) {
      this.#prefix = commonPrefix(previous.text, text);
      this.#suffix = commonSuffix(previous.text, text, Math.min(previous.text.length, text.length) - this.#prefix);
    }
  }

  /** The previous result for `paragraph` (the next paragraph of the new text), if its text is unchanged. */
  find(paragraph: Paragraph): ParagraphTagging | undefined {
    const previous = this.#previous;
    if (!previous) return undefined;
    const { paragraphs, taggings } = previous;
    const shift = this.#text.length - previous.text.length;
    // Before the edit a paragraph keeps its offsets; after it, it moves by the edit's length.
    const delta = paragraph.end <= this.#prefix ? 0 : paragraph.start >= this.#text.length - this.#suffix ? shift : undefined;
    if (delta !== undefined) {
      const start = paragraph.start - delta;
      while (this.#next < paragraphs.length && paragraphs[this.#next].start < start) this.#next++;
      const old = paragraphs[this.#next];
      if (old && old.start === start && old.end === paragraph.end - delta && taggings[this.#next].language === paragraph.language) {
        this.#reused++;
        return taggings[this.#next++];
      }
    }
    const tagging = this.#edited().get(this.#text.slice(paragraph.start, paragraph.end));
    if (tagging && tagging.language === paragraph.language) {
      this.#reused++;
      return tagging;
    }
    return undefined;
  }

  /** Spans of the previous sentences in the edited stretch, by `sentenceKey`. */
  sentences(): Map<string, TokenSpan[]> {
    if (!this.#bySentence) {
      this.#bySentence = new Map();
      for (const tagging of this.#edited().values()) {
        tagging.sentences.forEach((s, k) => this.#bySentence!.set(sentenceKey(tagging.language, s.words, tagging.starts, tagging.ends, tagging.froms[k]), s.spans));
      }
    }
    return this.#bySentence;
  }

  /** The previous paragraphs that are not wholly before or after the edit, by text. */
  #edited(): Map<string, ParagraphTagging> {
    if (!this.#byText) {
      this.#byText = new Map();
      const previous = this.#previous;
      if (previous) {
        const tail = previous.text.length - this.#suffix;
        previous.paragraphs.forEach((p, k) => {
          if (p.end > this.#prefix && p.start < tail) this.#byText!.set(previous.text.slice(p.start, p.end), previous.taggings[k]);
        });
      }
    }
    return this.#byText;
  }

  /** What this analysis leaves for the next one. */
  result(paragraphs: Span[], taggings: ParagraphTagging[]): PreviousAnalysis {
    return { text: this.#text, paragraphs, taggings, reused: this.#reused };
  }
}

/** The previous analysis kept in a document's memo, if any. */
export function previousAnalysis(memo?: Memo<PreviousAnalysis>): PreviousAnalysis | undefined {
  return memo?.get('');
}
