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
import { languageScore } from '../../server/src/analysis/language';
import { createAnalysisMemo } from '../../server/src/analysis/memo';
import { reusedParagraphs } from '../../server/src/analysis/entities/index';
import { loadEntityResources } from '../../server/src/resources';
import type { WatchEntry } from '../../server/src/analysis/corrections/model';
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

/**
 * Several articles in one text, English and French, edited where the layout, language and
 * identity memos look: line breaks typed and deleted (paragraphs split and merged, CR LF too),
 * paragraphs duplicated (one text at several places), French pasted into English (the article's
 * language may flip), names typed, renamed and deleted (the mentions the grouping memo compares),
 * and a watch-list that changes between analyses (same names, other types: the memo must notice).
 */
const WATCH_LISTS: WatchEntry[][] = [[], [{ name: 'Kerry' }], [{ name: 'Kerry', type: 'LOCATION' }], [{ name: 'Stoltenberg', type: 'ORGANIZATION' }, { name: 'Le Drian' }]];
const MULTI_SNIPPETS = ['\n', '\r\n', '\n\n', '\r', ' Kerry', ' John F. Kerry', ' M. Le Drian', ' Jean-Yves Le Drian', ' NATO', " l'OTAN", ' ISIL', ' Daech', ' the', ' le', ' de la', ' été', "'s", '.', ' U.S.', '“', '”', 'x'];

test('memos equal a fresh analysis on a multi-article text, edits on lines, languages and names', { timeout: 240000 }, () => {
  const resources = loadEntityResources(DATA);
  const shared = fs.existsSync(SHARED) ? fs.readdirSync(SHARED).filter(f => f.endsWith('.txt')).sort().map(f => fs.readFileSync(path.join(SHARED, f), 'utf8')) : [];
  const articles = [...shared, ENGLISH_ARTICLE, FRENCH_ARTICLE];
  const random = prng(4242);
  const memo = createAnalysisMemo();
  // "Mr. Lincoln said" names a person, "In Lincoln they said" a place: the same mention texts, another type.
  let text = `Mr. Lincoln said the talks would go on.\n${articles.join('\n\n')}`;
  let frenchBlock = '';
  for (let step = 0; step < 100; step++) {
    const lines = text.split('\n');
    const at = Math.floor(random() * (text.length + 1));
    const choice = random();
    if (choice < 0.45) text = text.slice(0, at) + MULTI_SNIPPETS[Math.floor(random() * MULTI_SNIPPETS.length)] + text.slice(at);
    else if (choice < 0.65) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 60)));
    else if (choice < 0.75) {
      // A line break deleted: two paragraphs become one.
      const newline = text.indexOf('\n', at);
      if (newline >= 0) text = text.slice(0, newline) + text.slice(newline + 1);
    } else if (choice < 0.85) {
      // A paragraph copied elsewhere: the same text at two places.
      const line = lines[Math.floor(random() * lines.length)];
      text = `${text.slice(0, at)}\n${line}\n${text.slice(at)}`;
    } else if (choice < 0.88) {
      // A French paragraph pasted, sometimes many: the article's language may change.
      const french = FRENCH_ARTICLE.split('\n').filter(l => l.trim());
      text = `${text.slice(0, at)}\n${french[Math.floor(random() * french.length)].repeat(1 + Math.floor(random() * 3))}\n${text.slice(at)}`;
    } else if (choice < 0.92) {
      // French enough to outweigh the rest pasted, or taken away: the article's main language flips,
      // and with it the language of every paragraph with too little evidence of its own.
      if (frenchBlock && text.includes(frenchBlock)) text = text.replace(frenchBlock, '');
      else {
        frenchBlock = '';
        while (languageScore(frenchBlock) > -languageScore(text) - 3) frenchBlock += `${FRENCH_ARTICLE}\n`;
        const lineStart = text.lastIndexOf('\n', at) + 1;
        text = text.slice(0, lineStart) + frenchBlock + text.slice(lineStart);
      }
    } else if (choice < 0.96) {
      // A name renamed everywhere.
      text = random() < 0.5 ? text.split('Kerry').join('Kerrey') : text.split('Kerrey').join('Kerry');
    } else {
      text = text.includes('Mr. Lincoln said') ? text.split('Mr. Lincoln said').join('In Lincoln they said') : text.split('In Lincoln they said').join('Mr. Lincoln said');
    }
    const annotations = { watchList: WATCH_LISTS[Math.floor(random() * WATCH_LISTS.length)] };
    memo.roll();
    const incremental = analyzeText(text, { entityResources: resources, memo, annotations });
    const fresh = analyzeText(text, { entityResources: resources, annotations });
    assert.deepEqual(incremental, fresh, `step ${step} differs`);
  }
});
