/**
 * The rule tables run through one scan of start and cue words, each pattern tried only where it
 * may start (`scanRules` in ruleScan.ts). These tests check that it finds exactly the matches of
 * the global search of every pattern (`scanRule`), on the dev articles and on seeded random texts
 * made of the rules' own words glued or separated by spaces, punctuation, accented letters and
 * digits (with every rule's \`needs\` test, as the global search had: the scan only asks those marked
 * \`strictNeeds\`), and that a start word left out of a rule would be noticed.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { plainTwin, scanRule, type DateRule } from '../../server/src/analysis/dates/rules';
import { scanRules } from '../../server/src/analysis/dates/ruleScan';
import { EN_RULES } from '../../server/src/analysis/dates/rulesEn';
import { FR_RULES } from '../../server/src/analysis/dates/rulesFr';
import { prng } from '../protocol/hostileTexts';

const describe = (rules: DateRule[], i: number, m: RegExpExecArray) => `${rules[i].name} ${m.index}:${m.join('|')}`;

/** Every rule's matches by the global search, rules in order (what `applyRules` did before the scan). */
function searched(rules: DateRule[], text: string): string[] {
  const out: string[] = [];
  rules.forEach((rule, i) => {
    if (rule.needs && !rule.needs.test(text)) return;
    for (const m of scanRule(plainTwin(rule.pattern) ?? rule.pattern, text)) out.push(describe(rules, i, m));
  });
  return out;
}

function scanned(rules: DateRule[], text: string): string[] {
  const out: string[] = [];
  scanRules(rules, text, plainTwin, rule => !rule.strictNeeds || !rule.needs || rule.needs.test(text), (i, m) => out.push(describe(rules, i, m)));
  return out;
}

const TABLES = { en: EN_RULES, fr: FR_RULES };

test('the scan finds the matches of the global search on the dev articles, paragraph by paragraph', () => {
  const folder = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'articles');
  let matches = 0;
  for (const file of fs.readdirSync(folder)) {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    for (const paragraph of text.split(/\n\s*\n/)) {
      for (const rules of Object.values(TABLES)) {
        const expected = searched(rules, paragraph);
        matches += expected.length;
        assert.deepEqual(scanned(rules, paragraph), expected, paragraph);
      }
    }
  }
  assert.ok(matches > 20);
});

/** Words of the patterns and of the start and cue lists, with glue that tests the word edges. */
function randomTexts(rules: DateRule[], seed: number, count: number): string[] {
  const words = [...new Set(rules.flatMap(rule => [...(rule.pattern.source.match(/\p{L}{2,}/gu) ?? []), ...rule.starts, ...rule.cues]).filter(w => !w.startsWith('#')))];
  const glue = [' ', ' ', ' ', '', '  ', '\n', '\u00a0', ',', ', ', '.', "'", '’', "l'", 'd’', '-', '‐', '–', 'é', 'É', 'x', '_', '$', '2014', '1999', '2014-', '5', '12', '123', '12345', '1 000', 'ß', 'İ', '😀'];
  const random = prng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    for (let i = 0; i < 14; i++) {
      const word = random() < 0.6 ? pick(words) : pick(glue);
      text += random() < 0.2 ? word.toUpperCase() : random() < 0.3 ? word.slice(0, 1).toUpperCase() + word.slice(1) : word;
      text += random() < 0.7 ? ' ' : random() < 0.5 ? pick(glue) : '';
    }
    texts.push(text);
  }
  return texts;
}

test('the scan finds the matches of the global search on random texts of the rules\' words', () => {
  for (const [language, rules] of Object.entries(TABLES)) {
    let matches = 0;
    for (const text of randomTexts(rules, language === 'en' ? 11 : 12, 4000)) {
      const expected = searched(rules, text);
      matches += expected.length;
      assert.deepEqual(scanned(rules, text), expected, `${language}: ${JSON.stringify(text)}`);
    }
    assert.ok(matches > 2000, `${language}: ${matches} matches`);
  }
});

test('a start word missing from a rule would be caught', () => {
  const weekday = EN_RULES.find(rule => rule.name === 'weekday')!;
  const crippled = [{ ...weekday, starts: weekday.starts.filter(w => w !== 'last') }];
  assert.notDeepEqual(scanned(crippled, 'He left last Monday.'), searched(crippled, 'He left last Monday.'));
});
