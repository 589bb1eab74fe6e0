/**
 * Every export format read back and compared with the project's JSON, on the dev articles (when
 * the shared folder is there) and on inline text with characters outside the BMP: brat ↔ JSON
 * both ways (an exported brat file imported as corrections gives the same analysis), JSONL in
 * code points, CoNLL tokens and IOB2 tags.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/analyze';
import { correctionsFromBrat } from '../../server/src/analysis/corrections/bratCorrections';
import { toAnnotationJson, type AnnotationJson } from '../../server/src/analysis/export/annotationJson';
import { analysisToBrat, parseBrat } from '../../server/src/analysis/export/brat';
import { offsetMap } from '../../server/src/analysis/export/codePoints';
import { parseConll, toConll } from '../../server/src/analysis/export/conll';
import { exportAnnotations, EXPORT_FORMATS } from '../../server/src/analysis/export/formats';
import { parseJsonl, toJsonl } from '../../server/src/analysis/export/jsonl';
import { tokenize } from '../../server/src/analysis/layout';
import type { Analysis } from '../../server/src/analysis/types';
import { loadEntityResources } from '../../server/src/resources';

const DATA = path.join(__dirname, '..', '..', '..', 'data');
const SHARED = process.env.ARTICLE_LENS_SHARED ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared');
const resources = loadEntityResources(DATA);

const INLINE = [
  'PARIS, 22 mars 2017 🇫🇷',
  '',
  'Le ministre Jean-Yves Le Drian 😀 a rencontré John Kerry à Bagdad mardi.',
  '',
  '« Nous devons poursuivre le combat contre Daech jusqu’au bout », a déclaré M. Le Drian.',
  '',
  'The meeting with NATO and the State Department took place on\nMonday, officials said.',
].join('\n');

/** The texts to check: the inline one plus the dev articles. */
function texts(): Array<[string, string]> {
  const out: Array<[string, string]> = [['inline.txt', INLINE]];
  const dir = path.join(SHARED, 'articles');
  if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir).filter(n => n.endsWith('.txt')).sort()) out.push([f, fs.readFileSync(path.join(dir, f), 'utf8')]);
  return out;
}

/** The gold-shaped JSON an exported brat file describes. */
function jsonFromBrat(file: string, text: string, ann: string, language: string): AnnotationJson {
  const doc = parseBrat(text, ann);
  const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  return {
    file,
    language,
    mentions: doc.spans.filter(s => ['PERSON', 'ORGANIZATION', 'LOCATION'].includes(s.type)).map(s => ({ start: s.start, end: s.end, text: slice(s), type: s.type, canonical: s.canonical! })),
    dates: doc.spans.filter(s => s.type === 'DATE').map(s => ({ start: s.start, end: s.end, text: slice(s), value: s.notes.find(n => n.startsWith('value: '))?.slice(7) ?? null })),
    quotes: doc.spans.filter(s => s.type === 'QUOTE').map(s => ({ start: s.start, end: s.end, text: slice(s), speakers: s.notes.find(n => n.startsWith('speakers:'))!.slice(9).split(';').map(x => x.trim()).filter(Boolean) })),
  };
}

const analyses = new Map<string, Analysis>();
const analysisOf = (file: string, text: string) => {
  let a = analyses.get(file);
  if (!a) analyses.set(file, (a = analyzeText(text, { entityResources: resources })));
  return a;
};

test('brat → JSON: the exported brat file describes exactly the JSON', () => {
  for (const [file, text] of texts()) {
    const analysis = analysisOf(file, text);
    const json = toAnnotationJson(file, analysis);
    const ann = analysisToBrat(text, analysis);
    assert.deepEqual(jsonFromBrat(file, text, ann, analysis.language), json, file);
    // brat's own rules: tab-separated, fragments never cross a line break, text column = the covered text.
    for (const line of ann.trimEnd().split('\n').filter(l => l.startsWith('T'))) {
      const [, typeAndOffsets, covered] = line.split('\t');
      const cp = [...text];
      const fragments = typeAndOffsets.split(' ').slice(1).join(' ').split(';').map(f => f.split(' ').map(Number));
      assert.equal(fragments.map(([a, b]) => cp.slice(a, b).join('')).join(' '), covered, line);
      for (const [a, b] of fragments) assert.ok(!cp.slice(a, b).join('').includes('\n'), line);
    }
  }
});

test('JSON → brat → corrections: importing our own brat export reproduces the analysis', () => {
  for (const [file, text] of texts()) {
    const analysis = analysisOf(file, text);
    const { corrections, problems } = correctionsFromBrat(text, analysisToBrat(text, analysis));
    assert.deepEqual(problems, []);
    // Every span, canonical name, date value and speaker goes through the sidecar reader and the corrections merge unchanged.
    const reimported = analyzeText(text, { entityResources: resources, annotations: { corrections } });
    assert.deepEqual(toAnnotationJson(file, reimported), toAnnotationJson(file, analysis), file);
  }
});

test('JSONL: text and code-point spans read back equal the JSON (entities = label)', () => {
  for (const [file, text] of texts()) {
    const analysis = analysisOf(file, text);
    const json = toAnnotationJson(file, analysis);
    const line = toJsonl(file, text, analysis);
    assert.equal(line.split('\n').length, 2, 'one line per article');
    const raw = JSON.parse(line) as { text: string; entities: Array<[number, number, string]> };
    const cp = [...text];
    for (const [s, e, label] of raw.entities) {
      const m = json.mentions.find(x => x.type === label && cp.slice(s, e).join('') === x.text) ?? json.dates.find(x => label === 'DATE' && cp.slice(s, e).join('') === x.text);
      assert.ok(m, `${file}: ${label} ${s}-${e} as Python would slice it`);
    }
    const [record] = parseJsonl(line);
    assert.equal(record.text, text);
    assert.deepEqual(record.label, record.entities);
    const mentions = record.entities.filter(e => e[2] !== 'DATE').map(([start, end, type]) => ({ start, end, text: text.slice(start, end), type }));
    assert.deepEqual(mentions, json.mentions.map(({ start, end, text: t, type }) => ({ start, end, text: t, type })), file);
    const dates = record.entities.filter(e => e[2] === 'DATE').map(([start, end]) => ({ start, end }));
    assert.deepEqual(dates, json.dates.filter(d => !json.mentions.some(m => m.start < d.end && d.start < m.end)).map(({ start, end }) => ({ start, end })), file);
  }
});

test('CoNLL: the project tokens in order, IOB2 tags rebuilding the JSON spans', () => {
  for (const [file, text] of texts()) {
    const analysis = analysisOf(file, text);
    const conll = toConll(text, analysis);
    assert.ok(conll.startsWith('-DOCSTART- -X- -X- O\n\n'));
    for (const line of conll.split('\n').filter(l => l && !l.startsWith('-DOCSTART-'))) assert.equal(line.split(' ').length, 4, line);
    const sentences = parseConll(conll);
    const words = sentences.flat();
    // Same tokens as the tokenizer gives over the sentences.
    const expectedWords = analysis.sentences.flatMap(s => tokenize(text, s.start, s.end).map(t => t.text));
    assert.deepEqual(words.map(w => w.word), expectedWords, file);
    // IOB2: I- only continues a span of the same label.
    words.forEach((w, i) => {
      if (w.tag.startsWith('I-')) assert.ok(i > 0 && words[i - 1].tag.slice(2) === w.tag.slice(2), `${file}: ${w.word} ${w.tag}`);
    });
    // Spans rebuilt from the tags cover the same tokens as the JSON's mentions.
    const tokens = analysis.sentences.flatMap(s => tokenize(text, s.start, s.end));
    const rebuilt: Array<{ start: number; end: number; label: string }> = [];
    words.forEach((w, i) => {
      if (w.tag.startsWith('B-')) rebuilt.push({ start: tokens[i].start, end: tokens[i].end, label: w.tag.slice(2) });
      else if (w.tag.startsWith('I-')) rebuilt[rebuilt.length - 1].end = tokens[i].end;
    });
    const LABEL: Record<string, string> = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION' };
    const fromTags = rebuilt.filter(s => s.label !== 'DATE').map(s => `${LABEL[s.label]} ${text.slice(s.start, s.end)}`);
    const fromJson = analysis.mentions.map(m => {
      const covered = tokens.filter(t => t.start < m.end && m.start < t.end);
      return `${m.type} ${text.slice(covered[0].start, covered[covered.length - 1].end)}`;
    });
    assert.deepEqual(fromTags, fromJson, file);
  }
});

test('exportAnnotations dispatches every format; offsets maps agree with Python slicing', () => {
  const analysis = analysisOf('inline.txt', INLINE);
  for (const format of EXPORT_FORMATS) assert.ok(exportAnnotations(format, 'inline.txt', INLINE, analysis).length > 50, format);
  const json = JSON.parse(exportAnnotations('json', 'inline.txt', INLINE, analysis)) as AnnotationJson;
  assert.deepEqual(json, toAnnotationJson('inline.txt', analysis));
  const map = offsetMap(INLINE);
  const kerry = INLINE.indexOf('John Kerry');
  assert.equal([...INLINE].slice(map.toCodePoint(kerry), map.toCodePoint(kerry + 10)).join(''), 'John Kerry');
});
