/**
 * Speakers that only attribution found become entities with mentions, so every speaker of a quote
 * is the canonical name of some mention (the gold format's consistency rule).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { linkMentions } from '../../server/src/analysis/entities/identity';
import { addSpeakerMentions } from '../../server/src/analysis/speakerMentions';
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Quote } from '../../server/src/analysis/types';

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
