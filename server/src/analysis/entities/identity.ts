/**
 * Within-file identity: mentions of one entity share an id and a canonical name ("Kerry" →
 * "John F. Kerry"). Names are compared folded (case, accents, punctuation). A mention joins a
 * fuller name of the same type when it is a contiguous part of it that keeps its head (a person's
 * surname or first name, "Le Drian" in "Jean-Yves Le Drian"; an organization's or place's prefix
 * or suffix, "Security Council" in "United Nations Security Council"), when it is the acronym of
 * it ("ISIL" ↔ "Islamic State of Iraq and the Levant"), or when the gazetteer lists both as
 * aliases of one entry ("Daech" ↔ "ISIL"). The canonical name is the fullest form written in the
 * file; the id is derived from type and canonical so it is the same in every file.
 */
import type { Entity, EntityType, Mention } from '../types';
import type { RawMention } from './index';
import { foldAccents } from '../fold';
import { isSpaceCode, isSurrogate, isUpperCode } from '../chars';
import type { AnalysisMemo } from '../memo';
import type { PreviousText } from '../layout';
import { ownCopy } from '../ownCopy';
import { isSortedByStart } from '../search';

/** Fold case and accents so "Élysée" and "ELYSEE" compare equal. */
export function foldName(name: string): string {
  let f = foldedNames.get(name);
  if (f === undefined) {
    // Plain ASCII needs no Unicode normalization, the costly part.
    if (/^[\x00-\x7f]*$/.test(name)) f = name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    else f = foldAccents(name).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (foldedNames.size >= 50_000) foldedNames.clear();
    // Names are cut from the document, and so may their folded forms be (nothing to fold).
    f = ownCopy(f);
    foldedNames.set(ownCopy(name), f);
  }
  return f;
}

/** Memo of `foldName`: names repeat within and across files. */
const foldedNames = new Map<string, string>();

/** The id of an entity, the same in every file: type plus folded canonical name. */
export function entityIdOf(type: string, canonical: string): string {
  return `${type}:${foldName(canonical)}`;
}

const MINOR = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'en', 'au', 'aux', 'a']);

/** The acronym of a long name: initials of its non-minor words ("Islamic State of Iraq and the Levant" → "isil"). */
export function acronymOf(name: string): string {
  const folded = foldName(name);
  return folded ? initialsOf(folded.split(' ')) : '';
}

/** Initials of the non-minor words among folded `words` when there are two or more, else ''. */
function initialsOf(words: readonly string[]): string {
  let initials = '';
  for (const w of words) if (w && !MINOR.has(w)) initials += w[0];
  return initials.length >= 2 ? initials : '';
}

/**
 * Whether a surface is written like an acronym: only capitals, digits, dots, "&" and "-" once
 * white space is removed ("U.S.", "AT&T"). A character loop; the defining regex on surrogate pairs.
 */
function looksLikeAcronym(surface: string): boolean {
  let seen = false;
  for (let i = 0; i < surface.length; i++) {
    const code = surface.charCodeAt(i);
    if (isSpaceCode(code)) continue;
    if (isSurrogate(code)) return /^[\p{Lu}.\d&-]+$/u.test(surface.replace(/\s/g, ''));
    if (!(isUpperCode(code) || code === 0x2e || (code >= 0x30 && code <= 0x39) || code === 0x26 || code === 0x2d)) return false;
    seen = true;
  }
  return seen;
}

/** How fully a surface of `words` folded words names its entity: more words, then more letters; acronyms count least. */
function fullness(surface: string, words: number): number {
  const acronym = looksLikeAcronym(surface) ? 0 : 1;
  return acronym * 10_000 + words * 100 + Math.min(99, surface.length);
}

function isSubsequence(part: readonly string[], whole: readonly string[]): number {
  outer: for (let i = 0; i + part.length <= whole.length; i++) {
    for (let k = 0; k < part.length; k++) if (whole[i + k] !== part[k]) continue outer;
    return i;
  }
  return -1;
}

/** Whether `short` (folded words) may name the same entity as the fuller `long`, for `type`. */
function partOf(short: readonly string[], long: readonly string[], type: string): boolean {
  if (short.length >= long.length) return false;
  const at = isSubsequence(short, long);
  if (at < 0) {
    // "DefenseOne" / "Defense One": the same letters without spaces.
    return short.length === 1 && short[0] === long.join('');
  }
  if (type === 'PERSON') {
    // Surname(s) at the end ("Kerry", "Le Drian"), or the first name alone ("Lucas").
    return at + short.length === long.length || (at === 0 && short.length === 1);
  }
  // Organizations and places: a prefix ("Penn State" of "Penn State University") or a suffix
  // ("Security Council" of "United Nations Security Council"), never a bare minor word.
  if (short.every(w => MINOR.has(w))) return false;
  return at === 0 || at + short.length === long.length;
}

/** Union-find over form indexes. */
function groups(n: number): { find: (i: number) => number; union: (a: number, b: number) => void } {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  return { find, union: (a, b) => void (parent[find(a)] = find(b)) };
}

/** True when `a` and `b` differ by exactly one inserted, deleted or replaced letter. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** One distinct (type, folded surface) of the mentions, with its fullest spelling. */
interface Form {
  type: EntityType;
  folded: string;
  /** Shared between analyses (see `wordsOf`): read only. */
  words: readonly string[];
  surface: string;
  key?: string;
  fullness: number;
  acronym: string;
}

/**
 * Who is who, independent of where the mentions are: for each mention (in text order) its entity
 * and canonical name, and the entities in order of first mention. A pure function of the
 * mentions' types, gazetteer keys and surfaces, so it is memoized on them across edits.
 */
interface Linking {
  entityOf: Int32Array;
  canonicals: string[];
  entities: Entity[];
}

/** Lists of form indexes by a string; each list ascending, each form at most once. */
class FormIndex {
  readonly #lists = new Map<string, number[]>();

  add(value: string, form: number): void {
    const list = this.#lists.get(value);
    if (!list) this.#lists.set(value, [form]);
    else if (list[list.length - 1] !== form) list.push(form);
  }

  get(value: string): readonly number[] {
    return this.#lists.get(value) ?? NONE;
  }
}

const NONE: readonly number[] = [];

// Folded names cut into words, memoized (bounded) like `foldName`: the same names come back at
// every analysis. The arrays are shared, so never modified.
const foldedWords = new Map<string, readonly string[]>();
function wordsOf(folded: string): readonly string[] {
  let words = foldedWords.get(folded);
  if (words === undefined) {
    if (foldedWords.size >= 50_000) foldedWords.clear();
    foldedWords.set(folded, (words = folded ? folded.split(' ') : []));
  }
  return words;
}

/** The distinct forms of the mentions, and the form of each mention. */
function formsOf(mentions: readonly RawMention[], surfaces: readonly string[]): { forms: Form[]; formOf: Int32Array } {
  const forms: Form[] = [];
  const formOf = new Int32Array(mentions.length);
  const byFolded = new Map<string, Map<string, number>>();
  for (let i = 0; i < mentions.length; i++) {
    const r = mentions[i];
    const surface = surfaces[i];
    const folded = foldName(surface);
    let ofType = byFolded.get(r.type);
    if (!ofType) byFolded.set(r.type, (ofType = new Map()));
    let f = ofType.get(folded);
    if (f === undefined) {
      ofType.set(folded, (f = forms.length));
      const words = wordsOf(folded);
      forms.push({ type: r.type, folded, words, surface, key: r.key, fullness: fullness(surface, words.length), acronym: '' });
    }
    formOf[i] = f;
    const form = forms[f];
    if (!form.key && r.key) form.key = r.key;
    // The same spelling has the same fullness: only a new spelling can be fuller.
    if (surface !== form.surface) {
      const full = fullness(surface, form.words.length);
      if (full > form.fullness) {
        form.surface = surface;
        form.fullness = full;
      }
    }
  }
  for (const f of forms) if (f.words.length >= 2) f.acronym = initialsOf(f.words);
  return { forms, formOf };
}

/**
 * Acronyms and partial names: each form joins the fullest compatible longer form. A short form
 * compatible with two unrelated fuller names ("Korea": "North Korea", "South Korea") is ambiguous
 * and stays on its own. A longer form can only be compatible if it holds the short form's first
 * word, spells it without spaces, or has it as acronym: those are indexed, so each form is
 * compared with a few others, not all.
 */
function linkPartialNames(forms: readonly Form[], union: (a: number, b: number) => void): void {
  const byType = new Map<EntityType, number[]>();
  forms.forEach((f, i) => {
    const list = byType.get(f.type);
    if (list) list.push(i);
    else byType.set(f.type, [i]);
  });
  for (const ofType of byType.values()) linkPartialNamesOfType(forms, ofType, union);
}

/** `linkPartialNames` among the forms `ofType` (ascending indexes), all of one type. */
function linkPartialNamesOfType(forms: readonly Form[], ofType: readonly number[], union: (a: number, b: number) => void): void {
  const byWord = new FormIndex();
  const byJoined = new FormIndex();
  const byAcronym = new FormIndex();
  for (const i of ofType) {
    const f = forms[i];
    for (const w of f.words) byWord.add(w, i);
    if (f.words.length >= 2) byJoined.add(f.words.join(''), i);
    if (f.acronym) byAcronym.add(f.acronym, i);
  }
  for (const i of ofType) {
    const f = forms[i];
    if (!f.words.length) continue; // no word: part of nothing
    // Every list holds `i` itself; the shortest one is enough (a compatible form holds every word).
    let pool = byWord.get(f.words[0]);
    for (let w = 1; w < f.words.length; w++) {
      const list = byWord.get(f.words[w]);
      if (list.length < pool.length) pool = list;
    }
    let candidates: number[] | undefined;
    const consider = (j: number) => {
      const o = forms[j];
      if (i === j || o.words.length <= f.words.length) return;
      const acronym = f.words.length === 1 && f.type !== 'PERSON' && f.words[0].length >= 2 && o.acronym === f.words[0];
      if (acronym || partOf(f.words, o.words, f.type)) (candidates ??= []).push(j);
    };
    if (pool.length > 1) pool.forEach(consider);
    if (f.words.length === 1) {
      byJoined.get(f.words[0]).forEach(consider);
      byAcronym.get(f.words[0]).forEach(consider);
    }
    if (!candidates) continue;
    // In form order, once each, as a scan over all forms would find them.
    const ordered = candidates.length === 1 ? candidates : [...new Set(candidates)].sort((a, b) => a - b);
    const maximal = ordered.filter(j => !ordered.some(k => k !== j && partOf(forms[j].words, forms[k].words, forms[j].type)));
    const distinct = new Set(maximal.map(j => forms[j].key ?? forms[j].folded));
    if (distinct.size === 1) union(i, maximal[0]);
  }
}

/**
 * Two full person names with the same first and last words ("John Kerry", "John F. Kerry"), or a
 * last word spelled one letter apart ("Dilma Rousseff", "Dilma Roussef"): one person. Only names
 * sharing a first word are compared.
 */
function linkPersonNames(forms: readonly Form[], union: (a: number, b: number) => void): void {
  const byFirstWord = new Map<string, number[]>();
  forms.forEach((f, i) => {
    if (f.type !== 'PERSON' || f.words.length < 2) return;
    const list = byFirstWord.get(f.words[0]);
    if (list) list.push(i);
    else byFirstWord.set(f.words[0], [i]);
  });
  for (const list of byFirstWord.values()) {
    for (let a = 0; a < list.length; a++) {
      const f = forms[list[a]];
      const last = f.words[f.words.length - 1];
      for (let b = a + 1; b < list.length; b++) {
        const o = forms[list[b]];
        const otherLast = o.words[o.words.length - 1];
        if (last === otherLast || (Math.min(last.length, otherLast.length) >= 5 && oneEditApart(last, otherLast))) union(list[a], list[b]);
      }
    }
  }
}

/** Group the mentions (sorted by start) into entities; see `Linking`. */
function linkSurfaces(mentions: readonly RawMention[], surfaces: readonly string[]): Linking {
  const { forms, formOf } = formsOf(mentions, surfaces);
  const g = groups(forms.length);
  // Gazetteer aliases.
  const byKey = new Map<string, number>();
  forms.forEach((f, i) => {
    if (!f.key) return;
    const k = `${f.type}|${f.key}`;
    const other = byKey.get(k);
    if (other === undefined) byKey.set(k, i);
    else g.union(i, other);
  });
  linkPartialNames(forms, g.union);
  linkPersonNames(forms, g.union);
  // Canonical: the fullest surface in each group (the first one on a tie); its id follows from it.
  const canonicalOf: (string | undefined)[] = new Array(forms.length);
  const bestFullness = new Array<number>(forms.length);
  forms.forEach((f, i) => {
    const root = g.find(i);
    if (canonicalOf[root] === undefined || f.fullness > bestFullness[root]) {
      canonicalOf[root] = f.surface;
      bestFullness[root] = f.fullness;
    }
  });
  const entityOf = new Int32Array(mentions.length);
  const canonicals = new Array<string>(mentions.length);
  const entities: Entity[] = [];
  const byId = new Map<string, number>();
  // A group is of one type, so its canonical name gives all its mentions one entity: found once per group.
  const entityOfRoot: (number | undefined)[] = new Array(forms.length);
  for (let i = 0; i < mentions.length; i++) {
    const type = mentions[i].type;
    const root = g.find(formOf[i]);
    const canonical = canonicalOf[root] ?? surfaces[i];
    let e = entityOfRoot[root];
    if (e === undefined) {
      const id = entityIdOf(type, canonical);
      e = byId.get(id);
      if (e === undefined) {
        byId.set(id, (e = entities.length));
        entities.push({ id, type, canonical, mentions: [], definition: i });
      }
      entityOfRoot[root] = e;
    }
    entities[e].mentions.push(i);
    entityOf[i] = e;
    canonicals[i] = canonical;
  }
  // Definition: the first mention spelling the canonical name (folded), else the first one.
  for (const entity of entities) {
    const target = foldName(entity.canonical);
    entity.definition = entity.mentions.find(m => forms[formOf[m]].folded === target) ?? entity.mentions[0];
  }
  return { entityOf, canonicals, entities };
}

/** Everything `linkSurfaces` reads of the mentions, what it made of them, and the mentions last handed out. */
interface LinkedMentions {
  types: EntityType[];
  keys: (string | undefined)[];
  /** Own copies (see `ownCopy`): kept for as long as the names stay the same, over many versions of the text. */
  surfaces: readonly string[];
  linking: Linking;
  /** The mentions handed out last time, and the text they were found in. */
  mentions: readonly Mention[];
  text: string;
}

/**
 * Whether `last` was linked from mentions of the same types, keys and surfaces, in the same order.
 * Surfaces are compared in place in the text (`startsWith`), not cut out of it: a keystroke then
 * makes no string per mention. A mention where it was last time, wholly before `edit`, or moved by
 * the edit's length from wholly after it, reads the same text as last time and is not compared.
 */
function sameMentions(last: LinkedMentions, text: string, mentions: readonly RawMention[], edit: PreviousText | undefined): boolean {
  if (last.surfaces.length !== mentions.length) return false;
  const known = edit !== undefined && edit.previous === last.text ? edit : undefined;
  const shift = known ? known.newEnd - known.oldEnd : 0;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const surface = last.surfaces[i];
    if (last.types[i] !== m.type || last.keys[i] !== m.key || m.end - m.start !== surface.length) return false;
    if (known) {
      const was = last.mentions[i].start;
      if ((m.start === was && m.end <= known.start) || (m.start === was + shift && was >= known.oldEnd)) continue;
    }
    if (!text.startsWith(surface, m.start)) return false;
  }
  return true;
}

/**
 * Give every raw mention an entity id and canonical name; group mentions into entities. `edit`
 * (the layout's, with a memo) lets the memo skip comparing the names it left alone.
 */
export function linkMentions(text: string, raw: RawMention[], memo?: AnalysisMemo, edit?: PreviousText): { mentions: Mention[]; entities: Entity[] } {
  const sorted = isSortedByStart(raw) ? raw : [...raw].sort((a, b) => a.start - b.start);
  // Offsets shift at every keystroke, the mentions' texts rarely change: the last grouping is reused.
  const lastMemo = memo?.stage<LinkedMentions>('linking');
  const last = lastMemo?.get('');
  let linked: Omit<LinkedMentions, 'mentions' | 'text'>;
  if (last && sameMentions(last, text, sorted, edit)) linked = last;
  else {
    const surfaces = sorted.map(r => text.slice(r.start, r.end));
    const linking = linkSurfaces(sorted, surfaces);
    linked = { types: sorted.map(r => r.type), keys: sorted.map(r => r.key), surfaces: lastMemo ? surfaces.map(ownCopy) : surfaces, linking };
  }
  const { entityOf, canonicals, entities } = linked.linking;
  const { surfaces } = linked;
  // With the same grouping, a mention at the same place as last time is the same object: those
  // before the edit are handed out again (no stage mutates a mention), the rest are new.
  const reusable = linked === last ? last.mentions : undefined;
  const mentions = new Array<Mention>(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i];
    const previous = reusable?.[i];
    mentions[i] = previous !== undefined && previous.start === r.start
      ? previous
      : { start: r.start, end: r.end, text: surfaces[i], type: r.type, entityId: entities[entityOf[i]].id, canonical: canonicals[i] };
  }
  lastMemo?.set('', { types: linked.types, keys: linked.keys, surfaces, linking: linked.linking, mentions, text });
  // Memoized entities are shared with later analyses: the caller gets its own copies.
  return { mentions, entities: lastMemo ? entities.map(e => ({ id: e.id, type: e.type, canonical: e.canonical, mentions: e.mentions.slice(), definition: e.definition })) : entities };
}

