/**
 * A document's layout memo hands out the tokens of the paragraphs an edit left alone again (moved
 * in place), with the last layout's paragraph and sentence objects before the edit, and splices the
 * last layout's token array instead of building a new one. After any edit the layout must equal a
 * fresh one: edits inside repeated paragraphs, copies and deletions of whole lines, joins, pastes
 * too large to splice, and paragraphs cut alone between two layouts.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { layoutArticle, paragraphTexts } from '../../server/src/analysis/layout';
import { createAnalysisMemo } from '../../server/src/analysis/memo';
import { ENGLISH_ARTICLE, FRENCH_ARTICLE } from '../protocol/fixtures';
import { prng } from '../../scripts/prng';

test('a memoized layout equals a fresh one after every edit, repeated paragraphs included', () => {
  const random = prng(777);
  const memo = createAnalysisMemo();
  const lines = `${ENGLISH_ARTICLE}\n${FRENCH_ARTICLE}`.split('\n').filter(line => line.trim());
  // The same few paragraphs many times over, as in the benchmark's 1 MB article.
  let text = Array.from({ length: 60 }, (_, i) => lines[i % 7]).join('\n');
  const SNIPPETS = ['x', ' Kerry', '.', ' said. The', '\n', '\n\n', '\r\n', ' '];
  for (let step = 0; step < 400; step++) {
    const at = Math.floor(random() * (text.length + 1));
    const choice = random();
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    if (choice < 0.45) text = text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
    else if (choice < 0.65) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 20)));
    else if (choice < 0.75) text = `${text.slice(0, lineStart)}${lines[Math.floor(random() * lines.length)]}\n${text.slice(lineStart)}`; // a repeated paragraph added
    else if (choice < 0.85) text = text.slice(0, lineStart) + text.slice(Math.min(text.length, lineEnd + 1)); // a line removed
    else if (choice < 0.9) text = text.slice(0, at) + text.slice(at).replace('\n', ''); // two lines joined
    else if (choice < 0.93) text = text.slice(0, at) + `\n${lines.join('\n').repeat(4)}\n` + text.slice(at); // more tokens than are spliced
    else if (choice < 0.96) text = text.slice(0, lineStart) + text.slice(lineEnd); // a line emptied
    else text = lines[step % lines.length] + '\n' + text; // everything after moves
    if (text.length > 40_000) text = text.slice(0, 20_000);
    memo.roll();
    // Paragraphs cut alone in between: the last layout no longer lines up with the last cut.
    if (random() < 0.05) paragraphTexts(text.slice(0, Math.floor(text.length / 2)), memo);
    const remembered = layoutArticle(text, memo).layout;
    const fresh = layoutArticle(text).layout;
    assert.deepEqual(remembered.tokens, fresh.tokens, `step ${step}: tokens`);
    assert.deepEqual(remembered.sentences, fresh.sentences, `step ${step}: sentences`);
    assert.deepEqual(remembered.paragraphs, fresh.paragraphs, `step ${step}: paragraphs`);
  }
});
