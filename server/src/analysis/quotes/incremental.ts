/**
 * What the quote stage remembers of a document between analyses, so an edit costs about one
 * paragraph's work. Per paragraph text: its mark-pairing scans (by the mark carried in from the
 * previous paragraph) and the folded forms and shapes of its tokens. Per paragraph position: the
 * attribution facts (`paragraphFacts.ts`), reused while every paragraph they read is unchanged
 * (same text, same mentions and quotes relative to it, same distance to its neighbours) and the
 * lower-case words they asked about get the same answers. Paragraphs are matched with the last
 * analysis's through the text's unchanged head and tail, so an unchanged paragraph costs a few
 * comparisons, not a hash of its text. Resolution and carry-over stay document-level passes over
 * events, mentions and quotes.
 */
import type { Layout } from '../layout';
import { ownCopy } from '../ownCopy';
import type { AnalysisMemo } from '../memo';
import { spellParagraph, spellTokens, type ParagraphSpelling, type ViewSource } from './context';
import { titlesOf, type TitleFacts, type Titles } from './discourse';
import { paragraphFacts, type ParagraphFacts } from './paragraphFacts';
import type { ParagraphScan, RememberedScans } from './scanner';
import type { Tables } from './tables';
import { firstTokenStartingAt } from '../search';

/** What is remembered of one paragraph text. */
interface ParagraphEntry {
  /** The paragraph text, its key. */
  source: string;
  /** Its scans, by the text of the mark carried in ('' for none). */
  scans: Map<string, ParagraphScan>;
  spelling: ParagraphSpelling | null;
  /** The pass that last used it. */
  pass: number;
}

/** The paragraphs of one analysed text, as the next analysis compares them. */
interface Snapshot {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  entries: ParagraphEntry[];
}

/** How a layout's paragraphs match the last analysed text's. */
interface Alignment {
  entries: ParagraphEntry[];
  /** The paragraphs' offsets. */
  starts: Int32Array;
  ends: Int32Array;
  /** How many paragraphs at the start are unchanged (the rest that are sit in the unchanged tail). */
  head: number;
  /** The last text's paragraph each paragraph is, or -1. */
  previous: Int32Array;
}

/**
 * The document's paragraph entries by text, and the last analysis's paragraphs. One alignment per
 * layout, shared by the scan and the attribution; after each pass the entries the new text no
 * longer has are dropped, so the size follows the document.
 */
class ParagraphCache {
  readonly entries = new Map<string, ParagraphEntry>();
  readonly lowerWords: LowerWordIndex = new LowerWordIndex();
  pass = 0;
  last: Snapshot | null = null;
  readonly alignments = new WeakMap<Layout, Alignment>();
  /** The attribution facts of the last analysis, by paragraph, and what they were read from. */
  facts: ParagraphFacts[] | null = null;
  /** The title words gathered from the last analysis's facts, and the facts' title lists they came from. */
  titles: { lists: TitleFacts[][]; titles: Titles } | null = null;
  /** The tables of the last analysis (typed arrays and strings: nothing of the layout's). */
  local: Tables | null = null;

  alignmentOf(layout: Layout): Alignment {
    let alignment = this.alignments.get(layout);
    if (alignment) return alignment;
    const pass = ++this.pass;
    const count = layout.paragraphs.length;
    const previous = new Int32Array(count).fill(-1);
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    const last = this.last;
    const { head, tail } = last ? unchangedParagraphs(last, layout) : { head: 0, tail: 0 };
    if (last) {
      const shift = layout.text.length - last.text.length;
      starts.set(last.starts.subarray(0, head));
      ends.set(last.ends.subarray(0, head));
      for (let p = 0; p < head; p++) previous[p] = p;
      for (let k = 1; k <= tail; k++) {
        const q = last.starts.length - k;
        starts[count - k] = last.starts[q] + shift;
        ends[count - k] = last.ends[q] + shift;
        previous[count - k] = q;
      }
    }
    // Only the paragraphs between the unchanged head and tail are read from the layout.
    for (let p = head; p < count - tail; p++) {
      const paragraph = layout.paragraphs[p];
      starts[p] = paragraph.start;
      ends[p] = paragraph.end;
    }
    const entries: ParagraphEntry[] = new Array(count);
    for (let p = 0; p < count; p++) {
      let entry = previous[p] >= 0 ? (last as Snapshot).entries[previous[p]] : undefined;
      if (!entry) {
        const text = layout.text.slice(starts[p], ends[p]);
        entry = this.entries.get(text);
        if (!entry) {
          // Kept as a key beyond this analysis: a slice would keep this whole version of the text alive.
          const source = ownCopy(text);
          this.entries.set(source, (entry = { source, scans: new Map(), spelling: null, pass }));
        }
      }
      entry.pass = pass;
      entries[p] = entry;
    }
    // Only the last text's paragraphs that were not matched may have gone out of use.
    if (last) {
      for (let q = head; q < last.starts.length - tail; q++) {
        const entry = last.entries[q];
        if (entry.pass !== pass) this.entries.delete(entry.source);
      }
    }
    this.last = { text: layout.text, starts, ends, entries };
    alignment = { entries, previous, head, starts, ends };
    this.alignments.set(layout, alignment);
    return alignment;
  }
}

/**
 * How many paragraphs at the start and at the end of `layout` are the last text's, unchanged.
 * A paragraph is a trimmed line, so one whose line (and the line breaks around it) lies in the
 * text's unchanged head or tail is the same paragraph, at the same index from that end: this is
 * known from the last text's offsets without reading the layout's paragraph objects (each read of
 * one costs as much as a hash table lookup: they do not share a shape). The two paragraphs at the
 * borders are read to check it.
 */
function unchangedParagraphs(last: Snapshot, layout: Layout): { head: number; tail: number } {
  // The layout found the edit from the same last text already (the same string: compared by reference).
  const edit = layout.edit;
  const same = edit && edit.previous === last.text ? { head: edit.start, tail: last.text.length - edit.oldEnd } : unchangedEnds(last.text, layout.text);
  const count = layout.paragraphs.length;
  const previousCount = last.starts.length;
  let head = 0;
  // The next paragraph starts after the line break that ends this one.
  while (head + 1 < previousCount && head < count && last.starts[head + 1] <= same.head) head++;
  let tail = 0;
  const tailFrom = last.text.length - same.tail;
  // The previous paragraph ends before the line break that starts this one.
  while (tail < previousCount - head - 1 && tail < count - head && last.ends[previousCount - tail - 2] >= tailFrom) tail++;
  const shift = layout.text.length - last.text.length;
  const matches = (p: number, q: number, by: number) => layout.paragraphs[p].start === last.starts[q] + by && layout.paragraphs[p].end === last.ends[q] + by;
  if (head > 0 && !matches(head - 1, head - 1, 0)) return { head: 0, tail: 0 };
  if (tail > 0 && !matches(count - tail, previousCount - tail, shift)) return { head, tail: 0 };
  return { head, tail };
}

/** Chunk size for comparing texts: slices are compared natively, a chunk at a time. */
const CHUNK = 4096;

/** How many characters `a` and `b` share at their start, and then at their end (not overlapping it). */
function unchangedEnds(a: string, b: string): { head: number; tail: number } {
  const max = Math.min(a.length, b.length);
  let head = 0;
  while (head < max) {
    const to = Math.min(max, head + CHUNK);
    if (a.slice(head, to) !== b.slice(head, to)) break;
    head = to;
  }
  while (head < max && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  let tail = 0;
  const room = max - head;
  while (tail < room) {
    const to = Math.min(room, tail + CHUNK);
    if (a.slice(a.length - to, a.length - tail) !== b.slice(b.length - to, b.length - tail)) break;
    tail = to;
  }
  while (tail < room && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { head, tail };
}

function cacheOf(memo: AnalysisMemo): ParagraphCache {
  const stage = memo.stage<ParagraphCache>('quote-paragraphs');
  let cache = stage.get('');
  if (!cache) stage.set('', (cache = new ParagraphCache()));
  return cache;
}

/**
 * Scans for `scanMarks`, remembered per paragraph text and carried mark: a scan reads the
 * paragraph's text, its sentences (cut from that text alone by the layout) and the text and
 * family of the carried mark (its text decides its family). The scare-quote decisions stored on
 * its quotes read the paragraph's text only.
 */
export function rememberedScans(layout: Layout, memo: AnalysisMemo): RememberedScans {
  const entries = cacheOf(memo).alignmentOf(layout).entries;
  return {
    get: (p, carried) => entries[p].scans.get(carried ? carried.text : ''),
    set: (p, carried, scan) => entries[p].scans.set(carried ? carried.text : '', scan),
  };
}

/** Spellings (per paragraph, or of all tokens at once), the first token of each paragraph, and the text's lower-case words. */
export interface Spelled {
  spellings: ParagraphSpelling[] | null;
  whole?: { folded: string[]; shape: Uint8Array };
  firstToken: Int32Array;
  lowerWords: { has(word: string): boolean };
}

/** Spell a layout without a memo: all tokens in one pass. `ends` are the paragraphs' ends. */
export function spellLayout(layout: Layout, ends: Int32Array): Spelled {
  const count = ends.length;
  const firstToken = new Int32Array(count + 1);
  const tokens = layout.tokens;
  // A token belongs to the first paragraph ending after its start (the last one takes the rest).
  let p = 0;
  for (let i = 0; i < tokens.length; i++) {
    const start = tokens[i].start;
    while (p < count - 1 && start >= ends[p]) firstToken[++p] = i;
  }
  while (p < count - 1) firstToken[++p] = tokens.length;
  firstToken[count] = tokens.length;
  const { folded, shape, lower } = spellTokens(layout.tokens);
  return { spellings: null, whole: { folded, shape }, firstToken, lowerWords: lower };
}

/** One past the last token of paragraph `p`, whose first token is `from`: the first token starting at or after its end. */
function tokensUpTo(layout: Layout, p: number, from: number): number {
  return firstTokenStartingAt(layout.tokens, layout.paragraphs[p].end, from);
}

/**
 * Remembered spellings of `layout`'s paragraphs (the layout cuts a paragraph's tokens from its text
 * alone, so their spelling depends on its text), and the lower-case words of the whole text kept
 * up to date from them.
 */
/** The paragraphs' offsets, as read when they were matched with the last text's. */
export function paragraphSpans(layout: Layout, memo: AnalysisMemo): { starts: Int32Array; ends: Int32Array } {
  return cacheOf(memo).alignmentOf(layout);
}

export function rememberedSpellings(layout: Layout, memo: AnalysisMemo): Spelled {
  const cache = cacheOf(memo);
  const entries = cache.alignmentOf(layout).entries;
  const count = layout.paragraphs.length;
  const spellings: ParagraphSpelling[] = new Array(count);
  const firstToken = new Int32Array(count + 1);
  let from = 0;
  for (let p = 0; p < count; p++) {
    firstToken[p] = from;
    const entry = entries[p];
    if (!entry.spelling) entry.spelling = spellParagraph(layout.tokens, from, tokensUpTo(layout, p, from));
    spellings[p] = entry.spelling;
    from += entry.spelling.folded.length;
  }
  firstToken[count] = layout.tokens.length;
  cache.lowerWords.update(entries);
  return { spellings, firstToken, lowerWords: cache.lowerWords };
}

/**
 * The lower-case words of a text as counts over its paragraph entries, updated by the difference
 * between the entries of the last text and of this one: linear in paragraphs, and in the words of
 * the paragraphs that changed.
 */
class LowerWordIndex {
  #counts = new Map<string, number>();
  #members = new Map<ParagraphEntry, number>();
  #entries: ParagraphEntry[] = [];

  update(entries: ParagraphEntry[]): void {
    if (entries === this.#entries) return;
    this.#entries = entries;
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

/** True when paragraph `p` of `now` and paragraph `q` of `before` have the same mentions and quotes relative to their starts. */
function sameSurroundings(now: Tables, p: number, before: Tables, q: number): boolean {
  const at = now.paragraphStarts[p];
  const was = before.paragraphStarts[q];
  const m0 = now.mentionStart[p];
  const count = now.mentionStart[p + 1] - m0;
  const n0 = before.mentionStart[q];
  if (before.mentionStart[q + 1] - n0 !== count) return false;
  for (let k = 0; k < count; k++) {
    const a = m0 + k;
    const b = n0 + k;
    if (now.mentionStarts[a] - at !== before.mentionStarts[b] - was || now.mentionEnds[a] - at !== before.mentionEnds[b] - was) return false;
    if (now.mentionTypes[a] !== before.mentionTypes[b] || now.mentionIds[a] !== before.mentionIds[b]) return false;
  }
  const q0 = now.quoteFrom[p];
  const quotes = now.quoteTo[p] - q0;
  const r0 = before.quoteFrom[q];
  if (before.quoteTo[q] - r0 !== quotes) return false;
  for (let k = 0; k < quotes; k++) {
    if (now.quoteStarts[q0 + k] - at !== before.quoteStarts[r0 + k] - was || now.quoteEnds[q0 + k] - at !== before.quoteEnds[r0 + k] - was) return false;
  }
  return true;
}

/**
 * The attribution facts of every paragraph: the last analysis's where they still hold, the others
 * read again from windows around runs of changed paragraphs. `safe` says the windows may be used
 * (mentions and quotes sorted, not overlapping, and no mention crossing a paragraph break).
 */
export function rememberedFacts(source: ViewSource, memo: AnalysisMemo, tables: Tables, safe: boolean): ParagraphFacts[] {
  const { quoteStart, mentionStart } = tables;
  const cache = cacheOf(memo);
  const { previous, head } = cache.alignmentOf(source.layout);
  const count = source.layout.paragraphs.length;
  const now = tables;
  const before = cache.local;
  const old = cache.facts;
  const facts: (ParagraphFacts | null)[] = new Array(count).fill(null);
  if (safe && before && old) {
    // Runs of paragraphs that are the same as before with the same neighbours: `runStart[p]`..`runEnd[p]`.
    const runStart = new Int32Array(count);
    const runEnd = new Int32Array(count);
    const stable = (p: number) => previous[p] >= 0 && sameSurroundings(now, p, before, previous[p]);
    for (let p = 0; p < count; p++) {
      // Paragraphs in the unchanged head and in the unchanged tail may be the same texts, but the
      // white space between the two parts may not be: a run stays on one side.
      const joins = p > 0 && runEnd[p - 1] === p - 1 && previous[p] - previous[p - 1] === 1 && (p < head) === (p - 1 < head);
      runStart[p] = stable(p) ? (joins ? runStart[p - 1] : p) : -1;
      runEnd[p] = runStart[p] >= 0 ? p : -1;
    }
    for (let p = count - 2; p >= 0; p--) if (runStart[p] >= 0 && runStart[p + 1] === runStart[p]) runEnd[p] = runEnd[p + 1];
    for (let p = 0; p < count; p++) {
      if (runStart[p] < 0) continue;
      const f = old[previous[p]];
      if (p + f.before < runStart[p] || p + f.after > runEnd[p]) continue;
      if (f.atStart && p + f.before !== 0) continue;
      if (f.atEnd && p + f.after !== count - 1) continue;
      if (!sameAnswers(f, source)) continue;
      facts[p] = f;
    }
  }
  // Read the rest, a run of neighbouring paragraphs at a time (or everything at once when unsafe).
  for (let p = 0; p < count; ) {
    if (facts[p]) { p++; continue; }
    let to = p;
    while (to + 1 < count && !facts[to + 1]) to++;
    const read = safe ? paragraphFacts(source, p, to, quoteStart, mentionStart, true) : paragraphFacts(source, 0, count - 1, quoteStart, mentionStart, false);
    if (!safe) {
      cache.facts = null;
      cache.local = null;
      return read;
    }
    for (let k = p; k <= to; k++) facts[k] = read[k - p];
    p = to + 1;
  }
  cache.facts = facts as ParagraphFacts[];
  cache.local = now;
  return facts as ParagraphFacts[];
}

/** True when the lower-case words and entity types the facts looked up still give the same answers. */
function sameAnswers(facts: ParagraphFacts, source: ViewSource): boolean {
  for (let k = 0; k < facts.asked.length; k++) if (source.lowerWords.has(facts.asked[k]) !== facts.answers[k]) return false;
  for (let k = 0; k < facts.entityTypes.length; k += 2) if ((source.entityById.get(facts.entityTypes[k])?.type ?? '') !== facts.entityTypes[k + 1]) return false;
  return true;
}

/**
 * The title words of the text's person entities: the last analysis's when every paragraph's title
 * facts are the same, in the same order (an edit seldom touches a person's titles), else gathered
 * again in text order (`titlesOf`).
 */
export function rememberedTitles(facts: ParagraphFacts[], memo: AnalysisMemo): Titles {
  const cache = cacheOf(memo);
  const lists: TitleFacts[][] = [];
  for (const f of facts) if (f.titles.length) lists.push(f.titles);
  const last = cache.titles;
  if (last && last.lists.length === lists.length && lists.every((list, k) => sameTitleFacts(list, last.lists[k]))) {
    last.lists = lists;
    return last.titles;
  }
  cache.titles = { lists, titles: titlesOf(facts) };
  return cache.titles.titles;
}

function sameTitleFacts(a: TitleFacts[], b: TitleFacts[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x.id !== y.id || x.titled !== y.titled || !sameStrings(x.words, y.words) || !sameStrings(x.genders, y.genders)) return false;
  }
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
