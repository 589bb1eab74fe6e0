/**
 * Names that only attribution found. When the quote rules credit a speaker the entity
 * recognizer missed ("Jagland: ‘…’"), the speaker is still a person named in the text, so every
 * whole-word occurrence of that name (outside existing mentions) becomes a mention of a new entity.
 * This keeps the analysis consistent: a speaker is always an entity with mentions, and appears in
 * hovers, the outline, references and the People view like any other.
 */
import type { Entity, EntityType, Mention, Quote } from './types';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
  const added: Mention[] = [];
  const taken = (start: number, end: number) => mentions.some(m => m.start < end && start < m.end) || added.some(m => m.start < end && start < m.end);
  for (const [id, canonical] of missing) {
    const type = id.slice(0, id.indexOf(':')) as EntityType;
    if (!canonical || !['PERSON', 'ORGANIZATION', 'LOCATION'].includes(type)) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(canonical)}(?![\\p{L}\\p{N}])`, 'gu');
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (!taken(m.index, m.index + m[0].length)) added.push({ start: m.index, end: m.index + m[0].length, text: m[0], type, entityId: id, canonical });
    }
  }
  if (added.length === 0) return { mentions, entities };
  const all = [...mentions, ...added].sort((a, b) => a.start - b.start);
  const byId = new Map<string, Entity>();
  for (const entity of entities) byId.set(entity.id, { ...entity, mentions: [] });
  all.forEach((mention, index) => {
    let entity = byId.get(mention.entityId);
    if (!entity) byId.set(mention.entityId, (entity = { id: mention.entityId, type: mention.type, canonical: mention.canonical, mentions: [], definition: index }));
    entity.mentions.push(index);
  });
  // Re-point each entity's definition at the same mention object it had before the merge.
  for (const entity of entities) {
    const updated = byId.get(entity.id)!;
    const definition = mentions[entity.definition];
    updated.definition = definition ? all.indexOf(definition) : updated.mentions[0];
  }
  return { mentions: all, entities: [...byId.values()].filter(e => e.mentions.length > 0) };
}
