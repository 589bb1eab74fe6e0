import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ownCopy } from '../../server/src/analysis/ownCopy';

test('ownCopy returns the same characters, short or long', () => {
  const text = 'Secretary of State John Kerry met Angela Merkel in Berlin on Monday.';
  for (const [start, end] of [[0, 0], [19, 29], [0, text.length], [34, 47]]) assert.equal(ownCopy(text.slice(start, end)), text.slice(start, end));
});
