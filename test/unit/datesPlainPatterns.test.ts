/**
 * The date rules run their ASCII patterns without the `u` flag on paragraphs free of "ſ" and the
 * Kelvin sign (`plainTwin` in rules.ts), which is several times faster. These tests check the
 * premise on every UTF-16 unit (only those two characters match ASCII letters or `\w` differently
 * with and without the flag, ignoring case) and the twins on seeded random texts made of the
 * rules' own words, digits, punctuation, accented letters and surrogate pairs. Likewise the tense
 * markers' twins without the u flag (`latinTwin` in tense.ts) on windows of Latin-1 and punctuation.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { plainTwin } from '../../server/src/analysis/dates/rules';
import { EN_RULES } from '../../server/src/analysis/dates/rulesEn';
import { FR_RULES } from '../../server/src/analysis/dates/rulesFr';
import { prng } from '../protocol/hostileTexts';
import { isLatinWindow, latinTwin, PARTICIPLE_BEFORE_FR, TENSE_PATTERNS } from '../../server/src/analysis/dates/tense';

const FOLDS_TO_ASCII = new Set([0x17f, 0x212a]);

test('ignoring case, only ſ and the Kelvin sign match ASCII letters or \\w differently with the u flag', () => {
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('').map(c => [new RegExp(c, 'i'), new RegExp(c, 'iu')]);
  const word = [/\w/i, /\w/iu];
  for (let code = 0; code < 0x10000; code++) {
    if (FOLDS_TO_ASCII.has(code)) continue;
    const c = String.fromCharCode(code);
    for (const [plain, unicode] of letters) assert.equal(plain.test(c), unicode.test(c), `U+${code.toString(16)} vs ${plain.source}`);
    assert.equal(word[0].test(c), word[1].test(c), `U+${code.toString(16)} vs \\w`);
  }
});

const matches = (re: RegExp, text: string) => {
  const out: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(`${m.index}:${m.join('|')}`);
    if (!m[0].length) re.lastIndex++;
  }
  return out;
};

test('plain twins of the rule patterns find the same matches on texts without ſ or the Kelvin sign', () => {
  const rules = [...EN_RULES, ...FR_RULES];
  const twinned = rules.filter(rule => plainTwin(rule.pattern));
  assert.ok(twinned.length >= 10, 'most English patterns have a twin');
  assert.ok(rules.every(rule => !/\\p\{/.test(rule.pattern.source) || !plainTwin(rule.pattern)), 'no twin for a pattern with property classes');
  // The rules' own words, so that matches happen, and characters the u flag treats differently.
  const words = [...new Set(twinned.flatMap(rule => rule.pattern.source.match(/[a-z]{2,}/gi) ?? []))];
  const others = [' ', ' ', '  ', '\n', '\u00a0', ',', '.', "'", '’', '-', '‐', '–', 'É', 'é', 'ß', 'İ', 'ı', '😀', '\ud83d', '\ude00', '2014', '5', '1999', 'x'];
  const random = prng(7);
  for (let n = 0; n < 3000; n++) {
    let text = '';
    for (let i = 0; i < 12; i++) {
      const word = random() < 0.6 ? words[Math.floor(random() * words.length)] : others[Math.floor(random() * others.length)];
      text += random() < 0.3 ? word.toUpperCase() : random() < 0.3 ? word[0].toUpperCase() + word.slice(1) : word;
      text += random() < 0.8 ? ' ' : '';
    }
    for (const rule of twinned) assert.deepEqual(matches(plainTwin(rule.pattern)!, text), matches(rule.pattern, text), `${rule.name} on ${JSON.stringify(text)}`);
  }
  // Where the long s is, the twin would miss a match: that is why such paragraphs keep the u flag.
  const week = EN_RULES.find(rule => rule.name === 'week')!;
  assert.notDeepEqual(matches(plainTwin(week.pattern)!, 'thiſ week'), matches(week.pattern, 'thiſ week'));
});

test('Latin twins of the tense markers find the same matches on windows of Latin-1 letters and punctuation', () => {
  const patterns = Object.values(TENSE_PATTERNS);
  const words = [...new Set(patterns.flatMap(p => p.source.match(/\p{L}{2,}/gu) ?? []))].concat(['United', 'Ankara', 'retraites', 'année', 'annoncées', 'déclaré', 'ÉTAIT', 'est-ce']);
  const units: string[] = [];
  for (let code = 0; code < 0x100; code++) units.push(String.fromCharCode(code));
  for (let code = 0x2000; code < 0x2070; code++) units.push(String.fromCharCode(code));
  units.push('€');
  const participle = latinTwin(PARTICIPLE_BEFORE_FR);
  const random = prng(9);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  for (let n = 0; n < 4000; n++) {
    let text = '';
    for (let i = 0; i < 14; i++) {
      text += random() < 0.5 ? pick(words) : pick(units) + (random() < 0.5 ? pick(units) : '');
      text += random() < 0.6 ? ' ' : '';
    }
    assert.ok(isLatinWindow(text));
    for (const pattern of patterns) assert.deepEqual(matches(latinTwin(pattern), text), matches(pattern, text), `${pattern.source.slice(0, 30)} on ${JSON.stringify(text)}`);
    for (let end = 0; end <= text.length; end += 7) assert.equal(participle.test(text.slice(0, end)), PARTICIPLE_BEFORE_FR.test(text.slice(0, end)));
  }
  assert.ok(!isLatinWindow('thiſ'), 'the long s is beyond');
  assert.ok(!isLatinWindow('\u212a'), 'the Kelvin sign is beyond');
});

test('the quick checks before the French past participle\'s look-behind change no match', () => {
  const unguarded = new RegExp(TENSE_PATTERNS.PAST_FR.source.replace('(?<=\\s)(?=\\p{Ll})', ''), 'gu');
  assert.notEqual(unguarded.source, TENSE_PATTERNS.PAST_FR.source);
  const words = ['a', 'ont', 'est', 'sont', 'avait', 'était', 'déjà', 'annoncé', 'annoncées', 'dit', 'pris', 'vu', 'ouvert', 'Élu', 'élu', 'été', 'Il', 'elle'];
  const glue = [' ', '  ', '\n', '\u00a0', '\u2009', ',', "'", '’', '-', 'É', ''];
  const random = prng(10);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  for (let n = 0; n < 4000; n++) {
    let text = '';
    for (let i = 0; i < 10; i++) text += pick(words) + pick(glue);
    assert.deepEqual(matches(TENSE_PATTERNS.PAST_FR, text), matches(unguarded, text), JSON.stringify(text));
  }
});
