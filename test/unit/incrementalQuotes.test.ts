/**
 * The quote stage with the per-document memo: after random edits that hit what it remembers
 * (quote marks, a mark left open across a line break, attributions, names, line breaks, whole
 * paragraphs pasted twice), every analysis must equal a fresh one. The text holds several
 * articles, English and French, so paragraphs repeat and carried quotes cross article bounds.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/analyze';
import { layoutText } from '../../server/src/analysis/layout';
import { createAnalysisMemo } from '../../server/src/analysis/memo';
import { scanQuotes } from '../../server/src/analysis/quotes/index';
import { loadEntityResources } from '../../server/src/resources';
import { ENGLISH_ARTICLE, FRENCH_ARTICLE } from '../protocol/fixtures';
import { prng } from '../protocol/hostileTexts';

const DATA = path.join(__dirname, '..', '..', '..', 'data');
const SHARED = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'articles');

const SNIPPETS = [
  '“', '”', '«', ' »', '"', "'", '’', '‘', '« ', ' »,', '“We will not back down,”', ' « Nous devons agir, a-t-il dit, vite »',
  ' said Kerry.', ', he said.', ' Kerry said:', ', a-t-il déclaré.', ', estime la ministre.', ' the secretary added', ' according to Merkel,',
  ' — Sonya Herridge', '\nPENCE: ', ' Jagland: ', ' John Kerry', ' Angela Merkel', ' Diplomats', ' diplomats', ' Le Drian', ' she',
  '\n', '\n\n', '\n“', '”\n', ':\n', ' in a statement.', 'x',
];

function articles(): string {
  const shared = fs.existsSync(SHARED) ? fs.readdirSync(SHARED).filter(f => f.endsWith('.txt')).sort().slice(0, 3).map(f => fs.readFileSync(path.join(SHARED, f), 'utf8')) : [];
  return [...shared, ENGLISH_ARTICLE, FRENCH_ARTICLE, ENGLISH_ARTICLE].join('\n\n');
}

/** A random edit: insert a snippet, delete a little, or paste one of the text's own paragraphs elsewhere. */
function edit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const choice = random();
  if (choice < 0.65) return text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
  if (choice < 0.9) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 30)));
  const lines = text.split('\n').filter(l => l.trim());
  return text.slice(0, at) + `\n${lines[Math.floor(random() * lines.length)]}\n` + text.slice(at);
}

test('quotes, speakers and problems with the memo equal a fresh analysis after every random edit', { timeout: 300000 }, () => {
  const resources = loadEntityResources(DATA);
  const random = prng(7031);
  const memo = createAnalysisMemo();
  let text = articles();
  for (let step = 0; step < 150; step++) {
    text = edit(text, random);
    memo.roll();
    const incremental = analyzeText(text, { entityResources: resources, memo });
    const fresh = analyzeText(text, { entityResources: resources });
    assert.deepEqual(incremental.quotes, fresh.quotes, `step ${step}: quotes differ`);
    assert.deepEqual(incremental.problems, fresh.problems, `step ${step}: problems differ`);
    assert.deepEqual(incremental.mentions, fresh.mentions, `step ${step}: mentions differ`);
    assert.deepEqual(incremental.entities, fresh.entities, `step ${step}: entities differ`);
  }
});

test('a scan remembered for a paragraph is not reused when a different mark is carried into it', () => {
  const memo = createAnalysisMemo();
  const scan = (text: string) => {
    memo.roll();
    return scanQuotes(layoutText(text, () => 'en'), undefined, memo).quotes.map(q => text.slice(q.start, q.end));
  };
  const second = 'and we will stay,” he said. “Then we go.';
  // The same second paragraph, with and without a quote left open by the first one.
  assert.deepEqual(scan(`“We came here\n${second}`), scan(`“We came here\n${second}`));
  const carried = scan(`“We came here\n${second}`);
  const fresh = scanQuotes(layoutText(`We came here\n${second}`, () => 'en')).quotes.map(q => `We came here\n${second}`.slice(q.start, q.end));
  assert.deepEqual(scan(`We came here\n${second}`), fresh);
  assert.notDeepEqual(carried, fresh);
});

test('lower-case words follow edits in other paragraphs (a capitalised word alone is a name only if never written in lower case)', () => {
  const resources = loadEntityResources(DATA);
  const memo = createAnalysisMemo();
  const base = '“We will not back down,” Officials said.\n\nThe talks went on.';
  const variants = [base, `${base}\n\nHe met officials there.`, base, `${base}\n\nHe met officials there.`];
  const speakers = variants.map(text => {
    memo.roll();
    const quotes = analyzeText(text, { entityResources: resources, memo }).quotes;
    assert.deepEqual(quotes, analyzeText(text, { entityResources: resources }).quotes);
    return quotes[0].speakers.join();
  });
  // The edit in another paragraph does change the answer: "officials" is a common word once written so.
  assert.deepEqual(speakers, ['Officials', '', 'Officials', '']);
});
