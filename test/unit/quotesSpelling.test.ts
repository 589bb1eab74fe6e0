// Token spelling: a text's lower-case words are marks set by its spelling pass; a set kept past a
// later pass must still answer for its own text.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { layoutText } from '../../server/src/analysis/layout';
import { LOWER, spellTokens } from '../../server/src/analysis/quotes/context';

function spell(text: string) {
  return spellTokens(layoutText(text, () => 'en').tokens);
}

test('lower-case words are the folded forms of tokens written in lower case', () => {
  const { lower, folded, shape } = spell('Le maire, « déçu », a dit: Paris.');
  assert.ok(lower.has('decu'));
  assert.ok(lower.has('a'));
  assert.ok(!lower.has('paris'));
  assert.ok(!lower.has('le'));
  assert.equal(folded[folded.indexOf('decu')], 'decu');
  assert.ok((shape[folded.indexOf('maire')] & LOWER) !== 0);
});

test('a set kept past a later pass still answers for its own text', () => {
  const first = spell('Smith said the rain fell.');
  const second = spell('Rain. Said Smith: the end.');
  assert.ok(second.lower.has('the') && !second.lower.has('rain') && !second.lower.has('said'));
  assert.ok(first.lower.has('rain') && first.lower.has('said') && first.lower.has('the'));
  assert.ok(!first.lower.has('end') && !first.lower.has('smith'));
  // And the later one still answers after the earlier one rebuilt its own.
  assert.ok(!second.lower.has('fell'));
});

test('one-character tokens spell like any other', () => {
  const { folded, shape, lower } = spell('I saw a “b” — É.');
  assert.deepEqual(folded.slice(0, 3), ['i', 'saw', 'a']);
  assert.ok(lower.has('a') && lower.has('b') && !lower.has('i') && !lower.has('e'));
  assert.equal(shape[folded.indexOf('—')] & LOWER, 0);
});
