/**
 * The layout layer: paragraphs (non-blank lines), CoNLL-style tokens with exact UTF-16 offsets,
 * sentence cuts that respect honorifics and initials, and language per paragraph.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { layoutText, splitParagraphs, tokenize } from '../../server/src/analysis/layout';
import { detectLanguage } from '../../server/src/analysis/language';

test('paragraphs are non-blank lines, trimmed, with CRLF and lone CR', () => {
  const text = 'Title\r\n\r\n  First line.  \rSecond\n';
  const spans = splitParagraphs(text).map(s => text.slice(s.start, s.end));
  assert.deepEqual(spans, ['Title', 'First line.', 'Second']);
});

test('tokens split possessives and French elisions, keep abbreviations whole', () => {
  const words = (s: string) => tokenize(s).map(t => t.text);
  assert.deepEqual(words("Kerry's U.S. visit"), ['Kerry', "'s", 'U.S.', 'visit']);
  assert.deepEqual(words("l'État et d’Irak"), ["l'", 'État', 'et', 'd’', 'Irak']);
  assert.deepEqual(words('Jean-Yves Le Drian, 2014.'), ['Jean-Yves', 'Le', 'Drian', ',', '2014', '.']);
});

test('token offsets are UTF-16 and survive emoji', () => {
  const text = '😀 Paris';
  const [, paris] = tokenize(text);
  assert.equal(text.slice(paris.start, paris.end), 'Paris');
});

test('sentences do not break after honorifics or initials', () => {
  const text = 'Mr. Kerry met John F. Kennedy. He left. « Oui », dit-il.';
  const layout = layoutText(text, () => 'en');
  assert.deepEqual(layout.sentences.map(s => text.slice(s.start, s.end)), ['Mr. Kerry met John F. Kennedy.', 'He left.', '« Oui », dit-il.']);
});

test('language per paragraph', () => {
  assert.equal(detectLanguage('Le ministre de la Défense a déclaré que la France'), 'fr');
  assert.equal(detectLanguage('The secretary said that the United States would'), 'en');
  assert.equal(detectLanguage('NATO', 'fr'), 'fr');
});

test('a name after a hyphenated prefix is a token of its own, initials and honorifics stay whole', () => {
  const words = (s: string) => tokenize(s).map(t => t.text);
  assert.deepEqual(words('counter-ISIS and anti-Islamic State'), ['counter', '-', 'ISIS', 'and', 'anti', '-', 'Islamic', 'State']);
  assert.deepEqual(words('Counter-ISIL Coalition'), ['Counter', '-', 'ISIL', 'Coalition']);
  assert.deepEqual(words('Jean-Yves Saint-Denis al-Assad'), ['Jean-Yves', 'Saint-Denis', 'al-Assad']);
  assert.deepEqual(words('John F. Kerry, Mr. Smith, M. Le Drian'), ['John', 'F.', 'Kerry', ',', 'Mr.', 'Smith', ',', 'M.', 'Le', 'Drian']);
});

test('US state abbreviations and party initials are tokens of their own', () => {
  const words = (s: string) => tokenize(s).map(t => t.text);
  assert.deepEqual(words('Frist (R-Tenn.) and Byrd (D-W.Va.), in Pittsburgh, Pa. today'), [
    'Frist', '(', 'R', '-', 'Tenn.', ')', 'and', 'Byrd', '(', 'D', '-', 'W.Va.', ')', ',', 'in', 'Pittsburgh', ',', 'Pa.', 'today',
  ]);
  assert.deepEqual(words('T-Mobile'), ['T-Mobile']);
});
