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

/**
 * Paragraphs whose attribution reads across a line break, one construction per line: a speech verb
 * ending a paragraph with its phrase or statement in the next one (`phraseAfter`, `statementFollows`,
 * runs of adverbs and chains of names), a light verb and a reporting noun split, an incise whose
 * closing comma opens the next paragraph, a bare « t-il » whose verb ends the previous one, titles
 * and gender read one or two tokens back, a paragraph ending in ":" before a quote, a byline after a
 * dash, a capitalised word that is a common word elsewhere.
 */
const CROSSING = [
  '“We will not back down,” said',
  'Sen. Larry Craig, who spoke in a joint statement.',
  '“The plan is sound,” Angela Merkel said also',
  'again then later John Kerry and Angela Merkel and',
  'Hollande, a senior diplomat.',
  '« Nous devons, a-t-il dit',
  ', agir vite », a',
  't-il déclaré dans un communiqué.',
  'Kerry made a',
  'statement that “nothing will change in the region.”',
  'La ministre des Armées, Florence Parly, a déclaré :',
  '« Nous resterons sur place aussi longtemps que nécessaire. »',
  '“Nobody saw it coming,” the secretary said. Mrs.',
  'Angela Merkel added that “the talks go on.”',
  '“This is the end of the road for them,” —',
  'Sonya Herridge',
  '“We are going home at last,” Diplomats said. “It has been a long and hard year.”',
  'The diplomats said nothing more.',
  'PENCE: “We will keep our word to the people.”',
  '“The union will not sign this agreement,”',
  'selon le porte-parole du gouvernement, Olivier Véran, qui a parlé.',
];

/** Edits around line breaks: join two paragraphs, split one at a word, or put a cross-paragraph snippet at a break. */
function editAtBreak(text: string, random: () => number): string {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
  const at = breaks.length ? breaks[Math.floor(random() * breaks.length)] : 0;
  const choice = random();
  if (choice < 0.2) return text.slice(0, at) + ' ' + text.slice(at + 1);
  if (choice < 0.45) {
    // Split a word run near the break: a different token now ends or opens a paragraph.
    const near = Math.max(0, Math.min(text.length, at + Math.floor(random() * 60) - 30));
    const space = text.indexOf(' ', near);
    return space < 0 ? text : text.slice(0, space) + '\n' + text.slice(space + 1);
  }
  if (choice < 0.6) return text.slice(0, at) + '\n' + CROSSING[Math.floor(random() * CROSSING.length)] + text.slice(at);
  if (choice < 0.75) return text.slice(0, at) + ' ' + ['said', 'a', 'and', 'Mrs.', 'la', ':', '—', ',', 'also', 'statement', 'Kerry and'][Math.floor(random() * 11)] + text.slice(at);
  if (choice < 0.9) return text.slice(0, at + 1) + ['in a statement. ', 't-il dit, ', 'Merkel said. ', 'diplomats ', '“', 'ministre ', 'again '][Math.floor(random() * 7)] + text.slice(at + 1);
  return edit(text, random);
}

test('attribution read across line breaks: remembered facts equal a fresh analysis after edits at paragraph breaks', { timeout: 300000 }, () => {
  const resources = loadEntityResources(DATA);
  const random = prng(4127);
  const memo = createAnalysisMemo();
  let text = [CROSSING.join('\n'), ENGLISH_ARTICLE, CROSSING.slice().reverse().join('\n'), FRENCH_ARTICLE, CROSSING.join('\n')].join('\n');
  for (let step = 0; step < 250; step++) {
    text = editAtBreak(text, random);
    memo.roll();
    const incremental = analyzeText(text, { entityResources: resources, memo });
    const fresh = analyzeText(text, { entityResources: resources });
    assert.deepEqual(incremental.quotes, fresh.quotes, `step ${step}: quotes differ`);
    assert.deepEqual(incremental.mentions, fresh.mentions, `step ${step}: mentions differ`);
  }
});

const FILLER_BEFORE = 'The talks opened in the morning.\nThe room was full of people from many countries.\nNobody expected a deal that day.';
const FILLER_AFTER = 'The meeting went on late into the night with many other speakers and long breaks between them.\nReporters waited outside the building in the rain for several hours without any news at all.';

/**
 * Edits in one paragraph that change what a quote in another paragraph gets, through each read
 * that crosses a line break. `[before, after]`: the memo sees `before` then `after`.
 */
const SCENARIOS: Array<[name: string, before: string, after: string]> = [
  // A phrase after a verb that ends a paragraph, past a paragraph of adverbs (a run of any length).
  ['phrase two paragraphs on', '“We will not back down,” said\nalso\nSen. Larry Craig.', '“We will not back down,” said\nalso\nthe diplomats.'],
  // The same, with the verb's paragraph edited: it is read again in a window that must reach the name.
  // (The paragraphs that read the edited one are read again with it: the name is further on than they need.)
  ['window reaching the phrase', '“We will not back down,” said\nalso\nagain\nthen\nSen. Larry Craig.', '“We will never back down,” said\nalso\nagain\nthen\nSen. Larry Craig.'],
  // A statement named two paragraphs after the verb makes its subject the statement's author.
  ['statement two paragraphs on', 'Kerry said\nit\nin a statement.\nAngela Merkel said “there is no way at all”.\n“We are done here,” the statement said.', 'Kerry said\nit\nin a hurry.\nAngela Merkel said “there is no way at all”.\n“We are done here,” the statement said.'],
  // Names coordinated across a break, in the paragraph ending in ":" before a quote: the quote reads two paragraphs back.
  ['names two paragraphs back', 'Officials met John Kerry\nand Angela Merkel said:\n“We will keep our word to the people.”', 'Officials met the boss\nand Angela Merkel said:\n“We will keep our word to the people.”'],
  // A bare « t-il » whose verb ends the paragraph before the one ending in ":".
  ['inversion two paragraphs back', 'Jean Dupont est arrivé.\nLe ministre dit\nt-il :\n« Nous resterons ici aussi longtemps que nécessaire. »', 'Jean Dupont est arrivé.\nLe ministre vit\nt-il :\n« Nous resterons ici aussi longtemps que nécessaire. »'],
  // A title's gender read two tokens back, across a break, decides who "she" is.
  ['gender across a break', 'John Smith met Mrs.\nJane Doe.\n“We have an agreement on the main points,” she said.', 'John Smith met Mr.\nJane Doe.\n“We have an agreement on the main points,” she said.'],
  // A byline after a dash, in the next paragraph.
  ['byline in the next paragraph', '“This is the end of the road for them,” —\nSonya Herridge', '“This is the end of the road for them,” —\nthe end'],
  // A name before a colon that ends the paragraph, with only white space changed between the two.
  ['white space between paragraphs', 'Jagland:\n“We will keep our word to the people.”', 'Jagland:\n\n\n“We will keep our word to the people.”'],
];

test('edits in one paragraph reach the quotes of another through reads across line breaks', () => {
  const resources = loadEntityResources(DATA);
  for (const [name, before, after] of SCENARIOS) {
    const memo = createAnalysisMemo();
    const wrap = (middle: string) => `${FILLER_BEFORE}\n${middle}\n${FILLER_AFTER}`;
    const answers = [before, after].map(middle => {
      memo.roll();
      const text = wrap(middle);
      const incremental = analyzeText(text, { entityResources: resources, memo }).quotes;
      const fresh = analyzeText(text, { entityResources: resources }).quotes;
      assert.deepEqual(incremental, fresh, `${name}: the memo's answer differs from a fresh analysis`);
      return fresh.map(q => [q.speakers.join('+'), q.attribution ? text.slice(q.attribution.start, q.attribution.end) + '@' + (q.attribution.start - q.start) : ''].join(' '));
    });
    assert.notDeepEqual(answers[0], answers[1], `${name}: the edit should change an attribution`);
  }
});

test('facts that read to the end of the text are read again when a paragraph is added after it', () => {
  const resources = loadEntityResources(DATA);
  const memo = createAnalysisMemo();
  const before = `${FILLER_BEFORE}\n“We will not back down,” said`;
  const speakers = [before, `${before}\nSen. Larry Craig.`].map(text => {
    memo.roll();
    const quotes = analyzeText(text, { entityResources: resources, memo }).quotes;
    assert.deepEqual(quotes, analyzeText(text, { entityResources: resources }).quotes);
    return quotes[0].speakers.join();
  });
  assert.notDeepEqual(speakers[0], speakers[1]);
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
  // Long enough after the quote that its facts do not read to the end of the text.
  const base = `“We will not back down,” Officials said.\n\nThe talks went on.\n${FILLER_AFTER}`;
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
