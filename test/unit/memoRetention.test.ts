/**
 * What the per-document memos keep must not grow with each edit. A memo key or cached string cut
 * from the document as a slice keeps that whole version of the text alive (see `ownCopy`): typing
 * in a large article then leaks one copy of it per keystroke, and full collections grow with it.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { analyzeText } from '../../server/src/analysis/analyze';
import { createAnalysisMemo } from '../../server/src/analysis/memo';
import { ENGLISH_ARTICLE, FRENCH_ARTICLE } from '../protocol/fixtures';

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
const liveHeap = () => {
  collect();
  collect();
  return v8.getHeapStatistics().used_heap_size;
};

test('typing into a 1 MB article keeps the live heap flat (no old versions of the text held)', () => {
  let text = '';
  // Curly quotes make it a two-byte string: each version held would be ~2 MB.
  for (let i = 0; text.length < 1 << 20; i++) text += `${i % 2 ? ENGLISH_ARTICLE : FRENCH_ARTICLE}\n\n“Paragraph ${i},” he said.\n\n`;
  const memo = createAnalysisMemo();
  const type = (k: number) => {
    const at = text.indexOf('\n', Math.floor((text.length * ((k * 7) % 31 + 1)) / 33));
    text = `${text.slice(0, at)}x${text.slice(at)}`;
    memo.roll();
    analyzeText(text, { memo });
  };
  for (let k = 0; k < 5; k++) type(k);
  const before = liveHeap();
  const KEYSTROKES = 30;
  for (let k = 5; k < 5 + KEYSTROKES; k++) type(k);
  const grownMB = (liveHeap() - before) / (1 << 20);
  // Flat here is ~0.1 MB; the quotes paragraph cache keyed by slices made it ~16 MB.
  assert.ok(grownMB < 5, `live heap grew ${grownMB.toFixed(1)} MB over ${KEYSTROKES} keystrokes`);
});
