/**
 * Speakers that only attribution found become entities with mentions, so every speaker of a quote
 * is the canonical name of some mention (the gold format's consistency rule).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { linkMentions } from '../../server/src/analysis/entities/identity';
import { addSpeakerMentions } from '../../server/src/analysis/speakerMentions';
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Entity, EntityType, Mention, Quote } from '../../server/src/analysis/types';
import { prng } from '../protocol/hostileTexts';

test('a speaker the recognizer missed becomes an entity with every occurrence as a mention', () => {
  const text = 'Paris hosted talks. Jagland: “We will act now, together.” Later Jagland left Paris.';
  const paris = (from: number) => ({ start: text.indexOf('Paris', from), end: text.indexOf('Paris', from) + 5, type: 'LOCATION' as const });
  const linked = linkMentions(text, [paris(0), paris(30)]);
  const quote: Quote = { start: text.indexOf('“'), end: text.indexOf('”') + 1, text: '', speakerIds: ['PERSON:jagland'], speakers: ['Jagland'], unbalanced: false };
  const { mentions, entities } = addSpeakerMentions(text, linked.mentions, linked.entities, [quote]);
  assert.deepEqual(mentions.map(m => `${m.type} ${m.text}`), ['LOCATION Paris', 'PERSON Jagland', 'PERSON Jagland', 'LOCATION Paris']);
  const jagland = entities.find(e => e.id === 'PERSON:jagland')!;
  assert.deepEqual(jagland.mentions, [1, 2]);
  const place = entities.find(e => e.type === 'LOCATION')!;
  assert.deepEqual(place.mentions, [0, 3]);
  assert.equal(place.definition, 0);
});

test('nothing changes when every speaker is already an entity', () => {
  const text = 'Kerry said “We will act now, together.”';
  const linked = linkMentions(text, [{ start: 0, end: 5, type: 'PERSON' }]);
  const quote: Quote = { start: 11, end: text.length, text: '', speakerIds: [linked.entities[0].id], speakers: ['Kerry'], unbalanced: false };
  const result = addSpeakerMentions(text, linked.mentions, linked.entities, [quote]);
  assert.equal(result.mentions, linked.mentions);
});

test('the core reports instead of throwing on malformed input it is handed', () => {
  const analysis = analyzeText('Kerry met Hagel in Paris.', { annotations: { corrections: [null as never] } });
  assert.ok(Array.isArray(analysis.mentions));
  assert.ok(analysis.problems.every(p => typeof p.message === 'string'));
});

/** The first implementation (one regex per name, overlap checked against every mention), kept as the reference. */
function referenceSpeakerMentions(text: string, mentions: Mention[], entities: Entity[], quotes: Quote[]): { mentions: Mention[]; entities: Entity[] } {
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const known = new Set(entities.map(e => e.id));
  const missing = new Map<string, string>();
  for (const quote of quotes) quote.speakerIds.forEach((id, k) => { if (!known.has(id) && !missing.has(id)) missing.set(id, quote.speakers[k]); });
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
  for (const entity of entities) {
    const updated = byId.get(entity.id)!;
    const definition = mentions[entity.definition];
    updated.definition = definition ? all.indexOf(definition) : updated.mentions[0];
  }
  return { mentions: all, entities: [...byId.values()].filter(e => e.mentions.length > 0) };
}

test('speaker mentions are found as by one Unicode regex per name (random texts: astral letters, names inside words, names overlapping themselves)', () => {
  const random = prng(9241);
  const pieces = ['Aa', 'Aa Bb', 'Bb', 'aAa', ' ', ' ', ',', '\n', '𝐀', '𝐀a', 'é', '1', '\ud835', '\udc00', 'Aa𝐀', 'AaAa', 'Ω'];
  // Names real text never has too (lone surrogates at either end), where a string search and a Unicode regex part ways.
  const names = ['Aa', 'Aa Bb', 'AaAa', 'Aa Aa', '𝐀a', 'Bb', 'Ω', '\udc00Aa', 'Aa\ud835'];
  for (let round = 0; round < 1500; round++) {
    let text = '';
    const length = 5 + Math.floor(random() * 40);
    for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
    // A few mentions of a known entity, sometimes out of order or overlapping.
    const mentions: Mention[] = [];
    for (let k = 0; k < 3; k++) {
      const start = Math.floor(random() * text.length);
      const end = Math.min(text.length, start + Math.floor(random() * 5));
      mentions.push({ start, end, text: text.slice(start, end), type: 'LOCATION', entityId: 'LOCATION:x', canonical: 'X' });
    }
    if (random() < 0.7) mentions.sort((a, b) => a.start - b.start);
    const entities: Entity[] = [{ id: 'LOCATION:x', type: 'LOCATION', canonical: 'X', mentions: [0, 1, 2], definition: Math.floor(random() * 4) }];
    const speakers = [names[Math.floor(random() * names.length)], names[Math.floor(random() * names.length)]];
    const quote: Quote = { start: 0, end: 1, text: '', speakerIds: speakers.map(s => `PERSON:${s}`), speakers, unbalanced: false };
    assert.deepEqual(addSpeakerMentions(text, mentions, entities, [quote]), referenceSpeakerMentions(text, mentions, entities, [quote]), `round ${round}: ${JSON.stringify(text)}`);
  }
});

test('after an occurrence of a name the search goes on after it, even when that occurrence was taken', () => {
  // "Aa Aa" at 0 is taken by a mention; the one at 3 overlaps it and is not an occurrence a left-to-right regex finds.
  const text = 'Aa Aa Aa';
  const mentions: Mention[] = [{ start: 0, end: 1, text: 'A', type: 'LOCATION', entityId: 'LOCATION:x', canonical: 'X' }];
  const entities: Entity[] = [{ id: 'LOCATION:x', type: 'LOCATION', canonical: 'X', mentions: [0], definition: 0 }];
  const quote: Quote = { start: 0, end: 1, text: '', speakerIds: ['PERSON:aa aa'], speakers: ['Aa Aa'], unbalanced: false };
  const result = addSpeakerMentions(text, mentions, entities, [quote]);
  assert.deepEqual(result, referenceSpeakerMentions(text, mentions, entities, [quote]));
  assert.equal(result.mentions.length, 1);
});
