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
import type { Entity, Mention } from '../types';
import type { RawMention } from './index';
import { foldAccents } from '../fold';
import type { AnalysisMemo } from '../memo';

/** Fold case and accents so "Élysée" and "ELYSEE" compare equal. */
export function foldName(name: string): string {
  let f = foldedNames.get(name);
  if (f === undefined) {
    // Plain ASCII needs no Unicode normalization, the costly part.
    if (/^[\x00-\x7f]*$/.test(name)) f = name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    else f = foldAccents(name).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (foldedNames.size >= 50_000) foldedNames.clear();
    foldedNames.set(name, f);
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
  const words = foldName(name).split(' ').filter(w => w && !MINOR.has(w));
  return words.length >= 2 ? words.map(w => w[0]).join('') : '';
}

/** How fully a surface names its entity: more words, then more letters; acronyms count least. */
function fullness(surface: string): number {
  const words = foldName(surface).split(' ').filter(Boolean);
  const acronym = /^[\p{Lu}.\d&-]+$/u.test(surface.replace(/\s/g, '')) ? 0 : 1;
  return acronym * 10_000 + words.length * 100 + Math.min(99, surface.length);
}

function isSubsequence(part: string[], whole: string[]): number {
  outer: for (let i = 0; i + part.length <= whole.length; i++) {
    for (let k = 0; k < part.length; k++) if (whole[i + k] !== part[k]) continue outer;
    return i;
  }
  return -1;
}

/** Whether `short` (folded words) may name the same entity as the fuller `long`, for `type`. */
function partOf(short: string[], long: string[], type: string): boolean {
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

/** Union-find over mention indexes. */
function groups(n: number): { find: (i: number) => number; union: (a: number, b: number) => void } {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  return { find, union: (a, b) => void (parent[find(a)] = find(b)) };
}

/** Give every raw mention an entity id and canonical name; group mentions into entities. */
/** True when `a` and `b` differ by exactly one inserted, deleted or replaced letter. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function linkMentions(text: string, raw: RawMention[], memo?: AnalysisMemo): { mentions: Mention[]; entities: Entity[] } {
  const sorted = [...raw].sort((a, b) => a.start - b.start);
  const surfaces = sorted.map(r => text.slice(r.start, r.end));
  const folded = surfaces.map(s => foldName(s).split(' ').filter(Boolean));
  // Distinct (type, folded surface) forms, each with its mentions.
  const formIndex = new Map<string, number>();
  const forms: { type: string; words: string[]; surface: string; key?: string; mentions: number[]; fullness: number; acronym: string }[] = [];
  sorted.forEach((r, i) => {
    const id = `${r.type}|${folded[i].join(' ')}`;
    let f = formIndex.get(id);
    if (f === undefined) {
      formIndex.set(id, (f = forms.length));
      forms.push({ type: r.type, words: folded[i], surface: surfaces[i], key: r.key, mentions: [], fullness: fullness(surfaces[i]), acronym: '' });
    }
    forms[f].mentions.push(i);
    if (!forms[f].key && r.key) forms[f].key = r.key;
    const full = fullness(surfaces[i]);
    if (full > forms[f].fullness) {
      forms[f].surface = surfaces[i];
      forms[f].fullness = full;
    }
  });
  for (const f of forms) f.acronym = f.words.length >= 2 ? acronymOf(f.surface) : '';
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
  // Acronyms and partial names: link each form to the fullest compatible longer form.
  // A short form compatible with two unrelated fuller names ("Korea": "North Korea", "South
  // Korea") is ambiguous and stays on its own.
  forms.forEach((f, i) => {
    const candidates: number[] = [];
    forms.forEach((o, j) => {
      if (i === j || o.type !== f.type || o.words.length <= f.words.length) return;
      const acronym = f.words.length === 1 && f.type !== 'PERSON' && f.words[0].length >= 2 && o.acronym === f.words[0];
      if (acronym || partOf(f.words, o.words, f.type)) candidates.push(j);
    });
    const maximal = candidates.filter(j => !candidates.some(k => k !== j && forms[k].type === forms[j].type && partOf(forms[j].words, forms[k].words, forms[j].type)));
    const distinct = new Set(maximal.map(j => forms[j].key ?? forms[j].words.join(' ')));
    if (distinct.size === 1) g.union(i, maximal[0]);
  });
  // Two full person names with the same first and last words ("John Kerry", "John F. Kerry"),
  // or a last word spelled one letter apart ("Dilma Rousseff", "Dilma Roussef"): one person.
  forms.forEach((f, i) => {
    if (f.type !== 'PERSON' || f.words.length < 2) return;
    forms.forEach((o, j) => {
      if (j <= i || o.type !== 'PERSON' || o.words.length < 2 || o.words[0] !== f.words[0]) return;
      const last = f.words[f.words.length - 1];
      const otherLast = o.words[o.words.length - 1];
      if (last === otherLast || (Math.min(last.length, otherLast.length) >= 5 && oneEditApart(last, otherLast))) g.union(i, j);
    });
  });
  // Canonical: the fullest surface in each group.
  const canonicalOf = new Map<number, string>();
  const bestFullness = new Map<number, number>();
  forms.forEach((f, i) => {
    const root = g.find(i);
    const current = bestFullness.get(root);
    if (current === undefined || f.fullness > current) {
      canonicalOf.set(root, f.surface);
      bestFullness.set(root, f.fullness);
    }
  });
  const formOfMention = new Array<number>(sorted.length);
  forms.forEach((f, i) => f.mentions.forEach(m => (formOfMention[m] = i)));
  const mentions: Mention[] = [];
  const byId = new Map<string, Entity>();
  sorted.forEach((r, i) => {
    const canonical = canonicalOf.get(g.find(formOfMention[i])) ?? surfaces[i];
    const id = entityIdOf(r.type, canonical);
    let entity = byId.get(id);
    if (!entity) {
      entity = { id, type: r.type, canonical, mentions: [], definition: i };
      byId.set(id, entity);
    }
    entity.mentions.push(i);
    const mention: Mention = { start: r.start, end: r.end, text: surfaces[i], type: r.type, entityId: id, canonical };
    mentions.push(mention);
  });
  for (const entity of byId.values()) {
    const target = foldName(entity.canonical);
    entity.definition = entity.mentions.find(m => foldName(mentions[m].text) === target) ?? entity.mentions[0];
  }
  return { mentions, entities: [...byId.values()] };
}
