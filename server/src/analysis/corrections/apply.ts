/**
 * Merging a user's decisions over the recognizer's output. `analyzeText` calls these stages in
 * pipeline order so every later stage sees corrected data: typed spans are corrected before
 * identity linking (so a corrected person links with its surname mentions), canonical names are
 * forced after it (so "Merge with…" and the watch-list rename whole entities), dates after date
 * recognition, and speakers after attribution. Precedence, strongest first: the user's span
 * corrections, the stop-list, the watch-list, the recognizer. Later corrections in the list win
 * over earlier ones on the same text. Pure: no I/O, never throws on odd input.
 */
import type { RawMention } from '../entities/index';
import { entityIdOf, foldName } from '../entities/identity';
import type { DateMention, Entity, EntityType, Mention, Problem, Quote } from '../types';
import { describeCorrection, overlaps, type Annotations, type Correction, type WatchEntry } from './model';
import { SpanIndex } from './spanIndex';
import { isSortedByStart } from '../search';

/** Raw mentions after corrections, plus the canonical names some of them must take. */
export interface CorrectedMentions {
  raw: RawMention[];
  /** `start|end` of a raw mention → canonical name forced on its whole entity. */
  canonicals: Map<string, string>;
  /** `start|end` of a raw mention → the user decision that put it there. */
  origins: Map<string, 'correction' | 'watch-list'>;
}

const spanKey = (s: { start: number; end: number }) => `${s.start}|${s.end}`;

function isWordChar(text: string, index: number): boolean {
  return index >= 0 && index < text.length && /[\p{L}\p{N}]/u.test(text[index]);
}

/** Every occurrence of `needle` in `text` that is not part of a longer word ("Kerry" not in "Kerryville"). */
export function wholeWordOccurrences(text: string, needle: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  if (!needle.trim()) return out;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (isWordChar(text, at - 1) && isWordChar(text, at)) continue;
    if (isWordChar(text, end) && isWordChar(text, end - 1)) continue;
    out.push({ start: at, end });
  }
  return out;
}

/** Occurrences of the watch-list's names and aliases, longest first, not overlapping each other. */
export function findWatchedNames(text: string, watchList: readonly WatchEntry[]): Array<{ start: number; end: number; entry: WatchEntry }> {
  const forms: Array<{ form: string; entry: WatchEntry }> = [];
  for (const entry of watchList) {
    if (!entry || typeof entry.name !== 'string' || !entry.name.trim()) continue;
    for (const form of [entry.name, ...(Array.isArray(entry.aliases) ? entry.aliases : [])]) {
      if (typeof form === 'string' && form.trim()) forms.push({ form: form.trim(), entry });
    }
  }
  forms.sort((a, b) => b.form.length - a.form.length);
  // Accepted spans never overlap, so kept sorted by start only the neighbours of an insertion
  // point can collide: a binary search per hit instead of a scan (thousands of hits stay fast).
  const found: Array<{ start: number; end: number; entry: WatchEntry }> = [];
  for (const { form, entry } of forms) {
    for (const o of wholeWordOccurrences(text, form)) {
      let low = 0;
      let high = found.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (found[mid].start < o.start) low = mid + 1;
        else high = mid;
      }
      if ((low > 0 && found[low - 1].end > o.start) || (low < found.length && found[low].start < o.end)) continue;
      found.splice(low, 0, { ...o, entry });
    }
  }
  return found;
}

/** Correct the recognizer's typed spans: stop-list, then watch-list, then the user's span corrections. */
export function correctRawMentions(text: string, recognized: readonly RawMention[], annotations: Annotations, corrections: readonly Correction[]): CorrectedMentions {
  const canonicals = new Map<string, string>();
  const origins = new Map<string, 'correction' | 'watch-list'>();
  const stop = new Set((annotations.stopList ?? []).filter(s => typeof s === 'string').map(foldName).filter(Boolean));
  const stopped = (s: { start: number; end: number }) => stop.size > 0 && stop.has(foldName(text.slice(s.start, s.end)));
  const hits = findWatchedNames(text, annotations.watchList ?? []).filter(hit => !stopped(hit));
  const spanCorrections = corrections.filter(c => !c.orphaned && c.kind !== 'speakers').map((c, order) => ({ start: c.start, end: c.end, c, order }));
  const byCorrection = new SpanIndex(spanCorrections);
  const dateCorrections = new SpanIndex(spanCorrections.filter(x => x.c.kind === 'entity' && x.c.label === 'DATE'));
  const nameCorrections = new SpanIndex(spanCorrections.filter(x => !(x.c.kind === 'entity' && x.c.label === 'DATE')));
  /**
   * Whether span corrections take `m` away. From what the recognizer or the watch-list proposed,
   * a name or a negative takes every mention it overlaps, and a date the mentions inside it
   * ("Sept" tagged as an organization) but not a name around it ("Verdun 2016" stays a name with
   * its year a date). From a correction (`order`), only later names or negatives over its words:
   * two explicit decisions in different layers (an imported file's "Jan" inside a date) both stand.
   */
  const removed = (m: { start: number; end: number }, order = -1) =>
    order < 0
      ? nameCorrections.anyOverlapping(m) || dateCorrections.anyContaining(m)
      : byCorrection.overlapping(m).some(x => x.order > order && !(x.c.kind === 'entity' && x.c.label === 'DATE'));
  const watched = new SpanIndex(hits);
  // Without annotations (the usual case) nothing is taken away: one exact-size copy, no per-mention tests.
  const untouched = stop.size === 0 && hits.length === 0 && spanCorrections.length === 0;
  const raw: RawMention[] = untouched ? recognized.slice() : recognized.filter(m => !stopped(m) && !watched.anyOverlapping(m) && !removed(m));
  for (const hit of hits) {
    if (removed(hit)) continue;
    const type: EntityType = hit.entry.type === 'ORGANIZATION' || hit.entry.type === 'LOCATION' ? hit.entry.type : 'PERSON';
    // The shared key links every alias of one entry even when they share no word ("Daech" / "ISIL").
    raw.push({ start: hit.start, end: hit.end, type, key: `watch:${foldName(hit.entry.name)}` });
    canonicals.set(spanKey(hit), hit.entry.name.trim());
    origins.set(spanKey(hit), 'watch-list');
  }
  // Later corrections win over earlier ones on the same words.
  for (const { c, order } of spanCorrections) {
    if (c.kind !== 'entity' || c.label === 'DATE' || removed(c, order)) continue;
    const mention: RawMention = { start: c.start, end: c.end, type: c.label };
    origins.set(spanKey(c), 'correction');
    if (c.canonical) {
      mention.key = `user:${foldName(c.canonical)}`;
      canonicals.set(spanKey(c), c.canonical);
    }
    raw.push(mention);
  }
  // The recognizer's mentions come sorted: a sort would only copy them back and forth.
  return { raw: isSortedByStart(raw) ? raw : raw.sort((a, b) => a.start - b.start), canonicals, origins };
}

/**
 * Force canonical names on linked mentions: every entity holding a mention listed in `canonicals`
 * takes that name (and the id derived from it), and entities that end up with the same id become
 * one. Mentions keep their order; entities are rebuilt in order of first mention.
 */
export function forceCanonicals(
  mentions: readonly Mention[],
  entities: readonly Entity[],
  canonicals: ReadonlyMap<string, string>,
  origins: ReadonlyMap<string, 'correction' | 'watch-list'> = new Map(),
): { mentions: Mention[]; entities: Entity[] } {
  if (!canonicals.size && !origins.size) return { mentions: [...mentions], entities: [...entities] };
  // Only a mention starting where a decision starts can be listed: its key is built only then.
  const decided = new Set<number>();
  for (const key of [...canonicals.keys(), ...origins.keys()]) decided.add(Number(key.slice(0, key.indexOf('|'))));
  // Entity id → the name forced on it, and the id that name gives for the type last asked.
  const rename = new Map<string, { canonical: string; type?: string; id?: string }>();
  for (const m of mentions) {
    if (!decided.has(m.start)) continue;
    const forced = canonicals.get(spanKey(m));
    if (forced && !rename.has(m.entityId)) rename.set(m.entityId, { canonical: forced });
  }
  const out = mentions.map(m => {
    const renamed = rename.size ? rename.get(m.entityId) : undefined;
    let mention: Mention;
    if (renamed === undefined) mention = { ...m };
    else {
      if (renamed.type !== m.type) [renamed.type, renamed.id] = [m.type, entityIdOf(m.type, renamed.canonical)];
      mention = { ...m, canonical: renamed.canonical, entityId: renamed.id! };
    }
    const origin = decided.has(m.start) ? origins.get(spanKey(m)) : undefined;
    if (origin) mention.origin = origin;
    return mention;
  });
  return { mentions: out, entities: groupEntities(out) };
}

/** Entities from mentions that already carry their ids and canonical names. */
export function groupEntities(mentions: readonly Mention[]): Entity[] {
  const byId = new Map<string, Entity>();
  mentions.forEach((m, i) => {
    let entity = byId.get(m.entityId);
    if (!entity) byId.set(m.entityId, (entity = { id: m.entityId, type: m.type, canonical: m.canonical, mentions: [], definition: i }));
    entity.mentions.push(i);
  });
  for (const entity of byId.values()) {
    const target = foldName(entity.canonical);
    entity.definition = entity.mentions.find(i => foldName(mentions[i].text) === target) ?? entity.mentions[0];
  }
  return [...byId.values()];
}

/**
 * Mentions added after the entity stage (speakers credited by attribution) must obey "not an
 * entity" too: those overlapping a rejected span are dropped and entities regrouped.
 */
export function dropRejected(linked: { mentions: Mention[]; entities: Entity[] }, corrections: readonly Correction[]): { mentions: Mention[]; entities: Entity[] } {
  const rejects = new SpanIndex(corrections.filter(c => c.kind === 'reject' && !c.orphaned));
  if (!rejects.size) return linked;
  const kept = linked.mentions.filter(m => !rejects.anyOverlapping(m));
  return kept.length === linked.mentions.length ? linked : { mentions: kept, entities: groupEntities(kept) };
}

/** Whether correction `c` takes date `d` away: a name only displaces a date of exactly its words
 * (years inside names stay dates); "not an entity" and another date take every date they overlap. */
function removesDate(c: Correction, d: { start: number; end: number }): boolean {
  return c.kind === 'entity' && c.label !== 'DATE' ? c.start === d.start && c.end === d.end : overlaps(c, d);
}

/** Dates after corrections: rejected spans lose their dates, a name retypes a date of the same words, DATE corrections add one. */
export function correctDates(text: string, dates: readonly DateMention[], corrections: readonly Correction[]): DateMention[] {
  const spanCorrections = corrections.filter(c => !c.orphaned && c.kind !== 'speakers').map((c, order) => ({ start: c.start, end: c.end, c, order }));
  if (!spanCorrections.length) return [...dates];
  const byCorrection = new SpanIndex(spanCorrections);
  // For a DATE correction (`order`), only later dates or negatives over its words take it away.
  const removed = (d: { start: number; end: number }, order = -1) =>
    byCorrection.overlapping(d).some(x => x.order > order && (order < 0 ? removesDate(x.c, d) : x.c.kind === 'reject' || (x.c.kind === 'entity' && x.c.label === 'DATE')));
  const recognized = new SpanIndex(dates);
  const out = dates.filter(d => !removed(d));
  for (const { c, order } of spanCorrections) {
    if (c.kind !== 'entity' || c.label !== 'DATE' || removed(c, order)) continue;
    // Keep what the recognizer resolved for the same words, if it had them.
    const replaced = recognized.overlapping(c);
    const same = replaced.find(d => d.start === c.start && d.end === c.end) ?? (replaced.length === 1 ? replaced[0] : undefined);
    out.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), value: c.value ?? same?.value ?? null, relative: c.value ? false : same?.relative ?? false, origin: 'correction' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Finds the entity a speaker name refers to: by canonical name, then by any mention's text, then by surname. */
function speakerResolver(mentions: readonly Mention[], entities: readonly Entity[]): (name: string) => { id: string; canonical: string } {
  const byCanonical = new Map<string, Entity>();
  for (const e of entities) {
    const key = foldName(e.canonical);
    const known = byCanonical.get(key);
    if (!known || (known.type !== 'PERSON' && e.type === 'PERSON')) byCanonical.set(key, e);
  }
  const byText = new Map<string, Mention>();
  for (const m of mentions) if (!byText.has(foldName(m.text))) byText.set(foldName(m.text), m);
  const people = entities.filter(e => e.type === 'PERSON').map(e => ({ e, folded: foldName(e.canonical) }));
  return name => {
    const folded = foldName(name);
    const entity = byCanonical.get(folded);
    if (entity) return { id: entity.id, canonical: entity.canonical };
    const mention = byText.get(folded);
    if (mention) return { id: mention.entityId, canonical: mention.canonical };
    // A surname alone ("Fabius") names the one person whose canonical name ends with it.
    const bySurname = people.filter(p => p.folded.endsWith(` ${folded}`));
    if (bySurname.length === 1) return { id: bySurname[0].e.id, canonical: bySurname[0].e.canonical };
    return { id: entityIdOf('PERSON', name), canonical: name };
  };
}

/** Quotes after speaker corrections; a corrected span where no quote was found becomes a quote. */
export function correctSpeakers(text: string, quotes: readonly Quote[], corrections: readonly Correction[], mentions: readonly Mention[], entities: readonly Entity[]): Quote[] {
  const chosen = corrections.filter((c): c is Extract<Correction, { kind: 'speakers' }> => !c.orphaned && c.kind === 'speakers');
  if (!chosen.length) return [...quotes];
  const out = quotes.map(q => ({ ...q }));
  const index = new SpanIndex(out);
  const resolve = speakerResolver(mentions, entities);
  for (const c of chosen) {
    const resolved = c.speakers.filter(s => typeof s === 'string' && s.trim()).map(s => resolve(s.trim()));
    const unique = resolved.filter((r, i) => resolved.findIndex(o => o.id === r.id) === i);
    let target: Quote | undefined;
    let best = 0;
    // The quote with exactly these words, else the one sharing most of them (a nested quote
    // and the quote around it share all of the inner one's words: exactness decides).
    for (const q of index.overlapping(c)) {
      const shared = q.start === c.start && q.end === c.end ? Infinity : Math.min(q.end, c.end) - Math.max(q.start, c.start);
      if (shared > best) [target, best] = [q, shared];
    }
    if (!target) {
      target = { start: c.start, end: c.end, text: text.slice(c.start, c.end), speakerIds: [], speakers: [], unbalanced: false };
      out.push(target);
    }
    target.speakerIds = unique.map(r => r.id);
    target.speakers = unique.map(r => r.canonical);
    target.origin = 'correction';
    // The attribution phrase the recognizer found no longer explains the speaker.
    delete target.attribution;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** One warning per correction whose text could not be found in the article any more. */
export function correctionProblems(corrections: readonly Correction[]): Problem[] {
  return corrections.filter(c => c.orphaned).map(c => ({
    start: c.start,
    end: c.start,
    code: 'correction-orphaned' as const,
    severity: 'warning' as const,
    message: `Correction ${describeCorrection(c)} no longer matches the text; it is kept (flagged) in the annotations file. Correct the span again or remove the line.`,
  }));
}
