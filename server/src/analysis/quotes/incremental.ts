/**
 * What the quote stage remembers of a document between analyses, so an edit costs about one
 * paragraph's work: per paragraph text, its mark-pairing scans and the folded forms and shapes
 * of its tokens. Everything remembered is a function of the paragraph's own text (plus, for a
 * scan, the mark carried in from the previous paragraph, which is part of its key), so a text
 * analysed with the memo gives exactly what a fresh analysis gives. Pairing across paragraphs,
 * speech events and speaker resolution stay document-level passes over compact data.
 */
import type { Layout } from '../layout';
import type { AnalysisMemo } from '../memo';
import type { Span } from '../types';
import { spellParagraph, type KnownSpellings, type ParagraphSpelling } from './context';
import { scanParagraph, type CarriedMark, type ParagraphScan, type ScanStats } from './scanner';

/** What is remembered of one paragraph text. */
interface ParagraphEntry {
  /** Its scans, by the text of the mark carried in ('' for none). */
  scans: Map<string, ParagraphScan>;
  spelling: ParagraphSpelling | null;
  /** The pass that last used it. */
  pass: number;
}

/**
 * The document's paragraph entries by text. One Map lookup per paragraph and analysis (a rolling
 * memo costs three), shared by the scan and the attribution through `entriesByLayout`; after each
 * pass the entries the new text no longer has are dropped, so the size follows the document.
 */
class ParagraphCache {
  readonly entries = new Map<string, ParagraphEntry>();
  readonly lowerWords: LowerWordIndex = new LowerWordIndex();
  pass = 0;
  readonly entriesByLayout = new WeakMap<Layout, ParagraphEntry[]>();

  /** The entries of `layout`'s paragraphs, in order. */
  entriesOf(layout: Layout): ParagraphEntry[] {
    let list = this.entriesByLayout.get(layout);
    if (list) return list;
    const pass = ++this.pass;
    list = new Array(layout.paragraphs.length);
    for (let p = 0; p < layout.paragraphs.length; p++) {
      const paragraph = layout.paragraphs[p];
      const source = layout.text.slice(paragraph.start, paragraph.end);
      let entry = this.entries.get(source);
      if (!entry) this.entries.set(source, (entry = { scans: new Map(), spelling: null, pass }));
      entry.pass = pass;
      list[p] = entry;
    }
    for (const [source, entry] of this.entries) if (entry.pass !== pass) this.entries.delete(source);
    this.entriesByLayout.set(layout, list);
    return list;
  }
}

function cacheOf(memo: AnalysisMemo): ParagraphCache {
  const stage = memo.stage<ParagraphCache>('quote-paragraphs');
  let cache = stage.get('');
  if (!cache) stage.set('', (cache = new ParagraphCache()));
  return cache;
}

/**
 * A scan function for `scanMarks` that remembers each paragraph's scan by its text and carried
 * mark: the scan reads the paragraph's text, its sentences (cut from that text alone by the
 * layout) and the text and family of the carried mark (its text decides its family). The
 * scare-quote decisions stored on its quotes read the paragraph's text only.
 */
export function rememberedScans(layout: Layout, memo: AnalysisMemo, stats?: ScanStats) {
  const entries = cacheOf(memo).entriesOf(layout);
  let p = 0;
  return (source: string, sentencesOf: () => Span[], carried: CarriedMark | null): ParagraphScan => {
    // Called once per paragraph, in order.
    const entry = entries[p++];
    const key = carried ? carried.text : '';
    let scan = entry.scans.get(key);
    if (!scan) {
      scan = scanParagraph(source, sentencesOf(), carried, stats);
      entry.scans.set(key, scan);
    }
    return scan;
  };
}

/**
 * Remembered token spellings of `layout`'s paragraphs, and the lower-case words of the whole text
 * kept up to date from them (`buildView` asks for every paragraph's spelling before any word).
 */
export function rememberedSpellings(layout: Layout, memo: AnalysisMemo): KnownSpellings {
  const cache = cacheOf(memo);
  const entries = cache.entriesOf(layout);
  let updated = false;
  return {
    paragraph(p: number, from: number, to: number): ParagraphSpelling {
      // The layout cuts a paragraph's tokens from its text alone, so their spelling depends on its text.
      const entry = entries[p];
      entry.spelling ??= spellParagraph(layout.tokens, from, to);
      return entry.spelling;
    },
    lowerWords: {
      has(word: string): boolean {
        if (!updated) {
          cache.lowerWords.update(entries);
          updated = true;
        }
        return cache.lowerWords.has(word);
      },
    },
  };
}

/**
 * The lower-case words of a text as counts over its paragraph entries, updated by the difference
 * between the entries of the last text and of this one: linear in paragraphs, and in the words of
 * the paragraphs that changed.
 */
class LowerWordIndex {
  #counts = new Map<string, number>();
  #members = new Map<ParagraphEntry, number>();

  update(entries: ParagraphEntry[]): void {
    const next = new Map<ParagraphEntry, number>();
    for (const entry of entries) next.set(entry, (next.get(entry) ?? 0) + 1);
    for (const [entry, count] of this.#members) {
      const change = (next.get(entry) ?? 0) - count;
      if (change !== 0) this.#add(entry, change);
    }
    for (const [entry, count] of next) if (!this.#members.has(entry)) this.#add(entry, count);
    this.#members = next;
  }

  has(word: string): boolean {
    return this.#counts.has(word);
  }

  #add(entry: ParagraphEntry, change: number): void {
    for (const word of (entry.spelling as ParagraphSpelling).lower) {
      const count = (this.#counts.get(word) ?? 0) + change;
      if (count > 0) this.#counts.set(word, count);
      else this.#counts.delete(word);
    }
  }
}
