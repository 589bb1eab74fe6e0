/**
 * Document-level consistency of the entity tagging. (1) A one-word span or untagged capitalized
 * word equal to the last word of a multi-word person name in the file is that person ("Hagel"
 * after "Chuck Hagel"). (2) A multi-word name, or a one-word name tagged at least twice, is tagged
 * at its untagged capitalized occurrences with its majority type.
 *
 * It runs over the whole file at every analysis, so it must be cheap after an edit: names are
 * compared as folded keys ("jean-yves le drian"), and every key a sentence contributes or looks up
 * is turned once into a small integer (`KeyIds`, kept per document in its memo) and kept with the
 * sentence. Building the file's tables and applying them is then a pass of array reads and writes
 * over spans and capitalized words, with no strings built.
 */
import { foldAccents } from '../fold';
import type { Memo } from '../memo';
import type { TokenSpan } from './rules';

/** A sentence's spans from the per-sentence pass, with what propagation derives from them (cached). */
export interface SentenceSpans {
  /** Token texts of the sentence. */
  words: string[];
  /** The per-sentence pass's spans, sorted; never modified (they may be memoized). */
  spans: TokenSpan[];
  /** Folded words (case and accents), filled on demand. */
  folded: (string | undefined)[];
  /** The sentence's keys as ids of the `KeyIds` they were taken from. */
  ids?: SentenceIds;
}

/** A sentence's per-sentence pass result, ready for `propagate`. */
export function sentenceSpans(words: string[], spans: TokenSpan[]): SentenceSpans {
  return { words, spans, folded: new Array<string | undefined>(words.length) };
}

/** Folded keys numbered in order of first use, so the tables of a file are arrays. */
export class KeyIds {
  readonly keys: string[] = [];
  readonly #ids = new Map<string, number>();
  /** Per key id, the ids of its proper word prefixes ("le", "le drian" for "le drian jr"), on demand. */
  readonly #prefixes: (Int32Array | undefined)[] = [];

  id(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.#ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  prefixesOf(id: number): Int32Array {
    let prefixes = this.#prefixes[id];
    if (!prefixes) {
      const words = this.keys[id].split(' ');
      prefixes = new Int32Array(words.length - 1);
      let prefix = words[0];
      for (let k = 1; k < words.length; k++) {
        prefixes[k - 1] = this.id(prefix);
        prefix += ` ${words[k]}`;
      }
      this.#prefixes[id] = prefixes;
    }
    return prefixes;
  }

  get size(): number {
    return this.keys.length;
  }
}

// A document's key ids are dropped for fresh ones past this many keys (edits keep adding keys);
// sentences then re-derive their ids from their cached strings.
const MAX_KEYS = 200_000;

/** The key ids of a document: kept in its memo across analyses, fresh without one. */
export function keyIdsOf(memo?: Memo<KeyIds>): KeyIds {
  let ids = memo?.get('');
  if (!ids || ids.size > MAX_KEYS) ids = new KeyIds();
  memo?.set('', ids);
  return ids;
}

// Last words of company and institution names whose first words are used alone for them.
const ORG_SUFFIXES = new Set(['corp', 'inc', 'ltd', 'co', 'llc', 'plc', 'sa', 'ag', 'gmbh', 'group', 'systems', 'company', 'corporation', 'university', 'technologies', 'holdings']);

/** Capitalized particles that begin French and Dutch surnames ("Le Drian", "De Gaulle", "Van Rompuy"). */
export const PARTICLE_HEADS = new Set(['le', 'la', 'de', 'du', 'des', 'van', 'von', 'der', 'den', 'di', 'da', 'al', 'el', 'ben', 'bin', 'mac', 'mc']);

// Accents only need stripping outside ASCII; most words skip the costly normalization. Memoized.
const ASCII = /^[\x00-\x7f]*$/;
const foldedWords = new Map<string, string>();
function fold(w: string): string {
  let f = foldedWords.get(w);
  if (f === undefined) {
    f = ASCII.test(w) ? w.toLowerCase() : foldAccents(w);
    if (foldedWords.size >= 50_000) foldedWords.clear();
    foldedWords.set(w, f);
  }
  return f;
}

function foldedAt(s: SentenceSpans, k: number): string {
  return s.folded[k] ?? (s.folded[k] = fold(s.words[k]));
}

function joinFolded(s: SentenceSpans, from: number, to: number): string {
  let key = foldedAt(s, from);
  for (let j = from + 1; j < to; j++) key += ` ${foldedAt(s, j)}`;
  return key;
}

const UPPER_START = /^\p{Lu}/u;
const UPPER_OR_DIGIT_START = /^[\p{Lu}\p{N}]/u;

/** Whether a word starts with a capital letter (ASCII fast path). */
function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(w);
}

/** Whether a word starts with a capital letter or a digit. */
function startsUpperOrDigit(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return UPPER_OR_DIGIT_START.test(w);
}

// Facts about a key, as bits.
const SURNAME = 1; // the last word of a multi-word person name
const NAME_PART = 2; // a part of a full person name: a multi-word surname ("le drian") or a first name ("lucas")
const ORG_PREFIX = 4; // a proper prefix of a company or institution name ("ciena" of "Ciena Corp.")
const PREFIX = 8; // a proper prefix of a key with a majority type

// Span types as small codes (the tagger's types; the recognizer keeps PER, ORG and LOC).
const TYPE_NAMES = ['PER', 'ORG', 'LOC', 'MISC'];
const TYPE_SLOTS = TYPE_NAMES.length;
function typeCode(type: string): number {
  const code = TYPE_NAMES.indexOf(type);
  if (code < 0) throw new Error(`unexpected entity type ${type}`);
  return code;
}

/** What a sentence contributes to and looks up in the file's tables, as key ids. */
interface SentenceIds {
  owner: KeyIds;
  /** Per span: its key, its type code, and the key with the particle before it ("le drian") or -1. */
  keys: Int32Array;
  types: Uint8Array;
  particles: Int32Array;
  /** (fact bit, key id) pairs the spans add: surnames, name parts, organization prefixes. */
  marks: number[];
  /** Per word: the id of its folded form when it starts with a capital, else -1. */
  words: Int32Array;
  /** Capitalized (bit 1) and capitalized-or-digit (bit 2) words. */
  shapes: Uint8Array;
  /** Ids of runs of words ("north korea"), by `start * 8 + length`, found on demand. */
  runs?: Map<number, number>;
}

function idsOf(s: SentenceSpans, keyIds: KeyIds): SentenceIds {
  if (s.ids?.owner === keyIds) return s.ids;
  const count = s.spans.length;
  const keys = new Int32Array(count);
  const types = new Uint8Array(count);
  const particles = new Int32Array(count).fill(-1);
  const marks: number[] = [];
  for (let k = 0; k < count; k++) {
    const span = s.spans[k];
    const key = joinFolded(s, span.start, span.end);
    keys[k] = keyIds.id(key);
    // Numbered now, so every id the tables mark is below their size.
    keyIds.prefixesOf(keys[k]);
    types[k] = typeCode(span.type);
    const length = span.end - span.start;
    if (length >= 2 && span.type === 'PER') {
      const last = foldedAt(s, span.end - 1);
      if (last.length >= 3) marks.push(SURNAME, keyIds.id(last));
      for (let j = 1; j < length - 1; j++) marks.push(NAME_PART, keyIds.id(joinFolded(s, span.start + j, span.end)));
      const first = foldedAt(s, span.start);
      if (first.length >= 3 && !first.endsWith('.')) marks.push(NAME_PART, keyIds.id(first));
    }
    if (length >= 2 && span.type === 'ORG' && ORG_SUFFIXES.has(foldedAt(s, span.end - 1).replace(/\.$/, ''))) {
      for (let j = 1; j < length; j++) marks.push(ORG_PREFIX, keyIds.id(joinFolded(s, span.start, span.start + j)));
    }
    // Whatever type the span ends up with, a particle before it is looked up only if it is one.
    if (span.start > 0) {
      const particle = foldedAt(s, span.start - 1);
      if (PARTICLE_HEADS.has(particle)) particles[k] = keyIds.id(`${particle} ${key}`);
    }
  }
  const n = s.words.length;
  const words = new Int32Array(n).fill(-1);
  const shapes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const w = s.words[i];
    if (startsUpper(w)) {
      shapes[i] = 3;
      words[i] = keyIds.id(foldedAt(s, i));
    } else if (startsUpperOrDigit(w)) shapes[i] = 2;
  }
  return (s.ids = { owner: keyIds, keys, types, particles, marks, words, shapes });
}

/** The id of the run of words `[start, start + length)`, `length` ≥ 2. */
function runId(s: SentenceSpans, ids: SentenceIds, start: number, length: number, shorter: number): number {
  const runs = (ids.runs ??= new Map());
  const at = start * 8 + length;
  let id = runs.get(at);
  if (id === undefined) {
    id = ids.owner.id(`${ids.owner.keys[shorter]} ${foldedAt(s, start + length - 1)}`);
    runs.set(at, id);
  }
  return id;
}

/** The file's tables, indexed by key id. */
interface Tables {
  size: number;
  facts: Uint8Array;
  /** Type code of a clear (unique) majority of a key's spans, or -1. */
  clear: Int8Array;
  /** Majority type code (ties: the first seen) of a multi-word key or one tagged twice, or -1. */
  majority: Int8Array;
}

function buildTables(sentences: SentenceIds[], keyIds: KeyIds): Tables {
  const size = keyIds.size;
  const facts = new Uint8Array(size);
  const counts = new Int32Array(size * TYPE_SLOTS);
  // Per key, its types in order of first occurrence (ties go to the first seen).
  const order = new Int8Array(size * TYPE_SLOTS);
  const seen = new Uint8Array(size);
  const voted: number[] = [];
  for (const s of sentences) {
    for (let m = 0; m < s.marks.length; m += 2) facts[s.marks[m + 1]] |= s.marks[m];
    for (let k = 0; k < s.keys.length; k++) {
      const id = s.keys[k];
      const type = s.types[k];
      if (counts[id * TYPE_SLOTS + type]++ === 0) {
        if (seen[id] === 0) voted.push(id);
        order[id * TYPE_SLOTS + seen[id]++] = type;
      }
    }
  }
  const clear = new Int8Array(size).fill(-1);
  const majority = new Int8Array(size).fill(-1);
  for (const id of voted) {
    let best = order[id * TYPE_SLOTS];
    let unique = true;
    for (let r = 1; r < seen[id]; r++) {
      const type = order[id * TYPE_SLOTS + r];
      const count = counts[id * TYPE_SLOTS + type];
      const top = counts[id * TYPE_SLOTS + best];
      if (count > top) {
        best = type;
        unique = true;
      } else if (count === top) unique = false;
    }
    if (unique) clear[id] = best;
    const prefixes = keyIds.prefixesOf(id);
    if (prefixes.length === 0 && counts[id * TYPE_SLOTS + best] < 2) continue;
    majority[id] = best;
    for (let k = 0; k < prefixes.length; k++) facts[prefixes[k]] |= PREFIX;
  }
  return { size, facts, clear, majority };
}

const MAX_WORDS = 6;

/** A sentence's spans after propagation: retyped, widened over a particle, and added occurrences. Spans that did not change are the input objects. */
function applyTables(s: SentenceSpans, ids: SentenceIds, tables: Tables): TokenSpan[] {
  const { facts, clear, majority, size } = tables;
  const factsOf = (id: number) => (id >= 0 && id < size ? facts[id] : 0);
  let spans = s.spans;
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k];
    const id = ids.keys[k];
    // One name, one type in a file: a clear majority wins ("Donald Trump" tagged PER 5 times, ORG once).
    let type = clear[id] >= 0 ? TYPE_NAMES[clear[id]] : span.type;
    const known = facts[id];
    if (known & ORG_PREFIX) type = 'ORG';
    else if (type !== 'PER' && ((span.end - span.start === 1 && known & SURNAME) || known & NAME_PART)) type = 'PER';
    let start = span.start;
    // "Le" + "Drian" where the file has "Jean-Yves Le Drian": take the particle in.
    if (type === 'PER' && start > 0 && factsOf(ids.particles[k]) & NAME_PART && !spans.some(o => o.end === start)) start--;
    if (type !== span.type || start !== span.start) {
      if (spans === s.spans) spans = spans.slice();
      spans[k] = { ...span, start, type };
    }
  }
  const n = s.words.length;
  const shapes = ids.shapes;
  let covered: Uint8Array | undefined;
  let added: TokenSpan[] | undefined;
  for (let i = 0; i < n; i++) {
    if (!(shapes[i] & 1)) continue;
    if (!covered) {
      covered = new Uint8Array(n);
      for (const span of spans) covered.fill(1, span.start, span.end);
    }
    if (covered[i]) continue;
    let found: TokenSpan | null = null;
    for (let j = i, id = ids.words[i]; j < n && j - i < MAX_WORDS && !covered[j]; j++) {
      if (j > i) id = runId(s, ids, i, j - i + 1, id);
      if (id < size && majority[id] >= 0 && shapes[j] & 2) found = { start: i, end: j + 1, type: TYPE_NAMES[majority[id]] };
      if (!(factsOf(id) & PREFIX)) break;
    }
    if (!found && factsOf(ids.words[i]) & SURNAME && (i === 0 || !(shapes[i - 1] & 1))) found = { start: i, end: i + 1, type: 'PER' };
    if (found && (found.end < n ? !(shapes[found.end] & 1) : true)) {
      (added ??= []).push(found);
      i = found.end - 1;
    }
  }
  return added ? [...spans, ...added].sort((a, b) => a.start - b.start) : spans;
}

/** The spans of every sentence after document-level propagation, in the order given. */
export function propagate(sentences: SentenceSpans[], keyIds: KeyIds): TokenSpan[][] {
  const ids = sentences.map(s => idsOf(s, keyIds));
  const tables = buildTables(ids, keyIds);
  return sentences.map((s, k) => applyTables(s, ids[k], tables));
}
