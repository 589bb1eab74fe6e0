/**
 * Incremental date recognition: with the per-document memo, the reference date and the dates of
 * an edited text must equal those found from scratch. Seeded random edits land mostly next to
 * line breaks and in the date line, where a paragraph's dates depend on its neighbours ("Sept. 11"
 * then "attacks" on the next line, "attentats du" then "11 septembre", a U+2028 separator that
 * word look-backs run across) and on the reference date every relative date resolves against.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { findReferenceDate, recognizeDates } from '../../server/src/analysis/dates/index';
import { isWhiteSpace } from '../../server/src/analysis/dates/rules';
import { detectLanguage, languageScore } from '../../server/src/analysis/language';
import { layoutText } from '../../server/src/analysis/layout';
import { createAnalysisMemo, type AnalysisMemo, type Memo } from '../../server/src/analysis/memo';
import type { DateMention } from '../../server/src/analysis/types';
import { ENGLISH_ARTICLE, FRENCH_ARTICLE } from '../protocol/fixtures';
import { prng } from '../protocol/hostileTexts';

const SHARED = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'articles');

/** Paragraphs whose dates read their neighbours, and a date line to edit. */
const BOUNDARIES = [
  'Published: September 5, 2014',
  'WASHINGTON – Sept. 5, 2014 –',
  'The officials discussed the Sept. 11',
  'attacks on Monday and will meet again next Friday.',
  'Les ministres ont évoqué les attentats du',
  '11 septembre mardi, a-t-il déclaré.',
  'Le défilé du Mardi',
  'gras aura lieu samedi prochain.',
  'The report came out in March',
  '5 people were hurt on Tuesday.',
  'He scored 1,',
  '2014 points last year.',
  'They met in the spring\u2028of 2015, on Monday, in\u2028May and last week.',
  'The RIMPAC\u20282016 exercise took place this summer.',
  'Ils se sont vus mercredi et se reverront en juin.',
].join('\n');

const SNIPPETS = [
  '\n', '\n\n', '\r\n', '\u2028', ' ', 'x', ' attacks', '\nattacks', 'Sept. 11', ' gras', '\ngras', 'mardi', '\n5 people', ' in March',
  'attentats du\n', ' 1,', '2 ', ' of', ' in', 'RIMPAC ', ' on Monday', ' le 22 mars dernier', ' 2016', ', 2015', ' next week',
  'Published: 5 March 2015\n', 'Mis à jour le 23.03.2017 ', 'Published: 19980812\n', 'Posted ', '12 January 2016',
];

const documentLanguage = (text: string) => (languageScore(text) < 0 ? 'fr' : 'en');

/** The reference date and the dates of `text`, with `memo` or from scratch. */
function datesOf(text: string, memo?: AnalysisMemo) {
  const language = documentLanguage(text);
  // The whole memo, as an analysis passes it: the layout then tells the dates stage its edit.
  const layout = layoutText(text, paragraph => detectLanguage(paragraph, language), memo);
  const reference = findReferenceDate(layout, memo);
  return { reference, dates: recognizeDates(layout, reference, memo) };
}

/** A position next to a line break, in the first lines, or anywhere. */
function editPosition(text: string, random: () => number): number {
  const choice = random();
  if (choice < 0.5) {
    const breaks = [...text.matchAll(/[\n\r\u2028]/g)].map(m => m.index!);
    const at = breaks[Math.floor(random() * breaks.length)] ?? 0;
    return Math.max(0, Math.min(text.length, at + Math.floor(random() * 7) - 3));
  }
  if (choice < 0.65) return Math.floor(random() * Math.min(text.length, 120));
  return Math.floor(random() * (text.length + 1));
}

test('dates with a memo equal dates from scratch after every random edit', { timeout: 120000 }, () => {
  const article = fs.existsSync(SHARED) ? fs.readFileSync(path.join(SHARED, fs.readdirSync(SHARED).filter(f => f.endsWith('.txt')).sort()[0]), 'utf8') : '';
  let text = [BOUNDARIES, ENGLISH_ARTICLE, FRENCH_ARTICLE, article].join('\n\n');
  const random = prng(20260315);
  const memo = createAnalysisMemo();
  // Counts the paragraphs whose dates were found again rather than taken from the memo.
  let recognized = 0, paragraphs = 0;
  const counting: AnalysisMemo = {
    ...memo,
    stage: <V>(name: string): Memo<V> => {
      const inner = memo.stage<V>(name);
      if (name !== 'dates') return inner;
      return {
        get: key => inner.get(key),
        set: (key, value) => {
          // The memo keeps the last text and its paragraphs' entries.
          type Last = { paragraphs: unknown[] };
          const last = new Set((inner.get(key) as Last | undefined)?.paragraphs ?? []);
          for (const entry of (value as Last).paragraphs) if (!last.has(entry)) recognized++;
          paragraphs += (value as Last).paragraphs.length;
          return inner.set(key, value);
        },
      };
    },
  };
  for (let step = 0; step < 300; step++) {
    const at = editPosition(text, random);
    const kind = random();
    if (kind < 0.6) text = text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
    else if (kind < 0.85) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 12)));
    else {
      // A same-length replacement (a typed-over character): contexts keep their lengths and places.
      const n = Math.min(text.length - at, 1 + Math.floor(random() * 3));
      text = text.slice(0, at) + [...text.slice(at, at + n)].map(c => (/\d/.test(c) ? String((Number(c) + 1) % 10) : c === 'a' ? 'e' : 'a')).join('') + text.slice(at + n);
    }
    memo.roll();
    const incremental = datesOf(text, counting);
    const fresh = datesOf(text);
    assert.deepEqual(incremental.reference, fresh.reference, `step ${step}: reference date differs`);
    assert.deepEqual(incremental.dates, fresh.dates, `step ${step}: dates differ`);
  }
  // An edit touches a paragraph or two, and their neighbours: the rest came from the memo.
  assert.ok(recognized < paragraphs / 10, `${recognized} of ${paragraphs} paragraphs recognized again`);
});

test('a changed reference date resolves every paragraph again', () => {
  const memo = createAnalysisMemo();
  const text = `Published: September 5, 2014\n\n${ENGLISH_ARTICLE}\n\nThey will meet next Friday.`;
  datesOf(text, memo);
  memo.roll();
  const edited = text.replace('September 5', 'September 12');
  const monday = (dates: DateMention[]) => dates.find(d => d.text === 'Monday')?.value;
  assert.equal(monday(datesOf(edited, memo).dates), '2014-09-08');
  assert.equal(monday(datesOf(edited).dates), '2014-09-08');
});

/** Analyses `before` with a memo, then `after` with the same memo, and checks the result against a fresh analysis. */
function assertEditKeepsIdentity(before: string, after: string) {
  const memo = createAnalysisMemo();
  datesOf(before, memo);
  memo.roll();
  const incremental = datesOf(after, memo);
  const fresh = datesOf(after);
  assert.deepEqual(incremental, fresh);
  return fresh;
}

test('a word far before a paragraph, across a U+2028 separator, is part of its context', () => {
  // "the first in three years" is a duration; "first" lies beyond the fixed reach, but the word walk reads it.
  const before = `It was the first${' '.repeat(50)}\u2028in three years that they met.`;
  const fresh = assertEditKeepsIdentity(before, before.replace('first', 'fifth'));
  assert.equal(fresh.dates.length, 1, 'after the edit, "three years" is a date');
});

test('a paragraph whose language follows the document reads its dates again when the document changes language', () => {
  const french = 'Le ministre s’est rendu à Bagdad avec les représentants de la coalition, qui ont rencontré les responsables du gouvernement.';
  const english = 'The minister traveled to Baghdad with the representatives of the coalition, who met the officials of the government.';
  const before = `${french}\n\nParis, Monday\n\n${french}\n\n${english}`;
  const fresh = assertEditKeepsIdentity(before, `${before}\n\n${english}\n\n${english}`);
  assert.equal(fresh.dates.length, 1, 'read as English, "Monday" is a date');
});

test('the date line finder reads a paragraph again when it moves out of the early ones', () => {
  const filler = (i: number) => `Paragraph ${i} of the article says nothing about the time.`;
  const paragraphs = Array.from({ length: 39 }, (_, i) => filler(i));
  const before = [...paragraphs, 'The talks in Geneva ended on Sept. 5, 2014, without a deal.'].join('\n');
  const fresh = assertEditKeepsIdentity(before, `${filler(-1)}\n${before}`);
  assert.equal(fresh.reference, null, 'the forty-first paragraph is too far down for an uncued date');
});

test('isWhiteSpace agrees with \\s on every UTF-16 unit', () => {
  for (let code = 0; code < 0x10000; code++) assert.equal(isWhiteSpace(code), /\s/.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
});
