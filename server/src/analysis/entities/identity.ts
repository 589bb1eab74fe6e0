/**
 * Within-file identity: mentions of one entity share an id and a canonical name ("Kerry" →
 * "John Kerry"). (Contract placeholder: the linker lands here.)
 */
import type { Entity, Mention } from '../types';
import type { RawMention } from './index';

/** Fold case and accents so "Élysée" and "ELYSEE" compare equal. */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The id of an entity, the same in every file: type plus folded canonical name. */
export function entityIdOf(type: string, canonical: string): string {
  return `${type}:${foldName(canonical)}`;
}

/** Give every raw mention an entity id and canonical name; group mentions into entities. */
export function linkMentions(text: string, raw: RawMention[]): { mentions: Mention[]; entities: Entity[] } {
  const mentions: Mention[] = [];
  const byId = new Map<string, Entity>();
  for (const r of raw) {
    const surface = text.slice(r.start, r.end);
    const id = entityIdOf(r.type, surface);
    let entity = byId.get(id);
    if (!entity) {
      entity = { id, type: r.type, canonical: surface, mentions: [], definition: mentions.length };
      byId.set(id, entity);
    }
    entity.mentions.push(mentions.length);
    mentions.push({ ...r, text: surface, entityId: id, canonical: entity.canonical });
  }
  return { mentions, entities: [...byId.values()] };
}
