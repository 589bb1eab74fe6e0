/**
 * The sentence cap that keeps hostile input bounded: a run-on line with no sentence end is cut
 * into windows of at most `MAX_SENTENCE_TOKENS` tokens, preferably after a comma or a quote mark,
 * while ordinary sentences are left exactly as `splitSentences` made them.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { capSentence, layoutText, MAX_SENTENCE_TOKENS, tokenize } from '../../server/src/analysis/layout';

test('ordinary sentences are not cut', () => {
  const text = 'Secretary of State John Kerry met Laurent Fabius in Paris on Monday, officials said. “We will act,” Kerry said.';
  const layout = layoutText(text, () => 'en');
  assert.deepEqual(layout.sentences.map(s => text.slice(s.start, s.end)), [
    'Secretary of State John Kerry met Laurent Fabius in Paris on Monday, officials said.',
    '“We will act,” Kerry said.',
  ]);
});

test('a run-on line is cut into bounded windows that cover it in order', () => {
  const text = 'He said “ and then '.repeat(2000).trim();
  const layout = layoutText(text, () => 'en');
  assert.ok(layout.sentences.length >= (2000 * 5) / MAX_SENTENCE_TOKENS, `${layout.sentences.length} sentences`);
  let previousEnd = 0;
  for (const s of layout.sentences) {
    const count = layout.tokens.filter(t => t.start >= s.start && t.end <= s.end).length;
    assert.ok(count <= MAX_SENTENCE_TOKENS, `${count} tokens`);
    assert.ok(s.start >= previousEnd);
    previousEnd = s.end;
  }
  assert.equal(layout.sentences[layout.sentences.length - 1].end, text.length);
});

test('windows prefer to end after a comma or a quote mark', () => {
  const text = Array.from({ length: 40 }, () => 'one two three four five six seven eight nine,').join(' ');
  const tokens = tokenize(text);
  const pieces = capSentence({ start: 0, end: text.length, paragraph: 0 }, tokens, 25);
  for (const piece of pieces.slice(0, -1)) assert.ok(text.slice(piece.start, piece.end).endsWith(','), text.slice(piece.start, piece.end));
});
