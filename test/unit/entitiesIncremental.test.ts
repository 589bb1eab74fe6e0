/**
 * Entity recognition with a document memo must equal a fresh recognition after any edit. The
 * memo reuses paragraphs by position and by text, sentences by key, and the document-level
 * propagation per paragraph when none of the keys it looked up changed; so the edits here aim at
 * what propagates across paragraphs: full names whose surname, particle name or company prefix is
 * used alone elsewhere, names tagged with several types, URLs, a paragraph turning French, line
 * breaks that split or join paragraphs, and pasted duplicate paragraphs.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/analyze';
import { recognizeEntities, reusedParagraphs } from '../../server/src/analysis/entities/index';
import { KeyIds, propagate, sentenceSpans, type PropagationUnit } from '../../server/src/analysis/entities/propagate';
import type { TokenSpan } from '../../server/src/analysis/entities/rules';
import { detectLanguage, languageScore } from '../../server/src/analysis/language';
import { layoutText } from '../../server/src/analysis/layout';
import { createAnalysisMemo, type AnalysisMemo } from '../../server/src/analysis/memo';
import { loadEntityResources } from '../../server/src/resources';
import { prng } from '../../scripts/prng';
import { ENGLISH_ARTICLE, FRENCH_ARTICLE } from '../protocol/fixtures';

const DATA = path.join(__dirname, '..', '..', '..', 'data');
const SHARED = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'articles');

// Names whose parts propagate: surnames ("Hagel"), particle surnames ("Le Drian"), company
// prefixes ("Ciena"), a name tagged with two types, and the places and acronyms around them.
const PROPAGATING = [
  'Defense Secretary Chuck Hagel met Jean-Yves Le Drian and executives of Ciena Corp. in Paris on Monday.',
  'Hagel said the talks with Le Drian were useful. Ciena shares rose after the meeting in Brussels.',
  'Donald Trump spoke to Trump Tower staff. Trump later met NATO officials, see www.nato.int/Trump for details.',
  'Penn State University and Penn State fans cheered. Lucas Hernandez and Lucas met at Villepin Street.',
  'HAGEL VISITS PARIS',
];

const NAMES = ['Chuck Hagel', 'Hagel', 'Jean-Yves Le Drian', 'Le Drian', 'Ciena Corp.', 'Ciena', 'Donald Trump', 'Trump', 'Penn State University', 'Lucas Hernandez', 'NATO', 'Paris'];
const SNIPPETS = [' Chuck Hagel', ' Hagel', ' Jean-Yves Le Drian', ' Le Drian', ' Ciena Corp.', ' Ciena', ' Trump', ' said Angela Merkel', ' Merkel', '\n', '\n\n', ' http://example.com/Hagel ', ' Le', ' Corp.', ' M. Le Drian a déclaré mardi à Bagdad que la France', 'x', '. ', ' Kerry'];

// Whole paragraphs in one language: enough of them flip the document's language, which decides
// the language of short paragraphs ("HAGEL VISITS PARIS") and so their tagging.
const LANGUAGE_SWINGS = [
  `\n${FRENCH_ARTICLE}\n`,
  '\nLe ministre a déclaré mardi que la France et ses alliés poursuivraient les frappes contre les positions du groupe dans le nord du pays, selon un communiqué publié par le ministère.\n',
  `\n${ENGLISH_ARTICLE}\n`,
  '\nHagel Le Drian\n',
  '\nPARIS\n',
];

function startText(): string {
  const articles = fs.existsSync(SHARED) ? fs.readdirSync(SHARED).filter(f => f.endsWith('.txt')).sort().slice(0, 2).map(f => fs.readFileSync(path.join(SHARED, f), 'utf8')) : [ENGLISH_ARTICLE, FRENCH_ARTICLE];
  return [PROPAGATING.slice(0, 3).join('\n'), articles[0], PROPAGATING.slice(3).join('\n\n'), articles[1] ?? FRENCH_ARTICLE, PROPAGATING[1], FRENCH_ARTICLE].join('\n\n');
}

/** One random edit; most aim at a name so that what it propagates to changes. */
function edit(text: string, random: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const at = Math.floor(random() * (text.length + 1));
  const choice = random();
  if (choice < 0.35) {
    const name = pick(NAMES);
    const found = text.indexOf(name, Math.floor(random() * text.length));
    const where = found >= 0 ? found : text.indexOf(name);
    if (where >= 0) {
      const kind = random();
      // Change a letter, drop the first word, or cut the name short.
      if (kind < 0.4) return text.slice(0, where + 1) + pick(['a', 'e', 'X', 'é']) + text.slice(where + 2);
      if (kind < 0.7) return text.slice(0, where) + text.slice(where + Math.max(1, name.indexOf(' ') + 1));
      return text.slice(0, where + name.length - 1) + text.slice(where + name.length);
    }
  }
  if (choice < 0.45) {
    // Change a character just before a line end: the paragraph keeps its offsets, not its text.
    const end = text.indexOf('\n', at);
    const k = (end < 0 ? text.length : end) - 1 - Math.floor(random() * 3);
    if (k > 0) return text.slice(0, k) + pick(['e', 'X', '.', 's']) + text.slice(k + 1);
  }
  if (choice < 0.5) return text.slice(0, at) + pick(LANGUAGE_SWINGS) + text.slice(at);
  if (choice < 0.75) return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
  if (choice < 0.9) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 60)));
  // Paste a copy of a paragraph elsewhere (identical paragraphs share their results).
  const lines = text.split('\n').filter(Boolean);
  return text.slice(0, at) + `\n${pick(lines)}\n` + text.slice(at);
}

function recognize(text: string, resources: ReturnType<typeof loadEntityResources>, memo?: AnalysisMemo) {
  const language = languageScore(text) < 0 ? 'fr' : 'en';
  const layout = layoutText(text, p => detectLanguage(p, language), memo?.paragraphs);
  return recognizeEntities(layout, resources, memo);
}

test('entity recognition with a memo equals a fresh one after random edits of propagating names', { timeout: 240000 }, () => {
  const resources = loadEntityResources(DATA);
  const random = prng(4242);
  const memo = createAnalysisMemo();
  let text = startText();
  let reused = 0;
  for (let step = 0; step < 300; step++) {
    text = edit(text, random);
    memo.roll();
    const incremental = recognize(text, resources, memo);
    reused += reusedParagraphs(memo);
    assert.deepEqual(incremental, recognize(text, resources), `step ${step} differs`);
  }
  assert.ok(reused > 300 * 20, `only ${reused} paragraphs reused`);
});

test('a name edited in one paragraph changes what propagates to the others, with a memo as without', () => {
  const resources = loadEntityResources(DATA);
  const memo = createAnalysisMemo();
  const steps = [
    'Defense Secretary Chuck Hagel arrived.\n\nThe trip was long.\n\nHagel spoke to Le Drian and Ciena.',
    'Defense Secretary Chuck Hagen arrived.\n\nThe trip was long.\n\nHagel spoke to Le Drian and Ciena.',
    'Defense Secretary Chuck Hagel arrived with Jean-Yves Le Drian.\n\nThe trip was long.\n\nHagel spoke to Le Drian and Ciena.',
    'Defense Secretary Chuck Hagel arrived with Jean-Yves Le Drian of Ciena Corp.\n\nThe trip was long.\n\nHagel spoke to Le Drian and Ciena.',
    'Defense Secretary Hagel arrived with Jean-Yves Le Drian of Ciena Corp.\n\nThe trip was long.\n\nHagel spoke to Le Drian and Ciena.',
    'Defense Secretary Hagel arrived with Jean-Yves Le Drian of Ciena Corp.\n\nThe trip was long.\n\nHagel spoke to Le Drian and Ciena.',
  ];
  const shown = (text: string, mentions: ReturnType<typeof recognize>) => mentions.map(m => `${m.type} ${text.slice(m.start, m.end)}`);
  const seen: string[][] = [];
  for (const text of steps) {
    memo.roll();
    const incremental = recognize(text, resources, memo);
    assert.deepEqual(incremental, recognize(text, resources), text);
    seen.push(shown(text, incremental));
  }
  // The edits did change the other paragraphs' mentions (else this test would prove nothing).
  assert.notDeepEqual(seen[0], seen[1]);
  assert.notDeepEqual(seen[1], seen[3]);
});

test('the whole analysis with a memo equals a fresh one on a multi-article text', { timeout: 120000 }, () => {
  const resources = loadEntityResources(DATA);
  const random = prng(77);
  const memo = createAnalysisMemo();
  let text = startText();
  for (let step = 0; step < 40; step++) {
    text = edit(text, random);
    memo.roll();
    assert.deepEqual(analyzeText(text, { entityResources: resources, memo }), analyzeText(text, { entityResources: resources }), `step ${step} differs`);
  }
});

test('the rule-based fallback with a memo equals a fresh one when edits change the spacing between words', () => {
  const random = prng(9);
  const memo = createAnalysisMemo();
  let text = 'Jean Dupont met Marie Curie in Paris.\nThe Ministry of Defense and NATO spoke. Jean  Dupont left.\n\nSecretary of State John Kerry met Angela Merkel.';
  for (let step = 0; step < 200; step++) {
    const at = Math.floor(random() * (text.length + 1));
    const choice = random();
    if (choice < 0.4) text = text.slice(0, at) + (random() < 0.5 ? ' ' : '  ') + text.slice(at);
    else if (choice < 0.7) {
      const space = text.indexOf(' ', at);
      if (space >= 0) text = text.slice(0, space) + text.slice(space + 1);
    } else text = text.slice(0, at) + [' Paul Martin', '\n', ' of ', ' Lyon'][Math.floor(random() * 4)] + text.slice(at);
    memo.roll();
    const layout = layoutText(text, () => 'en', memo.paragraphs);
    assert.deepEqual(recognizeEntities(layout, undefined, memo), recognizeEntities(layoutText(text, () => 'en')), `step ${step} differs`);
  }
});

// Sentences as the per-sentence pass leaves them (token texts and typed spans), some of which the
// propagation changes depending on the others: surnames, particles, company prefixes, majorities.
const SENTENCES: Array<[string, Array<[number, number, string]>]> = [
  ['Jean-Yves Le Drian arrived', [[0, 3, 'PER']]],
  ['Minister Le Drian said', [[2, 3, 'PER']]],
  ['Yesterday , Le Drian left', [[3, 4, 'LOC']]],
  ['Chuck Hagel spoke', [[0, 2, 'PER']]],
  ['Hagel left', []],
  ['Hagel left', [[0, 1, 'LOC']]],
  ['Ciena Corp. grew', [[0, 2, 'ORG']]],
  ['Ciena rose and Ciena fell', [[0, 1, 'LOC']]],
  ['Penn State University won', [[0, 3, 'ORG']]],
  ['Penn State fans', [[0, 2, 'LOC']]],
  ['Donald Trump spoke', [[0, 2, 'PER']]],
  ['Trump Tower', [[0, 2, 'ORG']]],
  ['Trump said', [[0, 1, 'ORG']]],
  ['Trump said', [[0, 1, 'PER']]],
  ['North Korea and South Korea', [[0, 2, 'LOC']]],
  ['Korea and North Korea', [[0, 1, 'LOC']]],
  ['Lucas Hernandez played', [[0, 2, 'PER']]],
  ['Lucas played', [[0, 1, 'LOC']]],
  ['Then North Korea', []],
];

function unitOf(sentences: number[]): PropagationUnit {
  return { sentences: sentences.map(k => sentenceSpans(SENTENCES[k][0].split(' '), SENTENCES[k][1].map(([start, end, type]) => ({ start, end, type })))) };
}

test('propagation that keeps its tables across calls equals a fresh one as paragraphs come and go', () => {
  const random = prng(31);
  const pickUnit = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * SENTENCES.length));
  let plan = Array.from({ length: 8 }, pickUnit);
  let units = plan.map(unitOf);
  const keyIds = new KeyIds();
  const shown = (result: TokenSpan[][][]) => result.map(unit => unit.map(spans => spans.map(s => `${s.start}-${s.end}:${s.type}`).join(' ')));
  let changes = 0;
  let previous: string[][] = [];
  for (let step = 0; step < 400; step++) {
    // Replace, insert, delete or repeat one paragraph; the others keep their objects, as the memo does.
    const at = Math.floor(random() * plan.length);
    const choice = random();
    if (choice < 0.4) (plan[at] = pickUnit()), (units[at] = unitOf(plan[at]));
    else if (choice < 0.6) (plan = [...plan.slice(0, at), pickUnit(), ...plan.slice(at)]), (units = [...units.slice(0, at), unitOf(plan[at]), ...units.slice(at)]);
    else if (choice < 0.8 && plan.length > 2) (plan = plan.filter((_, k) => k !== at)), (units = units.filter((_, k) => k !== at));
    else (plan = [...plan, plan[at]]), (units = [...units, units[at]]);
    const incremental = shown(propagate(units, keyIds));
    assert.deepEqual(incremental, shown(propagate(plan.map(unitOf), new KeyIds())), `step ${step} differs`);
    // Count unchanged paragraphs whose result changed: the look-ups must have been re-checked.
    for (let u = 0; u < Math.min(previous.length, incremental.length); u++) if (previous[u].join('|') !== incremental[u].join('|')) changes++;
    previous = incremental;
  }
  assert.ok(changes > 50, `only ${changes} changes`);
});

test('propagation counts each call\'s votes afresh (its vote counters are reused and cleared between calls)', () => {
  const random = prng(7);
  const shown = (result: TokenSpan[][][]) => JSON.stringify(result.map(unit => unit.map(spans => spans.map(s => `${s.start}-${s.end}:${s.type}`))));
  const plans = Array.from({ length: 24 }, () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * SENTENCES.length))));
  // Key ids past any used before count on counters no earlier call touched: the reference.
  const unused = (from: number) => {
    const ids = new KeyIds();
    for (let i = 0; i < from; i++) ids.id(`unused ${i}`);
    return ids;
  };
  const shared = new KeyIds();
  for (let k = 0; k < plans.length; k++) {
    const expected = shown(propagate(plans[k].map(unitOf), unused(1000 * (k + 1))));
    // The same document with low key ids, after others that used them: the same result.
    for (let before = 1; before <= 4; before++) {
      propagate(plans[(k + before) % plans.length].map(unitOf), before % 2 ? shared : new KeyIds());
      assert.equal(shown(propagate(plans[k].map(unitOf), new KeyIds())), expected, `document ${k} differs after document ${(k + before) % plans.length}`);
    }
  }
});

test('a paragraph whose text is unchanged but whose language follows the document is tagged again', () => {
  const resources = loadEntityResources(DATA);
  const memo = createAnalysisMemo();
  const short = 'Jordan Nice Georgia Chad Hagel';
  const french = 'Le ministre a déclaré mardi que la France et ses alliés poursuivraient les frappes contre les positions du groupe dans le nord du pays.';
  const english = 'The minister said on Tuesday that France and its allies would keep striking the positions of the group in the north of the country.';
  const texts = [`${short}\n${english}`, `${short}\n${english}\n${french}`, `${short}\n${english}\n${french}\n${french}`, `${short}\n${english}\n${french}`, `${short}\n${english}`];
  const languages = new Set<string>();
  for (const text of texts) {
    memo.roll();
    languages.add(languageScore(text) < 0 ? 'fr' : 'en');
    assert.deepEqual(recognize(text, resources, memo), recognize(text, resources), text);
  }
  assert.equal(languages.size, 2, 'the document language flipped');
});

test('mentions of paragraphs before an edit are the same objects again; after it they move with the text', () => {
  const resources = loadEntityResources(DATA);
  const memo = createAnalysisMemo();
  const first = 'Jean Dupont met Marie Curie in Paris.\n\nSecretary of State John Kerry met Angela Merkel in Berlin.';
  memo.roll();
  const before = recognize(first, resources, memo);
  const at = first.indexOf('Secretary');
  const second = first.slice(0, at) + 'The ' + first.slice(at);
  memo.roll();
  const after = recognize(second, resources, memo);
  assert.deepEqual(after, recognize(second, resources));
  const untouched = before.filter(m => m.end <= at);
  assert.ok(untouched.length > 0 && untouched.length < after.length);
  assert.ok(untouched.every((m, k) => after[k] === m));
  assert.ok(after.slice(untouched.length).every(m => !before.includes(m)));
});
