/**
 * Incremental analysis: with per-document memos (paragraph layouts, sentence tagging) an edited
 * text re-uses what did not change, and the result must equal a fresh analysis exactly. Random
 * edits (seeded) type, delete and paste names, quote marks, dates and line breaks into a real
 * article, and every step is compared with an analysis from scratch.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/analyze';
import { createAnalysisMemo } from '../../server/src/analysis/memo';
import { reusedParagraphs } from '../../server/src/analysis/entities/index';
import { loadEntityResources } from '../../server/src/resources';
import { ENGLISH_ARTICLE, FRENCH_ARTICLE } from '../protocol/fixtures';
import { prng } from '../protocol/hostileTexts';

const DATA = path.join(__dirname, '..', '..', '..', 'data');
const SHARED = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'articles');

const SNIPPETS = [' Kerry', ' said Angela Merkel', '“', '”', '«', ' »', '"', '\n', '\n\n', ' on Monday', ' le 22 mars dernier', ' NATO', ' in Paris.', ' M. Le Drian', 'x', ' the secretary said.', ', a-t-il déclaré.', ' 2016'];

test('an analysis with memos equals a fresh one after every random edit', { timeout: 120000 }, () => {
  const resources = loadEntityResources(DATA);
  const start = fs.existsSync(SHARED) ? fs.readFileSync(path.join(SHARED, fs.readdirSync(SHARED).filter(f => f.endsWith('.txt')).sort()[0]), 'utf8') : `${ENGLISH_ARTICLE}\n\n${FRENCH_ARTICLE}`;
  const random = prng(20261123);
  const memo = createAnalysisMemo();
  let text = start;
  let reused = 0;
  for (let step = 0; step < 120; step++) {
    const at = Math.floor(random() * (text.length + 1));
    const choice = random();
    if (choice < 0.6) text = text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
    else if (choice < 0.9) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40)));
    else text = text.slice(0, at) + `\n${ENGLISH_ARTICLE.split('\n')[2]}\n` + text.slice(at);
    memo.roll();
    const incremental = analyzeText(text, { entityResources: resources, memo });
    reused += reusedParagraphs(memo);
    const fresh = analyzeText(text, { entityResources: resources });
    assert.deepEqual(incremental, fresh, `step ${step} differs`);
  }
  // Most paragraphs are untouched by any one edit: their entity tagging came from the memo.
  assert.ok(reused > 120 * 10, `only ${reused} paragraphs reused`);
});

test('an edit re-cuts and re-tags only the paragraph it touched', () => {
  const resources = loadEntityResources(DATA);
  const memo = createAnalysisMemo();
  const text = `${ENGLISH_ARTICLE}\n\n${FRENCH_ARTICLE}`;
  analyzeText(text, { entityResources: resources, memo });
  let computed = 0;
  const counting = { ...memo, paragraphs: { get: (k: string) => memo.paragraphs.get(k), set: (k: string, v: never) => { computed++; return memo.paragraphs.set(k, v); } } };
  memo.roll();
  analyzeText(text.replace('Iraq', 'Syria'), { entityResources: resources, memo: counting });
  assert.equal(computed, 1, 'one paragraph changed, one paragraph cut again');
});
