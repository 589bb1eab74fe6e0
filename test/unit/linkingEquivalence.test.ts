/**
 * Identity linking, indexed instead of comparing every form with every other, must group exactly
 * as the original all-pairs implementation (kept below verbatim as the reference), on seeded
 * random mention lists over names that exercise every rule: partial names, acronyms, aliases by
 * gazetteer key, spellings without spaces, one-letter-apart surnames, ambiguous short names, case
 * and accent variants, empty and punctuation-only surfaces. With a memo, the same again.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { entityIdOf, foldName, linkMentions, oneEditApart } from '../../server/src/analysis/entities/identity';
import { editBetween } from '../../server/src/analysis/textEdit';
import type { RawMention } from '../../server/src/analysis/entities/index';
import { createAnalysisMemo } from '../../server/src/analysis/memo';
import type { Entity, EntityType, Mention } from '../../server/src/analysis/types';
import { prng } from '../../scripts/prng';

// ---- reference: the original implementation ----

const MINOR = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'en', 'au', 'aux', 'a']);
function acronymOf(name: string): string {
  const words = foldName(name).split(' ').filter(w => w && !MINOR.has(w));
  return words.length >= 2 ? words.map(w => w[0]).join('') : '';
}
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

function referenceLinkMentions(text: string, raw: RawMention[]): { mentions: Mention[]; entities: Entity[] } {
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

// ---- random mention lists ----

const NAMES: Array<[string, EntityType]> = [
  ['John Kerry', 'PERSON'], ['John F. Kerry', 'PERSON'], ['Kerry', 'PERSON'], ['JOHN KERRY', 'PERSON'], ['Jöhn Kerry', 'PERSON'], ['John', 'PERSON'],
  ['Dilma Rousseff', 'PERSON'], ['Dilma Roussef', 'PERSON'], ['Rousseff', 'PERSON'], ['Jean-Yves Le Drian', 'PERSON'], ['Le Drian', 'PERSON'], ['Drian', 'PERSON'],
  ['Islamic State of Iraq and the Levant', 'ORGANIZATION'], ['ISIL', 'ORGANIZATION'], ['Daech', 'ORGANIZATION'], ['Islamic State', 'ORGANIZATION'],
  ['United Nations Security Council', 'ORGANIZATION'], ['Security Council', 'ORGANIZATION'], ['U.N.', 'ORGANIZATION'], ['United Nations', 'ORGANIZATION'],
  ['DefenseOne', 'ORGANIZATION'], ['Defense One', 'ORGANIZATION'], ['the', 'ORGANIZATION'], ['Penn State', 'ORGANIZATION'], ['Penn State University', 'ORGANIZATION'],
  ['North Korea', 'LOCATION'], ['South Korea', 'LOCATION'], ['Korea', 'LOCATION'], ['AT&T', 'ORGANIZATION'], ['𝐀BC', 'ORGANIZATION'], ['Union africaine', 'ORGANIZATION'],
  ['UA', 'ORGANIZATION'], ['ua', 'LOCATION'], ['!!!', 'LOCATION'], ['Paris', 'LOCATION'], ['PARIS', 'LOCATION'], ['Paris', 'PERSON'], ['Élysée', 'LOCATION'], ['ELYSEE', 'LOCATION'],
  ['New York', 'LOCATION'], ['New York City', 'LOCATION'], ['York', 'LOCATION'], ['de la', 'ORGANIZATION'], ['Banque de France', 'ORGANIZATION'], ['BDF', 'ORGANIZATION'],
];
const KEYS = [undefined, undefined, undefined, 'k1', 'k2', ''];

function randomMentions(random: () => number): { text: string; raw: RawMention[] } {
  let text = '';
  const raw: RawMention[] = [];
  const count = Math.floor(random() * 40);
  for (let i = 0; i < count; i++) {
    const [name, type] = NAMES[Math.floor(random() * NAMES.length)];
    const start = text.length;
    text += `${name} `;
    const mention: RawMention = { start, end: start + name.length, type: random() < 0.9 ? type : 'ORGANIZATION' };
    const key = KEYS[Math.floor(random() * KEYS.length)];
    if (key !== undefined) mention.key = key;
    raw.push(mention);
    if (random() < 0.05) raw.push({ start, end: start, type }); // empty surface
  }
  if (random() < 0.3) raw.sort(() => random() - 0.5);
  return { text, raw };
}

test('linking groups exactly as the all-pairs reference, with and without memo', () => {
  const random = prng(777);
  const memo = createAnalysisMemo();
  for (let round = 0; round < 3000; round++) {
    const { text, raw } = randomMentions(random);
    const expected = referenceLinkMentions(text, raw);
    assert.deepEqual(linkMentions(text, raw), expected, `round ${round}`);
    memo.roll();
    assert.deepEqual(linkMentions(text, raw, memo), expected, `round ${round} (memo)`);
    // The same names moved: the memoized grouping, new offsets.
    const moved = raw.map(r => ({ ...r, start: r.start + 3, end: r.end + 3 }));
    memo.roll();
    assert.deepEqual(linkMentions(`abc${text}`, moved, memo), referenceLinkMentions(`abc${text}`, moved), `round ${round} (moved)`);
    // A keystroke between mentions: those before it in place (handed out again), the rest moved.
    const typed = `abc${text}`;
    const cut = Math.floor(random() * (typed.length + 1));
    if (!moved.some(r => r.start < cut && cut < r.end)) {
      const after = moved.map(r => (r.start >= cut ? { ...r, start: r.start + 1, end: r.end + 1 } : r));
      const typedText = `${typed.slice(0, cut)}x${typed.slice(cut)}`;
      // As an analysis calls it: with the edit the layout found (names it left alone are not compared).
      memo.roll();
      assert.deepEqual(linkMentions(typedText, after, memo, { previous: typed, ...editBetween(typed, typedText) }), referenceLinkMentions(typedText, after), `round ${round} (typed at ${cut})`);
      memo.roll();
      assert.deepEqual(linkMentions(typed, moved, memo, { previous: typedText, ...editBetween(typedText, typed) }), referenceLinkMentions(typed, moved), `round ${round} (typed at ${cut}, undone)`);
      // A character typed over inside the text: the names it touches must be compared again.
      const aimed = moved.length && random() < 0.5 ? moved[Math.floor(random() * moved.length)] : undefined;
      const over = aimed ? aimed.start + Math.floor(random() * 2) : Math.floor(random() * typed.length);
      const overText = `${typed.slice(0, over)}${typed[over] === 'a' ? 'b' : 'a'}${typed.slice(over + 1)}`;
      memo.roll();
      assert.deepEqual(linkMentions(overText, moved, memo, { previous: typed, ...editBetween(typed, overText) }), referenceLinkMentions(overText, moved), `round ${round} (typed over at ${over})`);
    }
    // The same texts with one mention's type or gazetteer key changed: the memo must not answer.
    if (!raw.length) continue;
    const changed = moved.map(r => ({ ...r }));
    const one = changed[Math.floor(random() * changed.length)];
    if (random() < 0.5) one.type = one.type === 'PERSON' ? 'LOCATION' : 'PERSON';
    else if (one.key === undefined) one.key = 'k1';
    else delete one.key;
    memo.roll();
    assert.deepEqual(linkMentions(`abc${text}`, changed, memo), referenceLinkMentions(`abc${text}`, changed), `round ${round} (type or key changed)`);
  }
});
