/**
 * The in-memory workspace index: one `FileSummary` per article URI, and the cross-file views
 * derived from it — every file mentioning an entity, the People list, symbol search. Entity ids
 * already agree across files for the same canonical name (folded for case and accents); on top of
 * that, a person known in a file only by a last name ("Kerry") joins the one workspace person
 * whose full name ends with it, when there is exactly one.
 */
import type { EntityType } from '../analysis/types';
import type { EntitySummary, FileSummary, QuoteSummary } from './fileSummary';
import { foldAccents } from '../analysis/fold';

export interface EntityOccurrences {
  id: string;
  type: EntityType;
  /** The fullest canonical name seen in the workspace. */
  canonical: string;
  files: Map<string, EntitySummary>;
}

export interface PersonEntry {
  entityId: string;
  canonical: string;
  articleCount: number;
  mentionCount: number;
  quoteCount: number;
}

export interface PersonFile {
  uri: string;
  mentions: EntitySummary['mentions'];
  quotes: QuoteSummary[];
}

const lastToken = (name: string) => name.split(' ').pop() ?? name;

export class WorkspaceIndex {
  #files = new Map<string, FileSummary>();
  #overrides = new Map<string, FileSummary>();
  #derived: { byId: Map<string, EntityOccurrences>; alias: Map<string, string> } | undefined;

  get size(): number {
    return this.#files.size;
  }

  uris(): string[] {
    return [...new Set([...this.#files.keys(), ...this.#overrides.keys()])];
  }

  /** The indexed summary of a file on disk. */
  setFile(uri: string, summary: FileSummary): void {
    this.#files.set(uri, summary);
    this.#derived = undefined;
  }

  deleteFile(uri: string): void {
    if (this.#files.delete(uri)) this.#derived = undefined;
  }

  /** The live summary of an open document, which wins over its indexed version until closed. */
  setOverride(uri: string, summary: FileSummary | undefined): void {
    if (summary) this.#overrides.set(uri, summary);
    else this.#overrides.delete(uri);
    this.#derived = undefined;
  }

  summary(uri: string): FileSummary | undefined {
    return this.#overrides.get(uri) ?? this.#files.get(uri);
  }

  #derive() {
    if (this.#derived) return this.#derived;
    const byId = new Map<string, EntityOccurrences>();
    for (const uri of this.uris()) {
      for (const entity of this.summary(uri)!.entities) {
        let entry = byId.get(entity.id);
        if (!entry) byId.set(entity.id, (entry = { id: entity.id, type: entity.type, canonical: entity.canonical, files: new Map() }));
        if (entity.canonical.length > entry.canonical.length) entry.canonical = entity.canonical;
        entry.files.set(uri, entity);
      }
    }
    // Last-name-only people join the unique full name that ends with the same word.
    const fullNamesByLast = new Map<string, string[]>();
    for (const entry of byId.values()) {
      if (entry.type !== 'PERSON' || !entry.id.includes(' ')) continue;
      const key = `PERSON:${lastToken(entry.id.slice('PERSON:'.length))}`;
      fullNamesByLast.set(key, [...(fullNamesByLast.get(key) ?? []), entry.id]);
    }
    const alias = new Map<string, string>();
    for (const entry of byId.values()) {
      const candidates = entry.type === 'PERSON' && !entry.id.includes(' ') ? fullNamesByLast.get(entry.id) : undefined;
      if (candidates?.length !== 1) continue;
      const target = byId.get(candidates[0])!;
      alias.set(entry.id, target.id);
      for (const [uri, summary] of entry.files) if (!target.files.has(uri)) target.files.set(uri, summary);
    }
    for (const id of alias.keys()) byId.delete(id);
    this.#derived = { byId, alias };
    return this.#derived;
  }

  /** The workspace-wide id of an entity id from one file. */
  resolveId(id: string): string {
    return this.#derive().alias.get(id) ?? id;
  }

  entity(id: string): EntityOccurrences | undefined {
    const derived = this.#derive();
    return derived.byId.get(derived.alias.get(id) ?? id);
  }

  /** Every person in the workspace, most widely mentioned first. */
  people(): PersonEntry[] {
    const people: PersonEntry[] = [];
    const quoteCounts = new Map<string, number>();
    for (const uri of this.uris()) {
      for (const quote of this.summary(uri)!.quotes) {
        for (const id of quote.speakerIds) {
          const resolved = this.resolveId(id);
          quoteCounts.set(resolved, (quoteCounts.get(resolved) ?? 0) + 1);
        }
      }
    }
    for (const entry of this.#derive().byId.values()) {
      if (entry.type !== 'PERSON') continue;
      let mentionCount = 0;
      for (const summary of entry.files.values()) mentionCount += summary.mentions.length;
      people.push({ entityId: entry.id, canonical: entry.canonical, articleCount: entry.files.size, mentionCount, quoteCount: quoteCounts.get(entry.id) ?? 0 });
    }
    return people.sort((a, b) => b.articleCount - a.articleCount || b.mentionCount - a.mentionCount || a.canonical.localeCompare(b.canonical));
  }

  /** The files that mention a person, with the mentions and the quotes attributed to them there. */
  personFiles(id: string): PersonFile[] {
    const entry = this.entity(id);
    if (!entry) return [];
    const files: PersonFile[] = [];
    for (const [uri, summary] of entry.files) {
      const quotes = this.summary(uri)!.quotes.filter(q => q.speakerIds.some(s => this.resolveId(s) === entry.id));
      files.push({ uri, mentions: summary.mentions, quotes });
    }
    return files.sort((a, b) => a.uri.localeCompare(b.uri));
  }

  /** Entities whose name fuzzily matches `query` (its letters in order), best first, at most `limit`. */
  searchEntities(query: string, limit = 200): EntityOccurrences[] {
    const needle = fold(query);
    const scored: Array<[number, EntityOccurrences]> = [];
    for (const entry of this.#derive().byId.values()) {
      const score = fuzzyScore(fold(entry.canonical), needle);
      if (score >= 0) scored.push([score, entry]);
    }
    scored.sort((a, b) => b[0] - a[0] || b[1].files.size - a[1].files.size || a[1].canonical.localeCompare(b[1].canonical));
    return scored.slice(0, limit).map(([, entry]) => entry);
  }
}

function fold(text: string): string {
  return foldAccents(text);
}

/** -1 when `needle`'s characters do not appear in order in `haystack`; higher is better (contiguous, word starts). */
export function fuzzyScore(haystack: string, needle: string): number {
  if (!needle) return 0;
  const contiguous = haystack.indexOf(needle);
  if (contiguous >= 0) return 1000 - contiguous + (contiguous === 0 || haystack[contiguous - 1] === ' ' ? 500 : 0);
  let score = 0;
  let from = 0;
  for (const char of needle) {
    const at = haystack.indexOf(char, from);
    if (at < 0) return -1;
    score += at === from ? 5 : at === 0 || haystack[at - 1] === ' ' ? 3 : 1;
    from = at + 1;
  }
  return score;
}
