/**
 * Document-level consistency of the entity tagging. (1) A one-word span or untagged capitalized
 * word equal to the last word of a multi-word person name in the file is that person ("Hagel"
 * after "Chuck Hagel"). (2) A multi-word name, or a one-word name tagged at least twice, is tagged
 * at its untagged capitalized occurrences with its majority type. Whatever a sentence contributes
 * to the file's tables (its spans' folded words) is computed once per sentence and kept with it,
 * so a re-analysis after an edit rebuilds the tables from compact per-span keys, not from tokens.
 */
import { foldAccents } from '../fold';
import type { TokenSpan } from './rules';

/** A sentence's spans from the per-sentence pass, with what propagation reads of its words. */
export interface SentenceSpans {
  /** Token texts of the sentence. */
  words: string[];
  /** The per-sentence pass's spans, sorted; never modified (they may be memoized). */
  spans: TokenSpan[];
  /** Folded words (case and accents), filled on demand. */
  folded: (string | undefined)[];
  /** Folded key of each span (its folded words joined by spaces), filled on first propagation. */
  keys?: string[];
}

/** A sentence's per-sentence pass result, ready for `propagate`. */
export function sentenceSpans(words: string[], spans: TokenSpan[]): SentenceSpans {
  return { words, spans, folded: new Array<string | undefined>(words.length) };
}

// Last words of company and institution names whose first words are used alone for them.
const ORG_SUFFIXES = new Set(['corp', 'inc', 'ltd', 'co', 'llc', 'plc', 'sa', 'ag', 'gmbh', 'group', 'systems', 'company', 'corporation', 'university', 'technologies', 'holdings']);

// Capitalized particles that begin French and Dutch surnames ("Le Drian", "De Gaulle", "Van Rompuy").
export const PARTICLE_HEADS = new Set(['le', 'la', 'de', 'du', 'des', 'van', 'von', 'der', 'den', 'di', 'da', 'al', 'el', 'ben', 'bin', 'mac', 'mc']);

// Accents only need stripping outside ASCII; most words skip the costly normalization. Memoized.
const foldedWords = new Map<string, string>();
function fold(w: string): string {
  let f = foldedWords.get(w);
  if (f === undefined) {
    f = /^[\x00-\x7f]*$/.test(w) ? w.toLowerCase() : foldAccents(w);
    if (foldedWords.size >= 50_000) foldedWords.clear();
    foldedWords.set(w, f);
  }
  return f;
}

function foldedAt(s: SentenceSpans, k: number): string {
  return s.folded[k] ?? (s.folded[k] = fold(s.words[k]));
}

/** Whether a word starts with a capital letter (ASCII fast path). */
function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(w);
}

/** Whether a word starts with a capital letter or a digit. */
function startsUpperOrDigit(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return /^[\p{Lu}\p{N}]/u.test(w);
}

/**
 * Everything the file's tables say about one folded key, in one record so that each look-up
 * during propagation is a single Map access.
 */
interface KeyFacts {
  /** Types tagged on this exact key, in order of first occurrence, and how often each. */
  types?: string[];
  counts?: number[];
  /** The type a clear (unique) majority of the key's spans have. */
  clear?: string;
  /** The majority type (ties: the first seen) when the key is multi-word or tagged twice. */
  majority?: string;
  /** A proper prefix of a company or institution name ("ciena" of "Ciena Corp."). */
  orgPrefix?: boolean;
  /** The last word of a multi-word person name. */
  surname?: boolean;
  /** A part of a full person name: a multi-word surname ("le drian") or a first name ("lucas"). */
  namePart?: boolean;
  /** A proper prefix of a key with a majority type. */
  prefix?: boolean;
}

type Tables = Map<string, KeyFacts>;

function factsOf(tables: Tables, key: string): KeyFacts {
  let facts = tables.get(key);
  if (!facts) tables.set(key, (facts = {}));
  return facts;
}

function spanKeys(s: SentenceSpans): string[] {
  if (s.keys) return s.keys;
  const keys = new Array<string>(s.spans.length);
  for (let k = 0; k < s.spans.length; k++) {
    const span = s.spans[k];
    let key = foldedAt(s, span.start);
    for (let j = span.start + 1; j < span.end; j++) key += ` ${foldedAt(s, j)}`;
    keys[k] = key;
  }
  return (s.keys = keys);
}

function buildTables(sentences: SentenceSpans[]): Tables {
  const tables: Tables = new Map();
  const voted: KeyFacts[] = [];
  const voteKeys: string[] = [];
  for (const s of sentences) {
    const keys = spanKeys(s);
    for (let k = 0; k < s.spans.length; k++) {
      const span = s.spans[k];
      const length = span.end - span.start;
      if (length >= 2 && span.type === 'PER') {
        const last = foldedAt(s, span.end - 1);
        if (last.length >= 3) factsOf(tables, last).surname = true;
        for (let j = 1; j < length - 1; j++) factsOf(tables, joinFolded(s, span.start + j, span.end)).namePart = true;
        const first = foldedAt(s, span.start);
        if (first.length >= 3 && !first.endsWith('.')) factsOf(tables, first).namePart = true;
      }
      if (length >= 2 && span.type === 'ORG' && ORG_SUFFIXES.has(foldedAt(s, span.end - 1).replace(/\.$/, ''))) {
        for (let j = 1; j < length; j++) factsOf(tables, joinFolded(s, span.start, span.start + j)).orgPrefix = true;
      }
      const facts = factsOf(tables, keys[k]);
      if (!facts.types) {
        facts.types = [span.type];
        facts.counts = [1];
        voted.push(facts);
        voteKeys.push(keys[k]);
      } else {
        const at = facts.types.indexOf(span.type);
        if (at >= 0) facts.counts![at]++;
        else {
          facts.types.push(span.type);
          facts.counts!.push(1);
        }
      }
    }
  }
  for (let v = 0; v < voted.length; v++) {
    const facts = voted[v];
    const counts = facts.counts!;
    // The first type with the highest count wins ties, as a stable sort by count would rank it.
    let best = 0;
    let unique = true;
    for (let t = 1; t < counts.length; t++) {
      if (counts[t] > counts[best]) {
        best = t;
        unique = true;
      } else if (counts[t] === counts[best]) unique = false;
    }
    if (unique) facts.clear = facts.types![best];
    const key = voteKeys[v];
    if (!key.includes(' ') && counts[best] < 2) continue;
    facts.majority = facts.types![best];
    const words = key.split(' ');
    let prefix = words[0];
    for (let k = 1; k < words.length; k++) {
      factsOf(tables, prefix).prefix = true;
      prefix += ` ${words[k]}`;
    }
  }
  return tables;
}

function joinFolded(s: SentenceSpans, from: number, to: number): string {
  let key = foldedAt(s, from);
  for (let j = from + 1; j < to; j++) key += ` ${foldedAt(s, j)}`;
  return key;
}

const MAX_WORDS = 6;

/** A sentence's spans after propagation: retyped, widened over a particle, and added occurrences. Spans that did not change are the input objects. */
function applyTables(s: SentenceSpans, tables: Tables): TokenSpan[] {
  const keys = spanKeys(s);
  let spans = s.spans;
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k];
    const key = keys[k];
    const facts = tables.get(key);
    // One name, one type in a file: a clear majority wins ("Donald Trump" tagged PER 5 times, ORG once).
    let type = facts?.clear ?? span.type;
    if (facts?.orgPrefix) type = 'ORG';
    else if (type !== 'PER' && facts && ((span.end - span.start === 1 && facts.surname) || facts.namePart)) type = 'PER';
    let start = span.start;
    // "Le" + "Drian" where the file has "Jean-Yves Le Drian": take the particle in.
    if (type === 'PER' && start > 0) {
      const particle = foldedAt(s, start - 1);
      if (PARTICLE_HEADS.has(particle) && tables.get(`${particle} ${key}`)?.namePart && !spans.some(o => o.end === start)) start--;
    }
    if (type !== span.type || start !== span.start) {
      if (spans === s.spans) spans = spans.slice();
      spans[k] = { ...span, start, type };
    }
  }
  const n = s.words.length;
  let covered: Uint8Array | undefined;
  let added: TokenSpan[] | undefined;
  for (let i = 0; i < n; i++) {
    if (!startsUpper(s.words[i])) continue;
    if (!covered) {
      covered = new Uint8Array(n);
      for (const span of spans) covered.fill(1, span.start, span.end);
    }
    if (covered[i]) continue;
    let found: TokenSpan | null = null;
    let key = '';
    for (let j = i; j < n && j - i < MAX_WORDS && !covered[j]; j++) {
      key = j === i ? foldedAt(s, j) : `${key} ${foldedAt(s, j)}`;
      const facts = tables.get(key);
      if (facts?.majority && startsUpperOrDigit(s.words[j])) found = { start: i, end: j + 1, type: facts.majority };
      if (!facts?.prefix) break;
    }
    if (!found && tables.get(foldedAt(s, i))?.surname && (i === 0 || !startsUpper(s.words[i - 1]))) found = { start: i, end: i + 1, type: 'PER' };
    if (found && (found.end < n ? !startsUpper(s.words[found.end]) : true)) {
      (added ??= []).push(found);
      i = found.end - 1;
    }
  }
  return added ? [...spans, ...added].sort((a, b) => a.start - b.start) : spans;
}

/** The spans of every sentence after document-level propagation, in the order given. */
export function propagate(sentences: SentenceSpans[]): TokenSpan[][] {
  const tables = buildTables(sentences);
  return sentences.map(s => applyTables(s, tables));
}
