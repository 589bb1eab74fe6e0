/**
 * Document-level consistency of the entity tagging. (1) A one-word span or untagged capitalized
 * word equal to the last word of a multi-word person name in the file is that person ("Hagel"
 * after "Chuck Hagel"). (2) A multi-word name, or a one-word name tagged at least twice, is tagged
 * at its untagged capitalized occurrences with its majority type.
 *
 * It runs over the whole file at every analysis, so it must be cheap after an edit: names are
 * compared as folded keys ("jean-yves le drian"), and every key a sentence contributes or looks up
 * is turned once into a small integer (`KeyIds`, kept per document in its memo) and kept with the
 * sentence. Building the file's tables is then a pass over small integer arrays, one per paragraph.
 * Applying them to a paragraph records which keys it looked up; at the next analysis, a paragraph
 * none of whose keys changed in the tables keeps its previous result without being applied again.
 */
import { foldAccents } from '../fold';
import type { Memo } from '../memo';
import { reshaped, tokenSpan, type TokenSpan } from './rules';

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
  /** Number of the last propagation with these ids, and its tables. */
  version = 0;
  tables?: Tables;
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

// A voted key's majority: none (0), of a one-word key, of a multi-word key.
const MAJORITY = 1;
const MULTIWORD_MAJORITY = 2;

// Span types as small codes (the tagger's types; the recognizer keeps PER, ORG and LOC).
const TYPE_NAMES = ['PER', 'ORG', 'LOC', 'MISC'];
const TYPE_SLOTS = TYPE_NAMES.length;
function typeCode(type: string): number {
  const code = TYPE_NAMES.indexOf(type);
  if (code < 0) throw new Error(`unexpected entity type ${type}`);
  return code;
}

/** What a sentence looks up in the file's tables, as key ids. */
interface SentenceIds {
  /** Per span: its key, and the key with the particle before it ("le drian") or -1. */
  keys: number[];
  particles: number[];
  /**
   * Per word: the id of its folded form when it starts with a capital (`UNNUMBERED` until first
   * needed), `DIGIT_START` when it starts with a digit, else `PLAIN`. One array for both the
   * shape and the id: it is made for every sentence of the file.
   */
  words: number[];
  /** Ids of runs of words ("north korea"), by `start * 8 + length`, found on demand. */
  runs?: Map<number, number>;
}

/** A unit of propagation (a paragraph): its sentences and what propagation keeps about it. */
export interface PropagationUnit {
  sentences: SentenceSpans[];
  propagation?: UnitPropagation;
}

interface UnitPropagation {
  owner: KeyIds;
  /** (key id, type code) per span, in order: the unit's votes. */
  votes: number[];
  /** (fact bit, key id) pairs the spans add: surnames, name parts, organization prefixes. */
  marks: number[];
  /** Per sentence, its key ids. */
  sentences: SentenceIds[];
  /** The last application: the propagation it was made in, the key ids it looked up, its spans per sentence. */
  version: number;
  lookups?: number[];
  final?: TokenSpan[][];
}

function propagationOf(unit: PropagationUnit, keyIds: KeyIds): UnitPropagation {
  if (unit.propagation?.owner === keyIds) return unit.propagation;
  const votes: number[] = [];
  const marks: number[] = [];
  const sentences = unit.sentences.map(s => sentenceIds(s, keyIds, votes, marks));
  return (unit.propagation = { owner: keyIds, votes, marks, sentences, version: -1 });
}

/** A sentence's key ids; its votes and marks are appended to `votes` and `marks`. */
function sentenceIds(s: SentenceSpans, keyIds: KeyIds, votes: number[], marks: number[]): SentenceIds {
  const count = s.spans.length;
  // Plain arrays of small integers: cheaper to make than typed arrays for a few elements.
  const keys = new Array<number>(count);
  const particles = count ? new Array<number>(count).fill(-1) : NO_PARTICLES;
  for (let k = 0; k < count; k++) {
    const span = s.spans[k];
    const key = joinFolded(s, span.start, span.end);
    keys[k] = keyIds.id(key);
    votes.push(keys[k], typeCode(span.type));
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
  const words = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const w = s.words[i];
    words[i] = startsUpper(w) ? UNNUMBERED : startsUpperOrDigit(w) ? DIGIT_START : PLAIN;
  }
  return { keys, particles, words };
}

/** The id of the run of words `[start, start + length)`, `length` ≥ 2. */
function runId(s: SentenceSpans, ids: SentenceIds, keyIds: KeyIds, start: number, length: number, shorter: number): number {
  const runs = (ids.runs ??= new Map());
  const at = start * 8 + length;
  let id = runs.get(at);
  if (id === undefined) {
    id = keyIds.id(`${keyIds.keys[shorter]} ${foldedAt(s, start + length - 1)}`);
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

// Vote counters per key id, reused by every propagation and zero between them: a document's key
// ids grow with its edits, its votes do not, so only the voted keys' entries are cleared after use.
// (`voteOrder` needs no clearing: a key's entries are written before they are read, as `voteSeen` grows.)
let voteCounts = new Int32Array(0);
let voteOrder = new Int8Array(0);
let voteSeen = new Uint8Array(0);

function buildTables(units: UnitPropagation[], keyIds: KeyIds): Tables {
  const voters = keyIds.size;
  if (voteSeen.length < voters) {
    const capacity = Math.max(voters, 2 * voteSeen.length);
    voteCounts = new Int32Array(capacity * TYPE_SLOTS);
    voteOrder = new Int8Array(capacity * TYPE_SLOTS);
    voteSeen = new Uint8Array(capacity);
  }
  const voted: number[] = [];
  try {
    return tablesFromVotes(units, keyIds, voteCounts, voteOrder, voteSeen, voted);
  } finally {
    for (const id of voted) {
      voteSeen[id] = 0;
      for (let t = 0; t < TYPE_SLOTS; t++) voteCounts[id * TYPE_SLOTS + t] = 0;
    }
  }
}

/**
 * `buildTables` with its counters: per key, `counts` of each type and `order` of first occurrence
 * of its types (ties go to the first seen), `seen` types; `voted` gets the keys with votes.
 */
function tablesFromVotes(units: UnitPropagation[], keyIds: KeyIds, counts: Int32Array, order: Int8Array, seen: Uint8Array, voted: number[]): Tables {
  for (const unit of units) {
    const { votes } = unit;
    for (let v = 0; v < votes.length; v += 2) {
      const id = votes[v];
      const type = votes[v + 1];
      if (counts[id * TYPE_SLOTS + type]++ === 0) {
        if (seen[id] === 0) voted.push(id);
        order[id * TYPE_SLOTS + seen[id]++] = type;
      }
    }
  }
  // Per voted key: its top type, whether no other type ties with it, and whether it is a majority.
  const tops = new Int8Array(voted.length);
  const uniques = new Uint8Array(voted.length);
  const majorities = new Uint8Array(voted.length);
  for (let v = 0; v < voted.length; v++) {
    const id = voted[v];
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
    tops[v] = best;
    uniques[v] = unique ? 1 : 0;
    const multiword = keyIds.keys[id].includes(' ');
    if (multiword || counts[id * TYPE_SLOTS + best] >= 2) {
      majorities[v] = multiword ? MULTIWORD_MAJORITY : MAJORITY;
      // Numbers the key's prefixes before the tables are sized.
      if (multiword) keyIds.prefixesOf(id);
    }
  }
  const size = keyIds.size;
  const facts = new Uint8Array(size);
  const clear = new Int8Array(size).fill(-1);
  const majority = new Int8Array(size).fill(-1);
  for (let v = 0; v < voted.length; v++) {
    const id = voted[v];
    if (uniques[v]) clear[id] = tops[v];
    if (!majorities[v]) continue;
    majority[id] = tops[v];
    if (majorities[v] !== MULTIWORD_MAJORITY) continue;
    const prefixes = keyIds.prefixesOf(id);
    for (let k = 0; k < prefixes.length; k++) facts[prefixes[k]] |= PREFIX;
  }
  for (const unit of units) {
    const { marks } = unit;
    for (let m = 0; m < marks.length; m += 2) facts[marks[m + 1]] |= marks[m];
  }
  return { size, facts, clear, majority };
}

const MAX_WORDS = 6;

// One buffer for the covered words of the sentence being applied, rather than one per sentence.
let scratch = new Uint8Array(256);
function scratchOf(n: number): Uint8Array {
  if (scratch.length < n) scratch = new Uint8Array(n);
  for (let k = 0; k < n; k++) scratch[k] = 0;
  return scratch;
}
// Word codes of `SentenceIds.words` besides key ids (≥ 0).
const UNNUMBERED = -2;
const DIGIT_START = -3;
const PLAIN = -1;
const NO_PARTICLES: number[] = [];

/** Whether a word code is a capitalized word's. */
function capitalized(code: number): boolean {
  return code >= 0 || code === UNNUMBERED;
}

/** The id of a capitalized word's folded form, numbered on first need (most are inside spans and never looked up). */
function wordId(s: SentenceSpans, ids: SentenceIds, keyIds: KeyIds, i: number): number {
  if (ids.words[i] === UNNUMBERED) ids.words[i] = keyIds.id(foldedAt(s, i));
  return ids.words[i];
}

/**
 * A sentence's spans after propagation: retyped, widened over a particle, and added occurrences.
 * Spans that did not change are the input objects. Every key id read in the tables is appended to
 * `lookups`: the result depends on the tables only through them.
 */
function applyTables(s: SentenceSpans, ids: SentenceIds, keyIds: KeyIds, tables: Tables, lookups: number[]): TokenSpan[] {
  const { facts, clear, majority, size } = tables;
  const factsOf = (id: number) => (id >= 0 && id < size ? facts[id] : 0);
  let spans = s.spans;
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k];
    const id = ids.keys[k];
    lookups.push(id);
    // One name, one type in a file: a clear majority wins ("Donald Trump" tagged PER 5 times, ORG once).
    let type = clear[id] >= 0 ? TYPE_NAMES[clear[id]] : span.type;
    const known = facts[id];
    if (known & ORG_PREFIX) type = 'ORG';
    else if (type !== 'PER' && ((span.end - span.start === 1 && known & SURNAME) || known & NAME_PART)) type = 'PER';
    let start = span.start;
    // "Le" + "Drian" where the file has "Jean-Yves Le Drian": take the particle in.
    if (type === 'PER' && start > 0 && ids.particles[k] >= 0) {
      lookups.push(ids.particles[k]);
      if (factsOf(ids.particles[k]) & NAME_PART && !spans.some(o => o.end === start)) start--;
    }
    if (type !== span.type || start !== span.start) {
      if (spans === s.spans) spans = spans.slice();
      spans[k] = reshaped(span, start, span.end, type);
    }
  }
  const n = s.words.length;
  const codes = ids.words;
  let covered: Uint8Array | undefined;
  let added: TokenSpan[] | undefined;
  for (let i = 0; i < n; i++) {
    if (!capitalized(codes[i])) continue;
    if (!covered) {
      covered = scratchOf(n);
      for (const span of spans) for (let k = span.start; k < span.end; k++) covered[k] = 1;
    }
    if (covered[i]) continue;
    let found: TokenSpan | null = null;
    for (let j = i, id = wordId(s, ids, keyIds, i); j < n && j - i < MAX_WORDS && !covered[j]; j++) {
      if (j > i) id = runId(s, ids, keyIds, i, j - i + 1, id);
      lookups.push(id);
      if (id < size && majority[id] >= 0 && codes[j] !== PLAIN) found = tokenSpan(i, j + 1, TYPE_NAMES[majority[id]]);
      if (!(factsOf(id) & PREFIX)) break;
    }
    if (!found && factsOf(wordId(s, ids, keyIds, i)) & SURNAME && (i === 0 || !capitalized(codes[i - 1]))) found = tokenSpan(i, i + 1, 'PER');
    if (found && (found.end < n ? !capitalized(codes[found.end]) : true)) {
      (added ??= []).push(found);
      i = found.end - 1;
    }
  }
  return added ? [...spans, ...added].sort((a, b) => a.start - b.start) : spans;
}

/** Per key id, whether the facts propagation reads of it differ between two tables (`before` may be smaller or missing). */
function changedKeys(before: Tables | undefined, after: Tables): Uint8Array {
  const changed = new Uint8Array(after.size);
  const known = before?.size ?? 0;
  for (let id = 0; id < after.size; id++) {
    if (id < known) changed[id] = before!.facts[id] !== after.facts[id] || before!.clear[id] !== after.clear[id] || before!.majority[id] !== after.majority[id] ? 1 : 0;
    else changed[id] = after.facts[id] !== 0 || after.clear[id] !== -1 || after.majority[id] !== -1 ? 1 : 0;
  }
  return changed;
}

/** Whether none of `lookups` changed (ids past the tables have no facts in either). */
function unchanged(lookups: number[], changed: Uint8Array): boolean {
  for (let k = 0; k < lookups.length; k++) if (lookups[k] < changed.length && changed[lookups[k]]) return false;
  return true;
}

/**
 * The spans of every sentence of every unit after document-level propagation, per unit and
 * sentence. `keyIds` (from `keyIdsOf`) carries the previous propagation's tables, so that units
 * whose look-ups did not change keep their previous result.
 */
export function propagate(units: PropagationUnit[], keyIds: KeyIds): TokenSpan[][][] {
  const propagations = units.map(unit => propagationOf(unit, keyIds));
  const tables = buildTables(propagations, keyIds);
  // A unit's version says which tables its result was made with; the two are updated together.
  const before = keyIds.tables;
  const version = keyIds.version + 1;
  keyIds.tables = tables;
  keyIds.version = version;
  let changed: Uint8Array | undefined;
  const lookups: number[] = [];
  const out = new Array<TokenSpan[][]>(units.length);
  for (let u = 0; u < units.length; u++) {
    const unit = propagations[u];
    // Applied in this propagation already (the same paragraph twice), or in the previous one with the same look-ups.
    const current = unit.version === version || (unit.version === version - 1 && unit.lookups && unchanged(unit.lookups, (changed ??= changedKeys(before, tables))));
    if (!current) {
      lookups.length = 0;
      unit.final = units[u].sentences.map((s, k) => applyTables(s, unit.sentences[k], keyIds, tables, lookups));
      unit.lookups = lookups.slice();
    }
    unit.version = version;
    out[u] = unit.final!;
  }
  return out;
}
