/**
 * Names that only attribution found. When the quote rules credit a speaker the entity
 * recognizer missed ("Jagland: ‘…’"), the speaker is still a person named in the text, so every
 * whole-word occurrence of that name (outside existing mentions) becomes a mention of a new entity.
 * This keeps the analysis consistent: a speaker is always an entity with mentions, and appears in
 * hovers, the outline, references and the People view like any other.
 */
import type { Entity, EntityType, Mention, Quote } from './types';
import { lowerBound } from './search';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Add mentions and entities for speakers that have none; returns new arrays (inputs untouched). */
export function addSpeakerMentions(text: string, mentions: Mention[], entities: Entity[], quotes: Quote[]): { mentions: Mention[]; entities: Entity[] } {
  const known = new Set(entities.map(e => e.id));
  const missing = new Map<string, string>();
  for (const quote of quotes) {
    quote.speakerIds.forEach((id, k) => {
      if (!known.has(id) && !missing.has(id)) missing.set(id, quote.speakers[k]);
    });
  }
  if (missing.size === 0) return { mentions, entities };
  const taken = new Occupied(mentions);
  const added: Mention[] = [];
  for (const [id, canonical] of missing) {
    const type = id.slice(0, id.indexOf(':')) as EntityType;
    if (!canonical || !['PERSON', 'ORGANIZATION', 'LOCATION'].includes(type)) continue;
    for (const start of wholeWordOccurrences(text, canonical)) {
      const end = start + canonical.length;
      if (taken.overlaps(start, end)) continue;
      const mention: Mention = { start, end, text: canonical, type, entityId: id, canonical };
      added.push(mention);
      taken.add(mention);
    }
  }
  if (added.length === 0) return { mentions, entities };
  return merge(mentions, entities, added, taken);
}

/**
 * Where `name` occurs in `text` with no letter or digit right before or after it, left to right
 * and not overlapping: what a global Unicode regex with those lookarounds finds, by a plain string
 * search (the regex tried its lookbehind at every position of the text).
 */
function* wholeWordOccurrences(text: string, name: string): Generator<number> {
  for (let at = text.indexOf(name); at >= 0; ) {
    // A Unicode regex never starts or ends a match inside a surrogate pair.
    const end = at + name.length;
    const insidePair = (at > 0 && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1))) || (isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end)));
    if (!insidePair && !LETTER_OR_DIGIT.test(codePointBefore(text, at)) && !LETTER_OR_DIGIT.test(codePointAt(text, end))) {
      yield at;
      at = text.indexOf(name, end);
    } else at = text.indexOf(name, at + 1);
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The code point ending right before `at`, as a string ('' at the start). */
function codePointBefore(text: string, at: number): string {
  if (at === 0) return '';
  if (at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) && isHighSurrogate(text.charCodeAt(at - 2))) return text.slice(at - 2, at);
  return text[at - 1];
}

/** The code point starting at `at`, as a string ('' at the end). */
function codePointAt(text: string, at: number): string {
  if (at >= text.length) return '';
  const c = text.codePointAt(at) as number;
  return String.fromCodePoint(c);
}

/**
 * Spans taken by mentions, for overlap checks by binary search: the given mentions (sorted by
 * start, as the recognizer returns them; a running maximum of ends covers any overlap among them)
 * and the added ones, kept sorted as they come.
 */
class Occupied {
  #starts: number[] | null = null;
  #maxEnds: number[] = [];
  /** The added mentions, sorted by start (they do not overlap each other). */
  readonly #added: Mention[] = [];
  readonly #addedStarts: number[] = [];
  #sorted = true;
  readonly #mentions: Mention[];

  constructor(mentions: Mention[]) {
    this.#mentions = mentions;
  }

  /** Built when a name first occurs: most edits add no speaker mention. */
  #index(): number[] {
    if (this.#starts) return this.#starts;
    const mentions = this.#mentions;
    this.#starts = mentions.map(m => m.start);
    this.#maxEnds = new Array(mentions.length);
    let max = -Infinity;
    mentions.forEach((m, i) => {
      if (i > 0 && m.start < mentions[i - 1].start) this.#sorted = false;
      max = Math.max(max, m.end);
      this.#maxEnds[i] = max;
    });
    return this.#starts;
  }

  overlaps(start: number, end: number): boolean {
    if (this.#overlapsGiven(start, end)) return true;
    // Non-overlapping and sorted: the last one starting before `end` ends last.
    const before = lowerBound(this.#addedStarts, end);
    return before > 0 && this.#added[before - 1].end > start;
  }

  add(mention: Mention): void {
    const at = lowerBound(this.#addedStarts, mention.start);
    this.#added.splice(at, 0, mention);
    this.#addedStarts.splice(at, 0, mention.start);
  }

  /** The given mentions' starts, and whether they are sorted. */
  given(): { starts: number[]; sorted: boolean } {
    return { starts: this.#index(), sorted: this.#sorted };
  }

  #overlapsGiven(start: number, end: number): boolean {
    const starts = this.#index();
    if (!this.#sorted) return this.#mentions.some(m => m.start < end && start < m.end);
    // Mentions starting before `end`; one of them overlaps when the largest end among them passes `start`.
    const before = lowerBound(starts, end);
    return before > 0 && this.#maxEnds[before - 1] > start;
  }
}

/**
 * All mentions sorted by start (the given ones first on a tie, as a stable sort of the given then
 * the added puts them), and the entities rebuilt over the merged indexes, each definition still
 * pointing at the same mention (found through the new index of each given mention, not searched).
 */
function merge(mentions: Mention[], entities: Entity[], added: Mention[], taken: Occupied): { mentions: Mention[]; entities: Entity[] } {
  const extra = [...added].sort((a, b) => a.start - b.start);
  // The starts were read to find overlaps: the given mentions are not touched again to merge them.
  const { starts, sorted } = taken.given();
  let all: Mention[];
  /** Where each given mention goes in `all`. */
  const newIndex = new Int32Array(mentions.length);
  if (sorted) {
    // Filled in place at its final size: a document's mentions would otherwise grow it by copies.
    all = new Array<Mention>(mentions.length + extra.length);
    let at = 0;
    let k = 0;
    for (let i = 0; i < mentions.length; i++) {
      while (k < extra.length && extra[k].start < starts[i]) all[at++] = extra[k++];
      newIndex[i] = at;
      all[at++] = mentions[i];
    }
    while (k < extra.length) all[at++] = extra[k++];
  } else {
    all = [];
    const order = [...mentions, ...added].map((m, i) => ({ m, i })).sort((a, b) => a.m.start - b.m.start);
    order.forEach(({ m, i }, at) => {
      if (i < mentions.length) newIndex[i] = at;
      all.push(m);
    });
  }
  const byId = assignEntities(entities, all);
  // Re-point each entity's definition at the same mention object it had before the merge.
  for (const entity of entities) {
    const updated = byId.get(entity.id)!;
    const definition = mentions[entity.definition];
    updated.definition = definition ? newIndex[entity.definition] : updated.mentions[0];
  }
  return { mentions: all, entities: [...byId.values()].filter(e => e.mentions.length > 0) };
}

/** Every mention's entity by looking up its id. */
function assignEntities(entities: Entity[], all: Mention[]): Map<string, Entity> {
  const byId = new Map<string, Entity>();
  for (const entity of entities) byId.set(entity.id, { ...entity, mentions: [] });
  all.forEach((mention, index) => {
    let entity = byId.get(mention.entityId);
    if (!entity) byId.set(mention.entityId, (entity = { id: mention.entityId, type: mention.type, canonical: mention.canonical, mentions: [], definition: index }));
    entity.mentions.push(index);
  });
  return byId;
}
